"""The visit summary: what the worker applied for today, where and when, and whom to call;
shown and read aloud before the kiosk returns to the start."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.applications import MyApplication
from kiosk.domain.entities import Duration
from kiosk.i18n import Lang, Ref
from kiosk.ui.jobs import facts
from kiosk.ui.screens.base import Screen
from kiosk.ui.texts import Message, Texts, spoken
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton, RepeatButton
from kiosk.ui.widgets.scrollbody import scroll_body
from kiosk.ui.widgets.section import frame_card

MAX_SHOWN = 2  # a visit's applications on one screen; more are rare and said as a count
HOTLINE = "12333"  # the national HRSS service hotline (LHASA.md)


class SummaryCard(QFrame):
    """One application: trade and wage, day and hours, address and employer."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        frame_card(self, theme, "summaryCard", theme.palette.secondary_bg)
        row = QHBoxLayout(self)
        pad = theme.mm(3)
        row.setContentsMargins(pad, pad, pad, pad)
        row.setSpacing(theme.mm(6))
        self.what = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.when = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.wage = BiText(
            theme,
            "title",
            bold=True,
            align=Qt.AlignmentFlag.AlignRight,
            colour=theme.palette.primary_bg,
        )
        self.unit = BiText(
            theme, "small", align=Qt.AlignmentFlag.AlignRight, colour=theme.palette.muted
        )
        pay = QVBoxLayout()
        pay.setSpacing(0)
        pay.addWidget(self.wage)
        pay.addWidget(self.unit)
        self.where = BiText(theme, "secondary", align=Qt.AlignmentFlag.AlignLeft)
        row.addWidget(self.what, 2, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.when, 3, Qt.AlignmentFlag.AlignTop)
        row.addLayout(pay, 1)
        row.addWidget(self.where, 3, Qt.AlignmentFlag.AlignTop)


class SummaryScreen(Screen):
    """``done_requested`` when the worker is finished (the visit then ends)."""

    name = "summary"
    prompt_id = "summary.title"
    in_session = True
    done_requested = Signal()
    repeat_requested = Signal()
    print_requested = Signal()

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        today: Callable[[], dt.date],
        *,
        station_code: str,
        station_phone: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, texts, parent)
        self.today, self.station_code, self.station_phone = today, station_code, station_phone
        self.applications: list[MyApplication] = []
        self.notes: list[Message] = []  # what other features did this visit (a booking)
        root = QVBoxLayout(self)
        m = theme.mm(6)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(3))
        self.title = BiText(theme, "primary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        root.addWidget(self.title)
        # The applications and what to do scroll (kinetic) on a narrow panel; the title,
        # "say it again", whom to call and "done" never move.
        self.body, column = scroll_body(theme, "summaryBody")
        self.cards = [SummaryCard(theme) for _ in range(MAX_SHOWN)]
        for card in self.cards:
            column.addWidget(card)
        self.more = BiText(theme, "secondary", align=Qt.AlignmentFlag.AlignLeft)
        self.noted = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.noted)
        self.advice = BiText(theme, "secondary", align=Qt.AlignmentFlag.AlignLeft)
        self.contact = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        for widget in (self.more, self.advice):
            column.addWidget(widget)
        column.addStretch(1)
        root.addWidget(self.body, 1)
        bottom = QHBoxLayout()
        bottom.setSpacing(theme.mm(6))
        self.repeat = RepeatButton(theme)
        self.done = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 4, MAIN_TARGET_MM))
        # Shown only when the station has a printer ([printer] queue).
        self.print = BigButton(theme, "secondary", min_mm=(MAIN_TARGET_MM * 2.5, MAIN_TARGET_MM))
        self.print.hide()
        bottom.addWidget(self.repeat)
        bottom.addWidget(self.contact, 1)  # whom to call never scrolls out of sight
        bottom.addWidget(self.print)
        bottom.addWidget(self.done)
        root.addLayout(bottom)
        self.repeat.clicked.connect(self.repeat_requested)
        self.done.clicked.connect(self.done_requested)
        self.print.clicked.connect(self.print_requested)
        self.retranslate()

    def show_applications(
        self, applications: list[MyApplication], notes: list[Message] | None = None
    ) -> None:
        """The applications of this visit and what else it did (empty clears the screen)."""
        self.applications = list(applications)
        self.notes = list(notes or [])
        self.retranslate()

    def paper(self, printed_at: dt.datetime) -> list[Message]:
        """What the printed summary says: each application's trade and wage, day and hours,
        address and employer, the advice, whom to call, the station and the time."""
        out: list[Message] = [("summary.title", None, {})]
        for application in self.applications:
            job = application.job
            trade = Ref(f"jobtype.{job.job_type_code}")
            out += [
                ("summary.paper_job", None, {"trade": trade, "wage": job.day_wage}),
                facts.when_job(job, printed_at.date()),
                (
                    "summary.paper_where",
                    None,
                    {"address": job.address_zh, "employer": application.employer_name},
                ),
            ]
        when = f"{printed_at:%Y-%m-%d %H:%M}"
        station = Ref(f"place.{self.station_code}")
        return [
            *out,
            *self.notes,
            ("summary.advice", None, {}),
            self._contact(),
            ("summary.paper_footer", None, {"station": station, "when": when}),
        ]

    def _contact(self) -> Message:
        station = Ref(f"place.{self.station_code}")
        if self.station_phone:
            return ("summary.contact", None, {"station": station, "phone": self.station_phone})
        return ("summary.contact_hotline", None, {"station": station, "hotline": HOTLINE})

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """The title, then each application's trade, wage, day, hours and address, the
        advice and whom to call; then how to finish."""
        said: list[Message] = [("summary.title", None, {})]
        for application in self.applications[:MAX_SHOWN]:
            job = application.job
            wage = "say.wage_half_day" if job.duration is Duration.HALF_DAY else "say.wage"
            said += [
                ("say.trade", None, {"trade": Ref(f"jobtype.{job.job_type_code}")}),
                (wage, None, {"wage": job.day_wage}),
                facts.spoken_job_when(job, self.today()),
                ("summary.say_address", None, {"address": job.address_zh}),
            ]
        said += self.notes
        said += [("summary.advice", None, {}), self._contact(), ("summary.done", None, {})]
        return spoken(said)

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        self.title.set_lines(t.lines("summary.title"))
        self.done.set_lines(t.lines("summary.done"))
        self.print.set_lines(t.lines("summary.print"))
        self.repeat.set_name(t.lines("voice.repeat"))
        self.advice.set_lines(t.lines("summary.advice"))
        self.contact.set_lines(t.compose([self._contact()]))
        shown = self.applications[:MAX_SHOWN]
        for card, application in zip(self.cards, [*shown, *[None] * MAX_SHOWN], strict=False):
            card.setVisible(application is not None)
            if application is None:
                for text in (card.what, card.when, card.wage, card.unit, card.where):
                    text.set_lines([])
                continue
            job = application.job
            card.what.set_lines(t.lines(f"jobtype.{job.job_type_code}"))
            card.wage.set_lines([(Lang.EN, str(job.day_wage))])
            half = job.duration is Duration.HALF_DAY
            card.unit.set_lines(t.lines("job.per_half_day" if half else "job.per_day"))
            card.when.set_lines(t.compose([facts.when_job(job, self.today())]))
            card.where.set_lines([(Lang.ZH, job.address_zh), (Lang.ZH, application.employer_name)])
        self.noted.set_lines(t.compose(self.notes))
        self.noted.setVisible(bool(self.notes))
        extra = len(self.applications) - len(shown)
        self.more.set_lines(t.plural_lines("home.applications_more", extra) if extra else [])
