"""The matched jobs (a list view of big cards) and one job in full, with "I want this job"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QListView,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.entities import Duration
from kiosk.domain.matching import Match
from kiosk.domain.places import places_left
from kiosk.i18n import Lang
from kiosk.ui.icons import TRADE_ICONS
from kiosk.ui.jobs.model import (
    MATCH_ROLE,
    JobCardDelegate,
    JobListModel,
    duration_lines,
    reason_lines,
    when_lines,
)
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.session_bar import SessionBar
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, MIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.kinetic import kinetic

CHIPS = (("any", "chip.all"), ("today", "chip.today"), ("tomorrow", "chip.tomorrow"))


class JobsScreen(Screen):
    """``filters_changed(day, same_day_pay)``; ``job_chosen(match)``; ``back_requested``."""

    name = "jobs"
    prompt_id = "jobs.title"
    in_session = True
    filters_changed = Signal(str, bool, str)
    job_chosen = Signal(object)
    back_requested = Signal()

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, texts, parent)
        self.day, self.same_day_pay = "any", False
        self.trades: list[str] = []
        self.trade = ""  # "" = all the worker's trades
        root = QVBoxLayout(self)
        m = theme.mm(6)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(3))
        top = QHBoxLayout()
        self.title = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.back = BigButton(
            theme, "secondary", role="secondary", min_mm=(MAIN_TARGET_MM * 1.6, MIN_TARGET_MM)
        )
        top.addWidget(self.title, 1)
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(top)
        chips = QHBoxLayout()
        chips.setSpacing(theme.mm(5))
        self.chips: dict[str, BigButton] = {}
        for key, _ in CHIPS:
            chip = BigButton(
                theme, "secondary", role="secondary", min_mm=(MIN_TARGET_MM * 2, MIN_TARGET_MM)
            )
            chip.clicked.connect(lambda _=False, k=key: self._on_chip_clicked(k))
            chips.addWidget(chip)
            self.chips[key] = chip
        self.same_day = BigButton(
            theme, "secondary", role="secondary", min_mm=(MIN_TARGET_MM * 2.5, MIN_TARGET_MM)
        )
        self.same_day.clicked.connect(self._on_same_day_clicked)
        chips.addWidget(self.same_day)
        self.trade_chip = BigButton(
            theme, "secondary", role="secondary", min_mm=(MIN_TARGET_MM * 2.5, MIN_TARGET_MM)
        )
        self.trade_chip.clicked.connect(self._on_trade_chip_clicked)
        chips.addWidget(self.trade_chip)
        chips.addStretch(1)
        root.addLayout(chips)
        self.model = JobListModel()
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(JobCardDelegate(theme, texts, today, self.view))
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Rows differ in height; lay them out in batches so the first cards paint at once.
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(8)
        self.view.setSpacing(0)
        self.view.setFrameShape(QListView.Shape.NoFrame)
        self.view.setStyleSheet(f"QListView {{ background: {theme.palette.background}; }}")
        kinetic(self.view.viewport())
        self.view.clicked.connect(self._on_view_clicked)
        self.empty = BiText(theme, "primary")
        root.addWidget(self.view, 1)
        root.addWidget(self.empty)
        self.bar = SessionBar(theme, texts)
        root.addWidget(self.bar)
        self.back.clicked.connect(self.back_requested)
        self.retranslate()

    def show_matches(self, matches: list[Match]) -> None:
        """Fill the list (an empty list says so, with a path to staff)."""
        self.model.set_matches(matches)
        self.view.scrollToTop()
        self.view.setVisible(bool(matches))
        self.empty.set_lines([] if matches else self.texts.lines("jobs.none"))

    def retranslate(self) -> None:
        """Texts in the current mode; the list repaints in it too."""
        self.title.set_lines(self.texts.lines("jobs.title"))
        self.back.set_lines(self.texts.lines("common.back"))
        for key, msgid in CHIPS:
            self.chips[key].set_lines(self.texts.lines(msgid))
            self.chips[key].set_selected(key == self.day)
        self.same_day.set_lines(self.texts.lines("chip.same_day_pay"))
        self.same_day.set_selected(self.same_day_pay)
        trade_id = f"jobtype.{self.trade}" if self.trade else "chip.all_trades"
        self.trade_chip.set_lines(self.texts.lines(trade_id))
        self.trade_chip.set_selected(bool(self.trade))
        self.trade_chip.setVisible(len(self.trades) > 1)
        if not self.model.matches and self.empty.texts():
            self.empty.set_lines(self.texts.lines("jobs.none"))
        self.view.doItemsLayout()

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
        match = index.data(MATCH_ROLE)
        if isinstance(match, Match):
            self.job_chosen.emit(match)


FACTS = ("when", "duration", "pay", "where", "employer", "places", "tools", "applied")


class JobDetailScreen(Screen):
    """Everything a worker asks before going; ``apply_requested(job_id)``."""

    name = "job"
    prompt_id = "job.apply"
    in_session = True
    apply_requested = Signal(str)
    back_requested = Signal()

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, texts, parent)
        self.today = today
        self.match: Match | None = None
        root = QVBoxLayout(self)
        m = theme.mm(6)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(3))
        top = QHBoxLayout()
        self.back = BigButton(
            theme, "secondary", role="secondary", min_mm=(MAIN_TARGET_MM * 1.6, MIN_TARGET_MM)
        )
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        self.trade = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.wage = BiText(
            theme,
            "huge",
            bold=True,
            align=Qt.AlignmentFlag.AlignRight,
            colour=theme.palette.primary_bg,
        )
        self.unit = BiText(
            theme, "small", align=Qt.AlignmentFlag.AlignRight, colour=theme.palette.muted
        )
        right = QVBoxLayout()
        right.addWidget(self.wage)
        right.addWidget(self.unit)
        top.addWidget(self.trade, 1)
        top.addLayout(right)
        root.addLayout(top)
        body = self._build_facts(theme)
        # The facts scroll (kinetic, by touch) when a language needs more lines than fit;
        # trade, wage and "I want this job" never move.
        self.facts_area = QScrollArea()
        self.facts_area.setWidgetResizable(True)
        self.facts_area.setWidget(body)
        self.facts_area.setFrameShape(QScrollArea.Shape.NoFrame)
        kinetic(self.facts_area.viewport())
        root.addWidget(self.facts_area, 1)
        self.apply = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 4, MAIN_TARGET_MM))
        self.bar = SessionBar(theme, texts, middle=self.apply)
        root.addWidget(self.bar)
        self.back.clicked.connect(self.back_requested)
        self.apply.clicked.connect(self._on_apply_clicked)
        self.retranslate()

    def _build_facts(self, theme: Theme) -> QWidget:
        """The unpaid-wage warning, the facts in two columns, and the reasons."""
        body = QWidget()
        body.setObjectName("jobBody")
        body.setStyleSheet(f"#jobBody {{ background: {theme.palette.background}; }}")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.mm(3))
        self.warning = BiText(
            theme,
            "secondary",
            bold=True,
            align=Qt.AlignmentFlag.AlignLeft,
            colour=theme.palette.error_text,
        )
        self.warning.hide()
        column.addWidget(self.warning)
        grid = QGridLayout()
        grid.setHorizontalSpacing(theme.mm(10))
        grid.setVerticalSpacing(theme.mm(2))
        self.facts = {
            key: BiText(theme, "secondary", align=Qt.AlignmentFlag.AlignLeft) for key in FACTS
        }
        for i, key in enumerate(self.facts):
            grid.addWidget(self.facts[key], i // 2, i % 2)
        column.addLayout(grid)
        self.reasons = [BiText(theme, "small", align=Qt.AlignmentFlag.AlignLeft) for _ in range(3)]
        reasons_row = QHBoxLayout()
        for r in self.reasons:
            reasons_row.addWidget(r, 1)
        column.addLayout(reasons_row)
        column.addStretch(1)
        return body

    def show_match(self, match: Match | None) -> None:
        """Show one job (None clears it)."""
        self.match = match
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        self.back.set_lines(t.lines("common.back"))
        self.apply.set_lines(t.lines("job.apply"))
        match = self.match
        if match is None:
            for w in (
                self.trade,
                self.wage,
                self.unit,
                self.warning,
                *self.facts.values(),
                *self.reasons,
            ):
                w.set_lines([])
            self.warning.hide()
            return
        job, emp = match.candidate.job, match.candidate.employer
        self.trade.set_lines(
            [
                (lang, f"{TRADE_ICONS.get(job.job_type_code, '')} {text}")
                for lang, text in t.lines(f"jobtype.{job.job_type_code}")
            ]
        )
        self.wage.set_lines([(Lang.EN, str(job.day_wage))])
        self.unit.set_lines(
            t.lines("job.per_half_day" if job.duration is Duration.HALF_DAY else "job.per_day")
        )
        km = max(1, round(match.distance_km))  # the distance the reasons quote
        # Every fact in every language shown: a Chinese reader in bilingual mode must see the
        # employer's record too. Unpaid wages stand apart, in red, above the facts.
        employer = t.lines("job.credit", score=emp.credit_score)
        if emp.licence_verified:
            employer += t.lines("job.verified")
        unpaid = emp.unpaid_wage_cases
        self.warning.set_lines(t.plural_lines("job.unpaid", unpaid) if unpaid else [])
        self.warning.setVisible(bool(unpaid))
        self.facts["when"].set_lines(when_lines(t, match, self.today()))
        self.facts["duration"].set_lines(duration_lines(t, match))
        self.facts["pay"].set_lines(t.lines(f"pay.{job.pay_terms.value}"))
        km_id = "job.km" if match.from_station else "job.km_chosen"
        self.facts["where"].set_lines([(Lang.ZH, job.address_zh), *t.lines(km_id, km=km)])
        self.facts["employer"].set_lines([(Lang.ZH, emp.name), *employer])
        self.facts["places"].set_lines(
            t.plural_lines("job.places_left", places_left(job.slots_total, job.slots_taken))
        )
        applied = match.candidate.applicants  # shown, never closing a job (domain.places)
        self.facts["applied"].set_lines(
            t.plural_lines("job.applicants", applied) if applied else []
        )
        provided = t.lines("job.tools" if job.tools_provided else "job.no_tools")
        if job.meals_provided:
            provided += t.lines("job.meals")
        self.facts["tools"].set_lines(provided)
        for widget, reason in zip(self.reasons, [*match.reasons, None, None, None], strict=False):
            widget.set_lines(reason_lines(t, reason) if reason else [])

    def _on_apply_clicked(self) -> None:
        if self.match is not None:
            self.apply_requested.emit(self.match.candidate.job.id)
