"""The visit summary: when a worker who applied (or booked a course) in this visit presses
"finish", the kiosk first shows and reads what they applied for, where and when, what else
they did (``note``: a training booking), and whom to call."""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.ui.feature import Feature
from kiosk.ui.shell import Services, Shell

if TYPE_CHECKING:
    from kiosk.domain.applications import MyApplication
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.summary.screen import SummaryScreen
    from kiosk.ui.texts import Message

log = logging.getLogger(__name__)


class SummaryFeature(Feature):
    """Takes over "finish" after an application in this visit; "done" ends the visit."""

    spoken = (
        "summary.title",
        "summary.say_address",
        "summary.advice",
        "summary.contact",
        "summary.contact_hotline",
        "summary.done",
        "summary.printing",
        "summary.printed",
        "summary.print_failed",
    )

    def __init__(
        self, shell: Shell, station_code: str, station_phone: str, paper: str = "a4"
    ) -> None:
        super().__init__(shell)
        self.station_code, self.station_phone = station_code, station_phone
        self.paper = paper
        self.printed: Path | None = None  # the last printout's file, kept until the next
        self.screen: SummaryScreen
        self.started_at: dt.datetime | None = None
        self.applied = 0
        self.notes: dict[str, list[Message]] = {}  # by feature: what the summary also says

    def build(self) -> list[Screen]:
        """The summary screen."""
        from kiosk.ui.summary.screen import SummaryScreen  # noqa: PLC0415

        self.screen = SummaryScreen(
            self.shell.theme,
            self.shell.texts,
            self.shell.today,
            station_code=self.station_code,
            station_phone=self.station_phone,
        )
        return [self.screen]

    def connect(self) -> None:
        """Count the visit's applications; offer the summary at "finish"."""
        self.shell.visit_started.connect(self._on_visit_started)
        self.shell.applied.connect(self._on_applied)
        self.shell.on_finish(self.take_finish)
        self.screen.done_requested.connect(lambda: self.shell.end_visit("finished"))
        self.screen.print_requested.connect(self.print_summary)

    def attached(self) -> None:
        """ "Print" shows when the station has a printer."""
        services = self.shell.services
        self.screen.print.setVisible(services is not None and services.printer is not None)

    def note(self, key: str, messages: list[Message]) -> None:
        """What feature ``key`` did in this visit, for the summary (empty: nothing)."""
        if messages:
            self.notes[key] = list(messages)
        else:
            self.notes.pop(key, None)

    def _noted(self) -> list[Message]:
        return [m for messages in self.notes.values() for m in messages]

    def print_summary(self) -> None:
        """Print what the screen shows, off the GUI thread; the screen never waits."""
        shown = self.screen.applications or self.screen.notes
        if not shown or not self.screen.print.isEnabled():
            return
        from kiosk.ui.summary.paper import write_summary  # noqa: PLC0415 - Qt PDF, on use

        fd, name = tempfile.mkstemp(prefix="summary-", suffix=".pdf")
        os.close(fd)
        path = Path(name)
        if self.printed is not None:
            self.printed.unlink(missing_ok=True)
        self.printed = path
        write_summary(
            path,
            self.shell.texts.catalog,
            self.screen.paper(self.shell.clock.now()),
            paper=self.paper,
        )

        def printed(_result: object) -> None:
            self.screen.print.setEnabled(True)
            self.shell.show("summary.printed")

        def failed(exc: Exception) -> None:
            reason = getattr(exc, "reason", type(exc).__name__)
            log.warning("summary not printed: %s", reason)
            self.screen.print.setEnabled(True)
            self.shell.show("summary.print_failed", "error")

        if self.shell.print_pdf(path, printed, failed):
            self.screen.print.setEnabled(False)
            self.shell.show("summary.printing")

    def reset(self) -> None:
        """Nothing of the last worker stays (the printout's file neither)."""
        self.started_at, self.applied, self.notes = None, 0, {}
        self.screen.show_applications([])
        self.screen.print.setEnabled(True)
        if self.printed is not None:
            self.printed.unlink(missing_ok=True)
            self.printed = None

    def _on_visit_started(self, _view: object) -> None:
        self.started_at, self.applied = self.shell.clock.now(), 0

    def _on_applied(self) -> None:
        self.applied += 1

    def take_finish(self) -> bool:
        """True when this visit applied or booked something: the summary shows first."""
        started = self.started_at
        done = self.applied or self.notes
        if not done or started is None or self.shell.current == "summary":
            return False

        def today_s(s: Services) -> list[MyApplication]:
            worker = s.session.worker
            if worker is None:
                return []
            return [a for a in s.jobs.my_applications(worker) if a.applied_at >= started]

        def show(applications: list[MyApplication]) -> None:
            noted = self._noted()
            if not (applications or noted) or self.shell.visit.view is None:
                self.shell.end_visit("finished")
                return
            self.screen.show_applications(applications, noted)
            self.shell.visit.task_started()
            self.shell.go("summary")

        return self.shell.run(today_s, show, lambda _exc: self.shell.end_visit("finished"))
