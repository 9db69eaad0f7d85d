"""One job in full, as labelled facts with icons, and "I want this job"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.entities import Duration
from kiosk.domain.matching import Match
from kiosk.domain.places import places_left
from kiosk.i18n import Lang
from kiosk.ui.icons import TRADE_ICONS
from kiosk.ui.jobs import facts
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.session_bar import SessionBar
from kiosk.ui.texts import Message, Texts, spoken
from kiosk.ui.theme import MAIN_TARGET_MM, MIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.fact import Fact
from kiosk.ui.widgets.scrollbody import scroll_body

# (key, icon, label); the icons are pictures a worker who reads little can find again.
FACTS = (
    ("when", "📅", "fact.when"),
    ("duration", "⏱", "fact.duration"),
    ("pay", "💴", "fact.pay"),
    ("where", "📍", "fact.where"),
    ("employer", "🏢", "fact.employer"),
    ("places", "👥", "fact.places"),
    ("provided", "🧰", "fact.provided"),
    ("cover", "🩹", "fact.cover"),
    ("reasons", "👍", "fact.reasons"),
)


COLUMNS = 3


class JobDetailScreen(Screen):
    """Everything a worker asks before going; ``apply_requested(job_id)``."""

    name = "job"
    prompt_id = "job.apply"
    in_session = True
    apply_requested = Signal(str)
    back_requested = Signal()
    cover_requested = Signal()  # "what is accident cover?"

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
        # The facts scroll (kinetic, by touch) when a language needs more lines than fit;
        # trade, wage and "I want this job" never move.
        self.facts_area, column = scroll_body(theme, "jobBody")
        self._build_facts(theme, column)
        root.addWidget(self.facts_area, 1)
        self.apply = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 4, MAIN_TARGET_MM))
        self.bar = SessionBar(theme, texts, middle=self.apply)
        root.addWidget(self.bar)
        self.back.clicked.connect(self.back_requested)
        self.apply.clicked.connect(self._on_apply_clicked)
        self.retranslate()

    def _build_facts(self, theme: Theme, column: QVBoxLayout) -> None:
        """The unpaid-wage warning, then the labelled facts in three columns."""
        self.warning = BiText(
            theme,
            "primary",
            bold=True,
            align=Qt.AlignmentFlag.AlignLeft,
            colour=theme.palette.error_text,
        )
        self.warning.hide()
        column.addWidget(self.warning)
        grid = QGridLayout()
        grid.setHorizontalSpacing(theme.mm(10))
        grid.setVerticalSpacing(theme.mm(4))
        self.facts = {key: Fact(theme, icon) for key, icon, _ in FACTS}
        for i, fact in enumerate(self.facts.values()):
            grid.addWidget(fact, i // COLUMNS, i % COLUMNS)
        for c in range(COLUMNS):
            grid.setColumnStretch(c, 1)
        column.addLayout(grid)
        self.cover_info = BigButton(
            theme, "secondary", role="secondary", min_mm=(MAIN_TARGET_MM * 3, MIN_TARGET_MM)
        )
        self.cover_info.clicked.connect(self.cover_requested)
        column.addWidget(self.cover_info, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)

    def show_match(self, match: Match | None) -> None:
        """Show one job (None clears it)."""
        self.match = match
        self.facts_area.verticalScrollBar().setValue(0)
        self.retranslate()

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """The unpaid-wage record first, then trade, wage, day and hours, how long, where,
        pay terms, the employer's credit and the reasons; then how to apply."""
        if self.match is None:
            return [self.prompt()]
        return [*spoken(facts.spoken_detail(self.match, self.today())), self.prompt()]

    def _values(self, match: Match) -> dict[str, list[Message]]:
        """Each fact's messages."""
        job, emp = match.candidate.job, match.candidate.employer
        employer: list[Message] = [facts.credit(match)]
        said = facts.rated(match)
        if said is not None:
            employer.append(said)
        if emp.licence_verified:
            employer.append(("job.verified", None, {}))
        places: list[Message] = [
            ("job.places_left", places_left(job.slots_total, job.slots_taken), {})
        ]
        if match.candidate.applicants:  # shown, never closing a job (domain.places)
            places.append(("job.applicants", match.candidate.applicants, {}))
        provided: list[Message] = [
            ("job.tools" if job.tools_provided else "job.no_tools", None, {})
        ]
        if job.meals_provided:
            provided.append(("job.meals", None, {}))
        return {
            "when": [facts.when(match, self.today())],
            "duration": [facts.duration(match)],
            "pay": [facts.pay_terms(match)],
            "where": [facts.distance(match)],
            "employer": employer,
            "places": places,
            "provided": provided,
            "cover": [facts.cover(match)],
            "reasons": [facts.reason(r) for r in match.reasons],
        }

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        self.back.set_lines(t.lines("common.back"))
        self.apply.set_lines(t.lines("job.apply"))
        self.cover_info.set_lines(t.lines("cover.ask"))
        for key, _, label in FACTS:
            self.facts[key].set_label(t.lines(label))
        match = self.match
        if match is None:
            for w in (self.trade, self.wage, self.unit, self.warning):
                w.set_lines([])
            for fact in self.facts.values():
                fact.value.set_lines([])
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
        warning = facts.unpaid(match)  # apart, in red, above the facts
        self.warning.set_lines(t.compose([warning]) if warning else [])
        self.warning.setVisible(warning is not None)
        values = self._values(match)
        for key, fact in self.facts.items():
            shown = t.compose(values[key])
            if key == "where":
                shown = [(Lang.ZH, job.address_zh), *shown]
            elif key == "employer":
                shown = [(Lang.ZH, emp.name), *shown]
            fact.value.set_lines(shown)

    def _on_apply_clicked(self) -> None:
        if self.match is not None:
            self.apply_requested.emit(self.match.candidate.job.id)
