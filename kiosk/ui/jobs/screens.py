"""The matched jobs: three whole cards a page, the count, big previous/next buttons, the
filters in a column at the left, a speaker on every card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListView, QVBoxLayout, QWidget

from kiosk.domain.matching import Match
from kiosk.ui.jobs import facts
from kiosk.ui.jobs.model import (
    CARDS_PER_PAGE,
    MATCH_ROLE,
    JobCardDelegate,
    JobListModel,
    JobListView,
)
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.session_bar import SessionBar
from kiosk.ui.texts import Texts, spoken
from kiosk.ui.theme import MAIN_TARGET_MM, MIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.kinetic import kinetic

CHIPS = (("any", "chip.all"), ("today", "chip.today"), ("tomorrow", "chip.tomorrow"))


class JobsScreen(Screen):
    """``filters_changed(day, same_day_pay, trade)``; ``job_chosen(match)``;
    ``speak_requested(match)`` (a card's speaker); ``back_requested``."""

    name = "jobs"
    prompt_id = "jobs.title"
    in_session = True
    filters_changed = Signal(str, bool, str)
    job_chosen = Signal(object)
    speak_requested = Signal(object)
    back_requested = Signal()
    prompt_changed = Signal()  # a page turned: its cards are read

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, texts, parent)
        self.today = today
        self.day, self.same_day_pay = "any", False
        self.trades: list[str] = []
        self.trade = ""  # "" = all the worker's trades
        root = QVBoxLayout(self)
        m = theme.mm(3)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(2))
        top = QHBoxLayout()
        top.setSpacing(theme.mm(5))  # UX.md: targets at least 5 mm apart
        self.back = BigButton(
            theme, "secondary", role="secondary", min_mm=(MIN_TARGET_MM * 1.5, MIN_TARGET_MM)
        )
        top.addWidget(self.back)
        top.addLayout(self._build_chips(theme))
        top.addStretch(1)
        root.addLayout(top)
        self.model = JobListModel()
        self.view = JobListView(lambda v: JobCardDelegate(theme, texts, today, v))
        self.view.setModel(self.model)
        self.view.setFrameShape(QListView.Shape.NoFrame)
        self.view.setStyleSheet(f"QListView {{ background: {theme.palette.background}; }}")
        kinetic(self.view.viewport())
        self.view.clicked.connect(self._on_view_clicked)
        self.view.cards.speak_requested.connect(self.speak_requested)
        self.view.page_changed.connect(self._on_page_changed)
        self.empty = BiText(theme, "primary", align=Qt.AlignmentFlag.AlignLeft)
        root.addWidget(self.view, 1)
        root.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)
        self.bar = SessionBar(theme, texts, middle=self._build_pager(theme))
        root.addWidget(self.bar)
        self.back.clicked.connect(self.back_requested)
        self.retranslate()

    def _build_pager(self, theme: Theme) -> QWidget:
        """Big previous and next buttons, between "call staff" and "finish"."""
        pager = QWidget()
        row = QHBoxLayout(pager)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.mm(5))
        size = (MAIN_TARGET_MM * 1.4, MAIN_TARGET_MM)
        self.previous = BigButton(theme, "secondary", min_mm=size)
        self.next = BigButton(theme, "secondary", min_mm=size)
        self.count = BiText(theme, "secondary", bold=True)
        row.addWidget(self.previous)
        row.addWidget(self.count)
        row.addWidget(self.next)
        self.previous.clicked.connect(lambda: self._turn(-1))
        self.next.clicked.connect(lambda: self._turn(1))
        return pager

    def _build_chips(self, theme: Theme) -> QHBoxLayout:
        """The filters in a row above the cards."""
        chips = QHBoxLayout()
        chips.setSpacing(theme.mm(5))
        self.chips: dict[str, BigButton] = {}
        size = (MIN_TARGET_MM * 1.5, MIN_TARGET_MM)
        for key, _ in CHIPS:
            chip = BigButton(theme, "secondary", role="secondary", min_mm=size)
            chip.clicked.connect(lambda _=False, k=key: self._on_chip_clicked(k))
            chips.addWidget(chip)
            self.chips[key] = chip
        self.same_day = BigButton(theme, "secondary", role="secondary", min_mm=size)
        self.same_day.clicked.connect(self._on_same_day_clicked)
        chips.addWidget(self.same_day)
        self.trade_chip = BigButton(theme, "secondary", role="secondary", min_mm=size)
        self.trade_chip.clicked.connect(self._on_trade_chip_clicked)
        chips.addWidget(self.trade_chip)
        return chips

    def show_matches(self, matches: list[Match]) -> None:
        """Fill the list from the top (an empty list says so, with a path to staff)."""
        self.model.set_matches(matches)
        self.view.reset()  # retranslate, below, measures the new cards
        self.view.setVisible(bool(matches))
        self.empty.setVisible(not matches)
        self.retranslate()

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """How many jobs, then the trade, wage and day of each card on screen."""
        n = len(self.model.matches)
        if not n:
            return [("jobs.none", {})]
        first, last = self.view.page()
        today = self.today()
        said: list[tuple[str, int | None, dict[str, Any]]] = [("jobs.say_count", n, {})]
        for match in self.model.matches[first - 1 : last]:
            said += [facts.trade(match), facts.wage(match), facts.spoken_when(match, today)]
        if last < n:
            said.append(("jobs.say_more", None, {}))
        return spoken(said)

    def retranslate(self) -> None:
        """Texts in the current mode; the list repaints in it too."""
        t = self.texts
        self.back.set_lines(t.lines("common.back"))
        for key, msgid in CHIPS:
            self.chips[key].set_lines(t.lines(msgid))
            self.chips[key].set_selected(key == self.day)
        self.same_day.set_lines(t.lines("chip.same_day_pay"))
        self.same_day.set_selected(self.same_day_pay)
        trade_id = f"jobtype.{self.trade}" if self.trade else "chip.all_trades"
        self.trade_chip.set_lines(t.lines(trade_id))
        self.trade_chip.set_selected(bool(self.trade))
        self.trade_chip.setVisible(len(self.trades) > 1)
        self.previous.set_lines(t.lines("jobs.previous"))
        self.next.set_lines(t.lines("jobs.next"))
        self.empty.set_lines([] if self.model.matches else t.lines("jobs.none"))
        self.view.fit_content(self.model.matches)  # another language, other heights
        self._on_page_changed(*self.view.page())
        self.view.viewport().update()

    def _on_page_changed(self, first: int, last: int) -> None:
        n = len(self.model.matches)
        shown = self.texts.plural_lines("jobs.count", n, first=first, last=last) if n else []
        self.count.set_lines(shown)
        # One line a language: the count never wraps and pushes the bar taller.
        self.count.setMinimumWidth(self.count.line_width() + self.theme.mm(2))
        self.previous.setEnabled(first > 1)
        self.next.setEnabled(0 < last < n)

    def _turn(self, pages: int) -> None:
        self.view.turn(pages)
        self.prompt_changed.emit()

    def _on_chip_clicked(self, key: str) -> None:
        self.day = key
        self.retranslate()
        self.filters_changed.emit(self.day, self.same_day_pay, self.trade)

    def _on_same_day_clicked(self) -> None:
        self.same_day_pay = not self.same_day_pay
        self.retranslate()
        self.filters_changed.emit(self.day, self.same_day_pay, self.trade)

    def _on_trade_chip_clicked(self) -> None:
        """Each tap shows the next of the worker's trades, then all of them again."""
        cycle = ["", *self.trades]
        self.trade = (
            cycle[(cycle.index(self.trade) + 1) % len(cycle)] if self.trade in cycle else ""
        )
        self.retranslate()
        self.filters_changed.emit(self.day, self.same_day_pay, self.trade)

    def _on_view_clicked(self, index: QModelIndex) -> None:
        if self.view.cards.took_speaker_tap():
            return
        match = index.data(MATCH_ROLE)
        if isinstance(match, Match):
            self.job_chosen.emit(match)


__all__ = ["CARDS_PER_PAGE", "JobsScreen"]
