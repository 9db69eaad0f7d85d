"""The employer's first screen: their card (and, for a new one, the phone staff type in);
the page frame every recruitment screen shares."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import Lang
from kiosk.ui.icons import TRADE_ICONS
from kiosk.ui.screens.base import Screen
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton, RepeatButton
from kiosk.ui.widgets.keypad import Keypad

LEFT = Qt.AlignmentFlag.AlignLeft
PHONE_DIGITS = 11


def trade_lines(texts: Texts, code: str) -> list[tuple[Lang, str]]:
    """A trade's picture and name, in the current mode."""
    icon = TRADE_ICONS.get(code, "🛠")
    return [(lang, f"{icon} {text}") for lang, text in texts.lines(f"jobtype.{code}")]


class _Page(Screen):
    """Title, the page's body, and a foot row: "back", "say it again" and the main action."""

    in_session = True
    leave_requested = Signal()
    repeat_requested = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        self.root = QVBoxLayout(self)
        m = theme.mm(8)
        self.root.setContentsMargins(m, m, m, m)
        self.root.setSpacing(theme.mm(4))
        self.title = BiText(theme, "title", bold=True, align=LEFT)
        self.root.addWidget(self.title)
        self.body = QVBoxLayout()
        self.root.addLayout(self.body, 1)
        self.problem = BiText(
            theme, "primary", bold=True, align=LEFT, colour=theme.palette.error_text
        )
        self.root.addWidget(self.problem)
        foot = QHBoxLayout()
        foot.setSpacing(theme.mm(8))
        self.leave = BigButton(theme, "secondary", min_mm=(MAIN_TARGET_MM * 2.5, MAIN_TARGET_MM))
        self.leave.clicked.connect(self.leave_requested)
        self.repeat = RepeatButton(theme)
        self.repeat.clicked.connect(self.repeat_requested)
        self.main = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 4, MAIN_TARGET_MM))
        foot.addWidget(self.leave)
        foot.addWidget(self.repeat)
        foot.addStretch(1)
        foot.addWidget(self.main)
        self.root.addLayout(foot)
        self.problem_lines: list[tuple[Lang, str]] = []

    def show_problem(self, lines: list[tuple[Lang, str]]) -> None:
        """Why the last touch did not go through (on the page, where it stays)."""
        self.problem_lines = lines
        self.problem.set_lines(lines)

    def retranslate(self) -> None:
        """The foot row in the current mode."""
        self.leave.set_lines(self.texts.lines("common.back"))
        self.repeat.set_name(self.texts.lines("voice.repeat"))


class RecruitCardScreen(_Page):
    """ "Employer, tap your ID card"; for a card no one knows, the holder's masked name and
    number and the phone staff type in: ``register_requested(phone)``."""

    name = "recruit_card"
    prompt_id = "recruit.card_title"
    register_requested = Signal(str)

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        self.digits = ""
        self.holder: tuple[str, str] | None = None  # (masked name, masked number)
        self.hint = BiText(theme, "secondary", align=LEFT)
        self.body.addWidget(self.hint)
        self.form = QWidget()
        row = QHBoxLayout(self.form)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.mm(10))
        left = QVBoxLayout()
        self.who = BiText(theme, "primary", bold=True, align=LEFT)
        self.number = BiText(theme, "primary", bold=True, align=LEFT)
        self.ask = BiText(theme, "secondary", align=LEFT)
        self.phone = BiText(theme, "huge", bold=True, align=LEFT)
        self.phone.setObjectName("recruitPhone")
        for widget in (self.who, self.number, self.ask, self.phone):
            left.addWidget(widget)
        left.addStretch(1)
        row.addLayout(left, 1)
        self.keypad = Keypad(theme, texts, ok_style="secondary")
        self.keypad.digit_pressed.connect(self._digit)
        self.keypad.delete_pressed.connect(lambda: self._set_phone(self.digits[:-1]))
        self.keypad.ok_pressed.connect(self._register)
        row.addWidget(self.keypad)
        self.body.addWidget(self.form)
        self.body.addStretch(1)
        self.main.clicked.connect(self._register)
        self.wait()

    def wait(self) -> None:
        """Waiting for the employer's tap (nothing of anyone shown)."""
        self.holder, self.digits, self.problem_lines = None, "", []
        self.form.hide()
        self.main.hide()
        self.retranslate()

    def ask_phone(self, name_masked: str, number_masked: str) -> None:
        """The tapped card is no one's here: register its holder with their phone."""
        self.holder, self.digits, self.problem_lines = (name_masked, number_masked), "", []
        self.form.show()
        self.main.show()
        self.retranslate()

    def _digit(self, digit: str) -> None:
        if len(self.digits) < PHONE_DIGITS:
            self._set_phone(self.digits + digit)

    def _set_phone(self, digits: str) -> None:
        self.digits = digits
        self.phone.set_lines([(Lang.EN, self.digits or "—")])

    def _register(self) -> None:
        if self.holder is not None:
            self.register_requested.emit(self.digits)

    def prompt(self) -> tuple[str, dict[str, Any]]:
        """The tap, or (a new employer) the phone."""
        return ("recruit.phone_ask", {}) if self.holder else (self.prompt_id, {})

    def retranslate(self) -> None:
        """Texts in the current mode."""
        super().retranslate()
        t = self.texts
        self.title.set_lines(t.lines("recruit.phone_ask" if self.holder else "recruit.card_title"))
        self.hint.set_lines([] if self.holder else t.lines("recruit.card_hint"))
        if self.holder is not None:
            name, number = self.holder
            self.who.set_lines(t.lines("recruit.new_employer", name=name))
            self.number.set_lines([(Lang.EN, number)])
            self.ask.set_lines(t.lines("recruit.phone_why"))
        self._set_phone(self.digits)
        self.main.set_lines(t.lines("recruit.register"))
        self.problem.set_lines(self.problem_lines)
