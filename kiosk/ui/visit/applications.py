"""My applications, on home: what the worker applied for and where each stands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.applications import ApplicationState, MyApplication
from kiosk.i18n import Ref
from kiosk.ui.jobs import facts
from kiosk.ui.texts import Message, Texts, spoken
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.section import frame_card, label_column

MAX_SHOWN = 2  # on home; the summary and a count say the rest
STATE_COLOURS = {  # waiting and sent are fine; a refusal needs the worker's eye
    ApplicationState.WAITING: "muted",
    ApplicationState.SENT: "secondary_bg",
    ApplicationState.ACCEPTED: "secondary_bg",
    ApplicationState.DECLINED: "muted",
    ApplicationState.FULL: "error_text",
    ApplicationState.CLOSED: "error_text",
    ApplicationState.REFUSED: "error_text",
    ApplicationState.SIGNED: "secondary_bg",
}


def line(application: MyApplication, today: dt.date) -> Message:
    """The day, hours and trade of one application (the wage is in the summary)."""
    job = application.job
    return (
        "home.application",
        None,
        {
            "day": facts.day_ref(job.starts_at.date(), today),
            "hours": f"{job.starts_at:%H:%M}–{job.ends_at:%H:%M}",
            "trade": Ref(f"jobtype.{job.job_type_code}"),
        },
    )


def state(application: MyApplication) -> Message:
    """Where it stands."""
    return (f"appstate.{application.state.value}", None, {})


def said(applications: list[MyApplication], today: dt.date) -> list[Message]:
    """How many, then the trade, day and hours and state of each shown; where to go for
    one the employer accepted (accepted ones come first)."""
    if not applications:
        return []
    said: list[Message] = [("home.say_applications", len(applications), {})]
    for application in applications[:MAX_SHOWN]:
        job = application.job
        said += [
            ("say.trade", None, {"trade": Ref(f"jobtype.{job.job_type_code}")}),
            facts.spoken_job_when(job, today),
            state(application),
        ]
        if application.state is ApplicationState.ACCEPTED:
            said.append(("say.go_to", None, {"address": job.address_zh}))
    return said


class ApplicationRow(QFrame):
    """One application: what and when on the left, where it stands on the right."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        frame_card(self, theme, "applicationRow")
        row = QHBoxLayout(self)
        pad = theme.mm(3)
        row.setContentsMargins(pad, pad, pad, pad)
        self.what = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.state = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignRight)
        row.addWidget(self.what, 1)
        row.addWidget(self.state)


class ApplicationsPanel(QWidget):
    """At the left the title and how many more; at its right up to two applications."""

    def __init__(
        self, theme: Theme, texts: Texts, today: Callable[[], dt.date], *, label_width: int
    ) -> None:
        super().__init__()
        self.theme, self.texts, self.today = theme, texts, today
        self.applications: list[MyApplication] = []
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(theme.mm(6))
        label, self.title, self.more = label_column(theme, label_width)
        outer.addLayout(label)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.mm(2))
        outer.addLayout(column, 1)
        self.rows = [ApplicationRow(theme) for _ in range(MAX_SHOWN)]
        for row in self.rows:
            column.addWidget(row)
        self.show_applications([])

    def show_applications(self, applications: list[MyApplication]) -> None:
        """Show these (an empty list hides the panel)."""
        self.applications = list(applications)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t, today = self.texts, self.today()
        shown = self.applications[:MAX_SHOWN]
        self.setVisible(bool(shown))
        self.title.set_lines(t.lines("home.applications"))
        for row, application in zip(self.rows, [*shown, *[None] * MAX_SHOWN], strict=False):
            row.setVisible(application is not None)
            if application is None:
                row.what.set_lines([])
                row.state.set_lines([])
                continue
            row.what.set_lines(t.compose([line(application, today)]))
            colour = getattr(self.theme.palette, STATE_COLOURS[application.state])
            if row.state.colour != colour:
                row.state.colour = colour
            row.state.set_lines(t.compose([state(application)]))
            row.state.setFixedWidth(row.state.line_width() + self.theme.mm(1))  # never wraps
        extra = len(self.applications) - len(shown)
        self.more.set_lines(t.plural_lines("home.applications_more", extra) if extra else [])

    def has_news(self) -> bool:
        """Whether an employer accepted the worker (said and shown first)."""
        return any(a.state is ApplicationState.ACCEPTED for a in self.applications)

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """What home says of the applications."""
        return spoken(said(self.applications, self.today()))
