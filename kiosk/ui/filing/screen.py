"""Profile filing for an unknown card: consent, trades, wage, when, phone, language, confirm.

One task per step, at most six big choices, pictures beside words; only digits are typed.
Nothing is stored until the worker confirms on the last step. The steps run in a
``StepWizard``: paging through the trades and asking the years of each chosen trade are
parts of one step, kept apart from moving on to the next step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.profile import AVAILABILITY, LANGUAGES, WAGE_CHOICES, ProfileDraft, phone_problem
from kiosk.i18n import Lang, Ref
from kiosk.ui.filing.confirm import ConfirmPage
from kiosk.ui.filing.steps import (
    AREAS,
    LANGUAGE_IDS,
    NO_HINT,
    PER_PAGE,
    STEPS,
    YEAR_CHOICES,
)
from kiosk.ui.icons import TRADE_ICONS
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.session_bar import SessionBar
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, MIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.keypad import Keypad
from kiosk.ui.widgets.kinetic import kinetic
from kiosk.ui.widgets.wizard import Step, StepWizard

__all__ = ["NO_HINT", "STEPS", "YEAR_CHOICES", "FilingScreen"]


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
        self.name_shown = ""
        self.editing = False  # an edit skips consent
        root = QVBoxLayout(self)
        m = theme.mm(6)
        root.setContentsMargins(m, m, m, m)
        self.wizard = StepWizard(theme, texts)
        self.back, self.next = self.wizard.back, self.wizard.next
        self.title, self.hint = self.wizard.title, self.wizard.hint
        root.addWidget(self.wizard, 1)
        self.choices: dict[str, BigButton] = {}
        pages = (len(job_types) + PER_PAGE - 1) // PER_PAGE
        self.wizard.add(Step("consent", self._build_consent(), next_label="filing.agree"))
        grid = self._build_grid
        self.wizard.add(
            Step(
                "skills",
                grid(PER_PAGE, lambda i: f"skill:{i}", role="secondary"),
                parts=lambda: pages,
                leave=self._leave_skills,
                more_label="filing.more_trades",
            )
        )
        self.wizard.add(
            Step(
                "years",
                grid(len(YEAR_CHOICES), lambda i: f"years:{YEAR_CHOICES[i]}"),
                parts=lambda: max(1, len(self.draft.skills)),  # one part per chosen trade
            )
        )
        self.wizard.add(Step("wage", grid(len(WAGE_CHOICES), lambda i: f"wage:{WAGE_CHOICES[i]}")))
        self.wizard.add(Step("when", grid(len(AVAILABILITY), lambda i: f"when:{AVAILABILITY[i]}")))
        area = grid(len(AREAS), lambda i: f"area:{AREAS[i]}", columns=2, role="secondary")
        self.wizard.add(Step("area", area))
        self.wizard.add(Step("phone", self._build_phone(), leave=self._leave_phone))
        self.wizard.add(Step("language", grid(len(LANGUAGES), lambda i: f"lang:{LANGUAGES[i]}")))
        self.summary = ConfirmPage(theme, texts)
        self.wizard.add(Step("confirm", self.summary, next_label="filing.save"))
        assert [st.name for st in self.wizard.steps] == list(STEPS)
        self.bar = SessionBar(theme, texts, middle=self.next)
        root.addWidget(self.bar)
        self.wizard.moved.connect(self._on_wizard_moved)
        self.wizard.finished.connect(lambda: self.confirmed.emit(self.draft))
        self.retranslate()

    # --- where the wizard stands (tests and screenshots set ``step`` directly) ------------
    @property
    def step(self) -> int:
        """The index of the current step in STEPS."""
        return self.wizard.index

    @step.setter
    def step(self, index: int) -> None:
        self.wizard.show_step(index)

    @property
    def page(self) -> int:
        """Which page of trades the skills step shows."""
        return self.wizard.part if STEPS[self.step] == "skills" else 0

    @property
    def year_index(self) -> int:
        """Which chosen trade the years step asks about."""
        return self.wizard.part if STEPS[self.step] == "years" else 0

    # --- building ------------------------------------------------------------------
    def _build_consent(self) -> QWidget:
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
        return page

    def _build_grid(
        self, count: int, key: object, *, columns: int = 3, role: str = "primary"
    ) -> QWidget:
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
        return page

    def _build_phone(self) -> QWidget:
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
        # One main action a screen: "next" is it; the pad's OK is a plain key here.
        self.keypad = Keypad(self.theme, self.texts, label_role="small", ok_style="secondary")
        self.keypad.digit_pressed.connect(self._on_keypad_digit_pressed)
        self.keypad.delete_pressed.connect(self._on_keypad_delete_pressed)
        self.keypad.ok_pressed.connect(self.wizard.go_next)
        row.addLayout(left, 1)
        row.addWidget(self.keypad)
        self.phone_digits = ""
        return page

    # --- flow ----------------------------------------------------------------------
    def start(self, name: str, draft: ProfileDraft | None = None) -> None:
        """A new filing for ``name``, or (with ``draft``) an edit that skips consent."""
        self.draft = draft if draft is not None else ProfileDraft()
        self.editing = draft is not None
        self.phone_digits = self.draft.phone or ""
        self.name_shown = name
        self.wizard.can_leave = self.editing  # "my details": back from the first step = home
        self.wizard.start(1 if self.editing else 0)
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

    def _on_wizard_moved(self) -> None:
        self.retranslate()
        self.prompt_changed.emit()

    def _leave_skills(self, _part: int) -> bool:
        if not self.draft.skills:
            self.hint.set_lines(self.texts.lines("filing.need_skill"))
            return False
        return True

    def _leave_phone(self, _part: int) -> bool:
        if self.phone_digits and phone_problem(self.phone_digits):
            self.phone_error.set_lines(self.texts.lines("error.phone_invalid"))
            return False
        self.draft.phone = self.phone_digits or None
        return True

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
        self.wizard.skip()

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
        self.wizard.refresh()
        t, step = self.texts, STEPS[self.step]
        trades = list(self.draft.skills)
        asked = trades[min(self.year_index, len(trades) - 1)] if trades else ""
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
        self.summary.show_draft(self.name_shown, self.draft)
