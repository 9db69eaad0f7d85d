"""Profile filing for an unknown card: consent, trades, wage, when, phone, language, confirm.

One task per step, at most six big choices, pictures beside words; only digits are typed.
Nothing is stored until the worker confirms on the last step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.profile import AVAILABILITY, LANGUAGES, WAGE_CHOICES, ProfileDraft, phone_problem
from kiosk.i18n import Lang
from kiosk.ui.icons import TRADE_ICONS
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.jobs import kinetic
from kiosk.ui.screens.session_bar import SessionBar
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, MIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.keypad import Keypad
from kiosk.voice.prompts import Ref

STEPS = ("consent", "skills", "years", "wage", "when", "area", "phone", "language", "confirm")
NO_HINT = ("area",)  # steps whose choices need the room of the hint line
AREAS = ("gongdelin", "jinzhuxilu", "gamagongsang", "market", "anywhere")
YEAR_CHOICES = (0, 2, 5, 10)  # stored as years; shown as ranges
PER_PAGE = 6
LANGUAGE_IDS = {"both": "lang.both", "bo": "lang.bo", "zh": "lang.zh"}


class FilingScreen(Screen):
    """``confirmed(draft)`` when the worker saves; ``declined`` when they refuse consent."""

    name = "filing"
    prompt_id = "filing.consent_title"
    in_session = True
    confirmed = Signal(object)
    declined = Signal()
    prompt_changed = Signal()  # a new step: speak its title

    def __init__(
        self, theme: Theme, texts: Texts, job_types: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(theme, texts, parent)
        self.job_types = job_types
        self.draft = ProfileDraft()
        self.step, self.page, self.name_shown = 0, 0, ""
        self.year_index = 0  # which chosen trade the years step asks about
        self.editing, self.first_step = False, 0  # an edit skips consent
        root = QVBoxLayout(self)
        m = theme.mm(6)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(3))
        top = QHBoxLayout()
        self.back = BigButton(
            theme, "secondary", role="secondary", min_mm=(MAIN_TARGET_MM * 1.6, MIN_TARGET_MM)
        )
        self.title = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.progress = QLabel()
        self.progress.setFont(theme.font(Lang.EN, "secondary", bold=True))
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.title, 1)
        top.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(top)
        self.hint = BiText(
            theme, "secondary", align=Qt.AlignmentFlag.AlignLeft, colour=theme.palette.muted
        )
        root.addWidget(self.hint)
        self.pages = QStackedWidget()
        root.addWidget(self.pages, 1)
        self.choices: dict[str, BigButton] = {}
        self._build_consent()
        self._build_grid("skills", PER_PAGE, lambda i: f"skill:{i}")
        self._build_grid("years", len(YEAR_CHOICES), lambda i: f"years:{YEAR_CHOICES[i]}")
        self._build_grid("wage", len(WAGE_CHOICES), lambda i: f"wage:{WAGE_CHOICES[i]}")
        self._build_grid("when", len(AVAILABILITY), lambda i: f"when:{AVAILABILITY[i]}")
        self._build_grid(
            "area", len(AREAS), lambda i: f"area:{AREAS[i]}", columns=2, role="secondary"
        )
        self._build_phone()
        self._build_grid("language", len(LANGUAGES), lambda i: f"lang:{LANGUAGES[i]}")
        self.summary = BiText(theme, "primary", align=Qt.AlignmentFlag.AlignLeft)
        self.pages.addWidget(self.summary)
        self.next = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 4, MAIN_TARGET_MM))
        self.bar = SessionBar(theme, texts, middle=self.next)
        root.addWidget(self.bar)
        self.back.clicked.connect(self._on_back_clicked)
        self.next.clicked.connect(self._on_next_clicked)
        self.retranslate()

    # --- building ------------------------------------------------------------------
    def _build_consent(self) -> None:
        page = QWidget()
        column = QVBoxLayout(page)
        self.consent_text = BiText(self.theme, "secondary", align=Qt.AlignmentFlag.AlignLeft)
        self.decline = BigButton(
            self.theme, "secondary", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM)
        )
        self.decline.clicked.connect(self.declined)
        # The consent must be read whole: it scrolls (by touch) rather than being cut.
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(self.consent_text)
        area.viewport().setStyleSheet(f"background: {self.theme.palette.background};")
        kinetic(area.viewport())
        column.addWidget(area, 1)
        column.addWidget(self.decline, 0, Qt.AlignmentFlag.AlignLeft)
        self.pages.addWidget(page)

    def _build_grid(
        self, step: str, count: int, key: object, *, columns: int = 3, role: str = "primary"
    ) -> None:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setSpacing(self.theme.mm(5))
        for i in range(count):
            name = key(i)  # type: ignore[operator]
            button = BigButton(
                self.theme, "secondary", role=role, min_mm=(MIN_TARGET_MM * 3, MIN_TARGET_MM)
            )
            button.clicked.connect(lambda _=False, n=name: self._on_choice_clicked(n))
            grid.addWidget(button, i // columns, i % columns)
            self.choices[name] = button
        self.pages.addWidget(page)

    def _build_phone(self) -> None:
        page = QWidget()
        row = QHBoxLayout(page)
        left = QVBoxLayout()
        self.phone_shown = QLabel()
        self.phone_shown.setFont(self.theme.font(Lang.EN, "huge", bold=True))
        self.phone_error = BiText(
            self.theme, "secondary", bold=True, colour=self.theme.palette.error_text
        )
        self.skip_phone = BigButton(
            self.theme, "secondary", min_mm=(MAIN_TARGET_MM * 2.5, MAIN_TARGET_MM)
        )
        self.skip_phone.clicked.connect(self._on_skip_phone_clicked)
        self.phone_hint = BiText(
            self.theme,
            "secondary",
            align=Qt.AlignmentFlag.AlignLeft,
            colour=self.theme.palette.muted,
        )
        left.addWidget(self.phone_shown)
        left.addWidget(self.phone_hint)
        left.addWidget(self.phone_error)
        left.addStretch(1)
        left.addWidget(self.skip_phone, 0, Qt.AlignmentFlag.AlignLeft)
        self.keypad = Keypad(self.theme, self.texts, label_role="small")
        self.keypad.digit_pressed.connect(self._on_keypad_digit_pressed)
        self.keypad.delete_pressed.connect(self._on_keypad_delete_pressed)
        self.keypad.ok_pressed.connect(self._on_next_clicked)
        row.addLayout(left, 1)
        row.addWidget(self.keypad)
        self.pages.addWidget(page)
        self.phone_digits = ""

    # --- flow ----------------------------------------------------------------------
    def start(self, name: str, draft: ProfileDraft | None = None) -> None:
        """A new filing for ``name``, or (with ``draft``) an edit that skips consent."""
        self.draft = draft if draft is not None else ProfileDraft()
        self.editing = draft is not None
        self.first_step = 1 if self.editing else 0
        self.step, self.page, self.year_index = self.first_step, 0, 0
        self.phone_digits = self.draft.phone or ""
        self.name_shown = name
        self.retranslate()

    def clear(self) -> None:
        """Forget everything (the visit ended)."""
        self.start("")

    def prompt(self) -> tuple[str, dict[str, Any]]:
        """The step's title; the years step names the trade it asks about."""
        step = STEPS[self.step]
        if step == "years":
            trades = list(self.draft.skills)
            if trades:
                asked = trades[min(self.year_index, len(trades) - 1)]
                return "filing.years_title", {"trade": Ref(f"jobtype.{asked}")}
        return f"filing.{step}_title", {}

    def _moved(self, before: tuple[int, int, int]) -> None:
        if before != (self.step, self.page, self.year_index):
            self.prompt_changed.emit()

    def _on_back_clicked(self) -> None:
        before = (self.step, self.page, self.year_index)
        if STEPS[self.step] == "skills" and self.page > 0:
            self.page -= 1
        elif STEPS[self.step] == "years" and self.year_index > 0:
            self.year_index -= 1
        elif self.step > self.first_step:
            self.step -= 1
        self.retranslate()
        self._moved(before)

    def _on_next_clicked(self) -> None:
        before = (self.step, self.page, self.year_index)
        step = STEPS[self.step]
        pages = (len(self.job_types) + PER_PAGE - 1) // PER_PAGE
        if step == "skills" and self.page < pages - 1:
            self.page += 1
        elif step == "skills" and not self.draft.skills:
            self.hint.set_lines(self.texts.lines("filing.need_skill"))
            return
        elif step == "years" and self.year_index < len(self.draft.skills) - 1:
            self.year_index += 1
        elif step == "phone" and self.phone_digits and phone_problem(self.phone_digits):
            self.phone_error.set_lines(self.texts.lines("error.phone_invalid"))
            return
        elif step == "confirm":
            self.confirmed.emit(self.draft)
            return
        else:
            if step == "phone":
                self.draft.phone = self.phone_digits or None
            self.step += 1
        self.retranslate()
        self._moved(before)

    def _on_choice_clicked(self, name: str) -> None:
        kind, value = name.split(":", 1)
        if kind == "skill":
            index = self.page * PER_PAGE + int(value)
            if index < len(self.job_types):
                self.draft.toggle_skill(self.job_types[index])
        elif kind == "years":
            trades = list(self.draft.skills)
            if self.year_index < len(trades):
                self.draft.skills[trades[self.year_index]] = int(value)
        elif kind == "wage":
            self.draft.expected_wage = int(value)
        elif kind == "when":
            self.draft.availability = value
        elif kind == "area":
            self.draft.area = None if value == "anywhere" else value
        elif kind == "lang":
            self.draft.language = value
        self.retranslate()

    def _on_skip_phone_clicked(self) -> None:
        self.phone_digits = ""
        self.draft.phone = None
        self.step += 1
        self.retranslate()
        self.prompt_changed.emit()

    def _on_keypad_digit_pressed(self, digit: str) -> None:
        if len(self.phone_digits) < 11:
            self.phone_digits += digit
            self.phone_error.set_lines([])
            self._show_phone()

    def _on_keypad_delete_pressed(self) -> None:
        self.phone_digits = self.phone_digits[:-1]
        self._show_phone()

    def _show_phone(self) -> None:
        d = self.phone_digits
        self.phone_shown.setText(" ".join(filter(None, (d[:3], d[3:7], d[7:]))) or "_")

    # --- texts ---------------------------------------------------------------------
    def retranslate(self) -> None:
        """Show the current step in the current mode."""
        t, step = self.texts, STEPS[self.step]
        self.pages.setCurrentIndex(self.step)
        self.progress.setText(f"{self.step + 1} / {len(STEPS)}")
        trades = list(self.draft.skills)
        self.year_index = min(self.year_index, max(0, len(trades) - 1))
        asked = trades[self.year_index] if trades else ""
        if step == "years" and asked:
            names = dict(t.lines(f"jobtype.{asked}"))
            self.title.set_lines(
                [
                    (lang, text.format(trade=names.get(lang, text)))
                    for lang, text in t.lines("filing.years_title", trade="{trade}")
                ]
            )
        else:
            self.title.set_lines(t.lines(f"filing.{step}_title"))
        # The phone step has its hint beside the keypad, where there is room.
        shown = step != "phone" and step not in NO_HINT
        self.hint.set_lines(t.lines(f"filing.{step}_hint") if shown else [])
        self.phone_hint.set_lines(t.lines("filing.phone_hint"))
        self.back.set_lines(t.lines("common.back"))
        self.back.setVisible(self.step > self.first_step)
        self.next.set_lines(
            t.lines(
                "filing.agree"
                if step == "consent"
                else "filing.save"
                if step == "confirm"
                else "common.next"
            )
        )
        self.consent_text.set_lines(t.lines("filing.consent_text", name=self.name_shown or "—"))
        self.decline.set_lines(t.lines("filing.decline"))
        self.skip_phone.set_lines(t.lines("filing.skip_phone"))
        self._show_phone()
        for i in range(PER_PAGE):
            button, index = self.choices[f"skill:{i}"], self.page * PER_PAGE + i
            if index < len(self.job_types):
                code = self.job_types[index]
                button.set_lines(
                    [
                        (lang, f"{TRADE_ICONS.get(code, '')} {text}")
                        for lang, text in t.lines(f"jobtype.{code}")
                    ]
                )
                button.set_selected(code in self.draft.skills)
                button.show()
            else:
                button.hide()
        for years in YEAR_CHOICES:
            button = self.choices[f"years:{years}"]
            button.set_lines(t.lines(f"filing.years_{years}"))
            button.set_selected(bool(asked) and self.draft.skills.get(asked) == years)
        for wage in WAGE_CHOICES:
            self.choices[f"wage:{wage}"].set_lines(t.lines("filing.wage_choice", wage=wage))
            self.choices[f"wage:{wage}"].set_selected(self.draft.expected_wage == wage)
        for when in AVAILABILITY:
            self.choices[f"when:{when}"].set_lines(t.lines(f"filing.when_{when}"))
            self.choices[f"when:{when}"].set_selected(self.draft.availability == when)
        for area in AREAS:
            msgid = "filing.area_anywhere" if area == "anywhere" else f"place.{area}"
            self.choices[f"area:{area}"].set_lines(t.lines(msgid))
            self.choices[f"area:{area}"].set_selected((self.draft.area or "anywhere") == area)
        for lang in LANGUAGES:
            autonym = t.catalog.text(LANGUAGE_IDS[lang], Lang.EN)
            script = Lang.ZH if lang == "zh" else Lang.BO
            self.choices[f"lang:{lang}"].set_lines([(script, autonym)])
            self.choices[f"lang:{lang}"].set_selected(self.draft.language == lang)
        skills = [text for code in self.draft.skills for _, text in t.lines(f"jobtype.{code}")[-1:]]
        self.summary.set_lines(
            t.lines(
                "filing.summary",
                name=self.name_shown,
                skills="、".join(skills) or "—",
                wage=self.draft.expected_wage or "—",
                phone=self.draft.phone or "—",
            )
        )
