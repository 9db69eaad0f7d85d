"""The PIN pad that opens staff and technician modes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain.pin import PIN_MAX
from kiosk.i18n import Lang
from kiosk.ui.screens.base import Screen
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.keypad import Keypad


class PinScreen(Screen):
    """Collects digits; ``pin_entered`` on OK, ``cancelled`` on cancel."""

    name = "pin"
    prompt_id = "admin.pin_hint"
    pin_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        self._digits = ""
        self.busy = False
        root = QHBoxLayout(self)
        m = theme.mm(8)
        root.setContentsMargins(m, m, m, m)
        left = QVBoxLayout()
        self.title = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.hint = BiText(
            theme, "secondary", align=Qt.AlignmentFlag.AlignLeft, colour=theme.palette.muted
        )
        self.dots = QLabel()
        self.dots.setFont(theme.font(Lang.EN, "huge", bold=True))
        self.dots.setStyleSheet(f"color: {theme.palette.text};")
        self.error = BiText(
            theme,
            "secondary",
            bold=True,
            align=Qt.AlignmentFlag.AlignLeft,
            colour=theme.palette.error_text,
        )
        self.cancel = BigButton(theme, "secondary", min_mm=(MAIN_TARGET_MM * 2, MAIN_TARGET_MM))
        left.addWidget(self.title)
        left.addWidget(self.hint)
        left.addSpacing(theme.mm(6))
        left.addWidget(self.dots)
        left.addWidget(self.error)
        left.addStretch(1)
        left.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignLeft)
        root.addLayout(left, 1)
        self.keypad = Keypad(theme, texts)
        root.addWidget(self.keypad)
        self.keypad.digit_pressed.connect(self._on_keypad_digit_pressed)
        self.keypad.delete_pressed.connect(self._on_keypad_delete_pressed)
        self.keypad.ok_pressed.connect(self._on_keypad_ok_pressed)
        self.cancel.clicked.connect(self.cancelled)
        texts.mode_changed.connect(self.keypad.retranslate)
        self.retranslate()

    def entered(self) -> None:
        """Start empty every time."""
        self.reset()
        super().entered()

    def reset(self) -> None:
        """Forget the digits and any error."""
        self._digits = ""
        self.busy = False
        self.error.set_lines([])
        self._show_dots()

    def show_error(self, lines: list[tuple[Lang, str]]) -> None:
        """Show why the PIN was refused and clear the digits."""
        self._digits = ""
        self.busy = False
        self._show_dots()
        self.error.set_lines(lines)

    def retranslate(self) -> None:
        """Texts in the current mode."""
        self.title.set_lines(self.texts.lines("admin.pin_title"))
        self.hint.set_lines(self.texts.lines("admin.pin_hint"))
        self.cancel.set_lines(self.texts.lines("common.cancel"))

    def _show_dots(self) -> None:
        self.dots.setText("●" * len(self._digits) or " ")

    def _on_keypad_digit_pressed(self, digit: str) -> None:
        if not self.busy and len(self._digits) < PIN_MAX:
            self._digits += digit
            self._show_dots()

    def _on_keypad_delete_pressed(self) -> None:
        if not self.busy:
            self._digits = self._digits[:-1]
            self._show_dots()

    def _on_keypad_ok_pressed(self) -> None:
        if self.busy or not self._digits:
            return
        self.busy = True
        pin, self._digits = self._digits, ""
        self._show_dots()
        self.pin_entered.emit(pin)
