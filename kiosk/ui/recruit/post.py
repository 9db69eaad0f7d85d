"""The job in a few touches, on two pages of one screen: what work (the same as before, or a
trade's picture), then its terms (the wage on the keypad, today or tomorrow, how many) and
"post". A past job fills the terms in; every one can still be changed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.domain.recruit import MAX_SLOTS, PastJob
from kiosk.i18n import Lang, Ref
from kiosk.ui.recruit.screens import LEFT, _Page, trade_lines
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, MIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.keypad import Keypad
from kiosk.ui.widgets.scrollbody import scroll_body

WAGE_DIGITS = 4
TRADE_COLUMNS = 6
PAST_SHOWN = 3
WHAT, TERMS = 0, 1  # the two pages


class RecruitPostScreen(_Page):
    """``post_requested(trade, wage, tomorrow, slots)``; "back" on the terms page returns to
    the work, on the work page it leaves (``leave_requested``)."""

    name = "recruit_post"
    prompt_id = "recruit.post_title"
    post_requested = Signal(str, int, bool, int)

    def __init__(
        self, theme: Theme, texts: Texts, trades: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(theme, texts, parent)
        self.employer_name = ""
        self.past: list[PastJob] = []
        self.trade: str | None = None
        self.wage = ""
        self.tomorrow = False
        self.slots = 1
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_what(theme, trades))
        self.pages.addWidget(self._build_terms(theme, texts))
        self.body.addWidget(self.pages, 1)
        self.leave.clicked.disconnect()
        self.leave.clicked.connect(self._back)
        self.main.clicked.connect(self._post)

    def _build_what(self, theme: Theme, trades: list[str]) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.mm(3))
        self.again_label = BiText(theme, "secondary", bold=True, align=LEFT)
        column.addWidget(self.again_label)
        again = QHBoxLayout()
        again.setSpacing(theme.mm(5))
        size = (MAIN_TARGET_MM * 3, MIN_TARGET_MM)
        self.again = [
            BigButton(theme, "primary", role="secondary", min_mm=size) for _ in range(PAST_SHOWN)
        ]
        for i, button in enumerate(self.again):
            button.clicked.connect(lambda _c=False, i=i: self._again(i))
            again.addWidget(button)
        again.addStretch(1)
        column.addLayout(again)
        self.trade_label = BiText(theme, "secondary", bold=True, align=LEFT)
        column.addWidget(self.trade_label)
        # 22 trades' pictures: they scroll by touch below the past jobs.
        area, inner = scroll_body(theme, "recruitTrades", spacing_mm=2)
        grid = QGridLayout()
        grid.setSpacing(theme.mm(3))
        self.trade_buttons: dict[str, BigButton] = {}
        for i, code in enumerate(trades):
            button = BigButton(
                theme, "secondary", role="secondary", min_mm=(MIN_TARGET_MM * 2, MIN_TARGET_MM)
            )
            button.clicked.connect(lambda _c=False, code=code: self._pick(code))
            grid.addWidget(button, i // TRADE_COLUMNS, i % TRADE_COLUMNS)
            self.trade_buttons[code] = button
        inner.addLayout(grid)
        inner.addStretch(1)
        column.addWidget(area, 1)
        return page

    def _build_terms(self, theme: Theme, texts: Texts) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.mm(16))
        left = QVBoxLayout()
        self.chosen = BiText(theme, "primary", bold=True, align=LEFT)
        self.wage_label = BiText(theme, "secondary", bold=True, align=LEFT)
        self.wage_shown = BiText(theme, "huge", bold=True, align=LEFT)
        self.wage_shown.setObjectName("recruitWage")
        for widget in (self.chosen, self.wage_label, self.wage_shown):
            left.addWidget(widget)
        left.addStretch(1)
        row.addLayout(left, 1)
        self.keypad = Keypad(theme, texts, ok_style="secondary")
        self.keypad.ok.hide()  # "post" is the screen's main button
        self.keypad.digit_pressed.connect(self._digit)
        self.keypad.delete_pressed.connect(lambda: self._set_wage(self.wage[:-1]))
        row.addWidget(self.keypad)
        right = QVBoxLayout()
        right.setSpacing(theme.mm(5))
        self.when_label = BiText(theme, "secondary", bold=True, align=LEFT)
        right.addWidget(self.when_label)
        when = QHBoxLayout()
        size = (MAIN_TARGET_MM * 2, MAIN_TARGET_MM)
        self.today_button = BigButton(theme, "secondary", min_mm=size)
        self.tomorrow_button = BigButton(theme, "secondary", min_mm=size)
        self.today_button.clicked.connect(lambda: self._when(tomorrow=False))
        self.tomorrow_button.clicked.connect(lambda: self._when(tomorrow=True))
        when.addWidget(self.today_button)
        when.addWidget(self.tomorrow_button)
        right.addLayout(when)
        self.many_label = BiText(theme, "secondary", bold=True, align=LEFT)
        right.addWidget(self.many_label)
        many = QHBoxLayout()
        step = (MAIN_TARGET_MM, MAIN_TARGET_MM)
        self.fewer = BigButton(theme, "secondary", role="title", min_mm=step)
        self.more = BigButton(theme, "secondary", role="title", min_mm=step)
        self.fewer.set_lines([(Lang.EN, "−")])
        self.more.set_lines([(Lang.EN, "+")])
        self.fewer.clicked.connect(lambda: self._set_slots(self.slots - 1))
        self.more.clicked.connect(lambda: self._set_slots(self.slots + 1))
        self.slots_shown = BiText(theme, "huge", bold=True)
        self.slots_shown.setObjectName("recruitSlots")
        many.addWidget(self.fewer)
        many.addWidget(self.slots_shown, 1)
        many.addWidget(self.more)
        right.addLayout(many)
        right.addStretch(1)
        row.addLayout(right, 1)
        return page

    # --- what the employer touches ------------------------------------------------------
    def start(self, employer_name: str, past: list[PastJob], *, late: bool = False) -> None:
        """A fresh job for this employer, with their past jobs to post again (``late``: too
        late to start today, so "tomorrow" is chosen already)."""
        self.employer_name, self.past = employer_name, past[:PAST_SHOWN]
        self.trade, self.wage, self.tomorrow, self.slots = None, "", late, 1
        self.problem_lines = []
        self.pages.setCurrentIndex(WHAT)
        self.retranslate()

    @property
    def on_terms(self) -> bool:
        """The terms page is up (the work is chosen)."""
        return self.pages.currentIndex() == TERMS

    def _again(self, index: int) -> None:
        if index < len(self.past):
            job = self.past[index]
            self.trade, self.wage = job.job_type_code, str(job.day_wage)
            self.slots = max(1, min(MAX_SLOTS, job.slots))
            self._to_terms()

    def _pick(self, code: str) -> None:
        self.trade = code
        self._to_terms()

    def _to_terms(self) -> None:
        self.problem_lines = []
        self.pages.setCurrentIndex(TERMS)
        self.retranslate()
        self.prompt_changed_said()

    def prompt_changed_said(self) -> None:
        """Said when the page turns: what to fill in now."""
        self.repeat_requested.emit()

    def _back(self) -> None:
        if self.on_terms:
            self.pages.setCurrentIndex(WHAT)
            self.problem_lines = []
            self.retranslate()
        else:
            self.leave_requested.emit()

    def _digit(self, digit: str) -> None:
        if len(self.wage) < WAGE_DIGITS and (self.wage or digit != "0"):
            self._set_wage(self.wage + digit)

    def _set_wage(self, wage: str) -> None:
        self.wage = wage
        self.retranslate()

    def _when(self, *, tomorrow: bool) -> None:
        self.tomorrow = tomorrow
        self.retranslate()

    def _set_slots(self, slots: int) -> None:
        self.slots = max(1, min(MAX_SLOTS, slots))
        self.retranslate()

    def _post(self) -> None:
        if self.trade is None:
            self.show_problem(self.texts.lines("recruit.pick_trade"))
        elif not self.wage:
            self.show_problem(self.texts.lines("recruit.enter_wage"))
        else:
            self.post_requested.emit(self.trade, int(self.wage), self.tomorrow, self.slots)

    def prompt(self) -> tuple[str, dict[str, Any]]:
        """The work to choose, or the wage to enter."""
        if self.on_terms:
            return "recruit.terms_title", {}
        return self.prompt_id, {"name": self.employer_name}

    def retranslate(self) -> None:
        """Texts (and the choices made) in the current mode."""
        super().retranslate()
        t, terms = self.texts, self.on_terms
        title = (
            t.lines("recruit.terms_title")
            if terms
            else t.lines("recruit.post_title", name=self.employer_name)
        )
        self.title.set_lines(title)
        self.main.setVisible(terms)
        self.again_label.set_lines(t.lines("recruit.again") if self.past else [])
        for i, button in enumerate(self.again):
            button.setVisible(i < len(self.past))
            if i < len(self.past):
                job = self.past[i]
                trade = Ref(f"jobtype.{job.job_type_code}")
                button.set_lines(
                    t.lines("recruit.past_job", trade=trade, wage=job.day_wage, slots=job.slots)
                )
        self.trade_label.set_lines(t.lines("recruit.trade"))
        for code, button in self.trade_buttons.items():
            button.set_lines(trade_lines(t, code))
        self.chosen.set_lines(trade_lines(t, self.trade) if self.trade else [])
        self.wage_label.set_lines(t.lines("recruit.wage"))
        self.wage_shown.set_lines([(Lang.EN, self.wage or "—")])
        self.when_label.set_lines(t.lines("recruit.when"))
        self.today_button.set_lines(t.lines("recruit.today"))
        self.tomorrow_button.set_lines(t.lines("recruit.tomorrow"))
        self.today_button.set_selected(not self.tomorrow)
        self.tomorrow_button.set_selected(self.tomorrow)
        self.many_label.set_lines(t.lines("recruit.how_many"))
        self.slots_shown.set_lines([(Lang.EN, str(self.slots))])
        self.main.set_lines(t.lines("recruit.post"))
        self.problem.set_lines(self.problem_lines)
