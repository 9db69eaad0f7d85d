"""For those who will not touch the kiosk: the hall board (today's and tomorrow's jobs
rolling, a page at a time, each new job shown and said aloud) and the printed job sheet.

The board is fed from the local job table (``JobsService.board``): again whenever a sync
pull brought something (the controller's ``catalogue_changed``) and every minute (jobs
start, the day turns). A job that is news (``kiosk.domain.hall``) is marked "new" for half
an hour and announced: the board
turns to its page and the voice says "a new job" and the job's facts, as a job card's
speaker does. Announcements wait while somebody uses the kiosk (one loudspeaker: a
worker's own prompts come first) and are said once the kiosk is free again.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen

from kiosk.domain.hall import NEWS_FOR, Roll
from kiosk.domain.visit import Phase
from kiosk.ui.feature import Feature
from kiosk.ui.jobs import facts
from kiosk.ui.shell import Services, Shell
from kiosk.ui.texts import Texts, spoken

if TYPE_CHECKING:
    from kiosk.domain.matching import Match
    from kiosk.ui.admin.flow import AdminFeature
    from kiosk.ui.hall.board import HallBoard
    from kiosk.ui.hall.screens import HallScreen, HallWindow
    from kiosk.ui.screens.base import Screen

log = logging.getLogger(__name__)
REFRESH_MS = 60_000  # jobs start and the day turns even when nothing is pulled
ANNOUNCE_HOLD_MS = 20_000  # an announced job's page stays while it is said, in both languages
MAX_WAITING = 5  # announcements kept while the kiosk is in use (the newest)


class _Signals(QObject):
    announced = Signal(str)


class HallFeature(Feature):
    """The hall board (``[hall] display``: off, second, here) and the staff's job sheet.

    ``announced(job_id)`` when a new job is said aloud (tests, the log)."""

    spoken = (
        "hall.prompt",
        "sheet.printing",
        "sheet.printed",
        "sheet.print_failed",
        "sheet.none",
    )

    def __init__(
        self,
        shell: Shell,
        admin: AdminFeature,
        station_code: str,
        *,
        display: str = "off",
        page_seconds: int = 12,
        announce: bool = True,
        paper: str = "a4",
    ) -> None:
        super().__init__(shell)
        self.admin, self.station_code, self.display = admin, station_code, display
        self.page_ms, self.announce, self.paper = page_seconds * 1000, announce, paper
        self.boards: list[HallBoard] = []
        self.screen: HallScreen | None = None
        self.window: HallWindow | None = None
        self.roll = Roll(1)
        self.waiting: deque[Match] = deque(maxlen=MAX_WAITING)
        self.first_seen: dict[str, dt.datetime] = {}
        self.loaded = False
        self.printed: Path | None = None  # the last sheet's file, kept until the next
        self.signals = _Signals()
        self.announced = self.signals.announced
        self.turner = QTimer(self.signals, singleShot=True)
        self.turner.timeout.connect(self.tick)
        self.refresher = QTimer(self.signals, interval=REFRESH_MS)
        self.refresher.timeout.connect(self.refresh)

    def build(self) -> list[Screen]:
        """The hall screen (``here``) or the hall window (``second``); nothing when off."""
        from kiosk.ui.hall.board import HallBoard, rows_for  # noqa: PLC0415 - after the first frame
        from kiosk.ui.hall.screens import HallScreen, HallWindow  # noqa: PLC0415

        shell = self.shell
        # The board is seen in the station's languages (a visit's choice is reset after it).
        self.roll = Roll(rows_for(shell.texts.default_mode))
        if self.display == "here":
            self.screen = HallScreen(shell.theme, shell.texts, clock=shell.clock, today=shell.today)
            self.boards = [self.screen.board]
            return [self.screen]
        if self.display == "second":
            # Its own languages: a worker's choice at the kiosk does not reach the hall.
            texts = Texts(shell.texts.catalog, shell.texts.default_mode)
            board = HallBoard(shell.theme, texts, shell.clock, shell.today)
            self.window = HallWindow(board, allow_close=shell.window.allow_close)
            self.boards = [board]
        return []

    def connect(self) -> None:
        """The staff's sheet button; the hall's start screen or its display."""
        self.admin.staff.sheet_requested.connect(self.print_sheet)
        if self.screen is not None:
            self.shell.window.navigator.screen_changed.connect(self._screen_changed)
            self.shell.start_screen = "hall"
            if self.shell.current == "attract" and self.shell.visit.phase is Phase.IDLE:
                self.shell.go("hall")
        app = QGuiApplication.instance()
        if self.window is not None and isinstance(app, QGuiApplication):
            app.screenAdded.connect(self.place)
            app.screenRemoved.connect(self.place)
            self.place()

    def attached(self) -> None:
        """The store is open: fill the board and start turning its pages."""
        services = self.shell.services
        self.admin.staff.sheet.setVisible(services is not None and services.printer is not None)
        if self.boards:
            self.refresh()
            self.refresher.start()
            self.turner.start(self.page_ms)

    def close(self) -> None:
        """Stop turning pages; the hall window goes with the kiosk's."""
        self.turner.stop()
        self.refresher.stop()
        if self.window is not None:
            self.window.hide()
            self.window.deleteLater()
            self.window = None

    # --- the board -------------------------------------------------------------------------
    def place(self, *_args: object) -> None:
        """Show the hall window full screen on a display other than the kiosk's, or hide
        it while there is none (it comes back when one is plugged in)."""
        window = self.window
        if window is None:
            return
        other = self.second_display()
        if other is None:
            if window.isVisible():
                log.warning("hall screen hidden: no second display")
            window.hide()
            return
        window.setGeometry(other.geometry())
        window.showFullScreen()
        log.info("hall screen on display %s", other.name())

    def second_display(self) -> QScreen | None:
        """A display the kiosk's window is not on, if any."""
        own = self.shell.window.screen()
        return next((s for s in QGuiApplication.screens() if s is not own), None)

    def _screen_changed(self, *_args: object) -> None:
        if self.screen is not None and self.shell.current == "hall":
            self.show()  # laid out for this display now that it is in view

    def refresh(self) -> None:
        """Read the board's jobs again (on the DB worker)."""
        if self.boards:
            self.shell.run(lambda s: s.jobs.board(), self.update, on_error=_not_read)

    def update(self, jobs: list[Match]) -> None:
        """The board's jobs as read; the new ones are marked, then announced."""
        now = self.shell.clock.now()
        new = self.roll.update(jobs, now)
        self.loaded = True
        for match in new:
            self.first_seen[match.candidate.job.id] = now
            if self.announce:
                self.waiting.append(match)
        self.show()
        if new and self.announce and self.free():
            self.tick()  # said at once, not at the next turn of the page

    def tick(self) -> None:
        """Say the next new job if the kiosk is free, else turn the page."""
        hold = self.page_ms
        said = False
        while self.waiting and self.free() and not said:
            said = self.say(self.waiting.popleft())
        if said:
            hold = max(hold, ANNOUNCE_HOLD_MS)
        else:
            self.roll.turn()
            self.show()
        self.turner.start(hold)

    def say(self, match: Match) -> bool:
        """Turn to ``match``'s page and say it; False if it has left the board."""
        job_id = match.candidate.job.id
        if not self.roll.show(job_id):
            return False
        self.show()
        today = self.shell.today()
        self.shell.say(spoken([("say.hall_new", None, {}), *facts.spoken_card(match, today)]))
        log.info("hall: new job announced")
        self.announced.emit(job_id)
        return True

    def free(self) -> bool:
        """Nobody is using the kiosk (the loudspeaker is the hall's)."""
        return self.shell.visit.phase is Phase.IDLE

    def show(self) -> None:
        """The roll's page on every board, new jobs marked; a page that does not fit the
        board (a smaller panel) is shown with fewer rows from then on."""
        now = self.shell.clock.now()
        new = {job for job, seen in self.first_seen.items() if now - seen < NEWS_FOR}
        while True:
            for board in self.boards:
                page, pages = self.roll.page, self.roll.pages
                board.show_page(self.roll.current(), page, pages, new, loaded=self.loaded)
            shown = [b for b in self.boards if b.isVisible()]
            if self.roll.per_page == 1 or not any(b.overflowing() for b in shown):
                return
            self.roll.per_page -= 1
            self.roll.page = min(self.roll.page, self.roll.pages - 1)
            log.info("hall: %d jobs a page fit this display", self.roll.per_page)

    # --- the printed sheet -----------------------------------------------------------------
    def print_sheet(self) -> None:
        """Today's and tomorrow's jobs on paper (staff), the screen never waiting."""
        button = self.admin.staff.sheet
        services = self.shell.services
        if services is None or services.printer is None or not button.isEnabled():
            return
        button.setEnabled(False)

        def read(s: Services) -> tuple[list[Match], str | None]:
            base = s.signing.printing.verify_base() if s.signing is not None else None
            return s.jobs.board(), base

        def failed(exc: Exception) -> None:
            log.warning("job sheet not printed: %s", getattr(exc, "reason", type(exc).__name__))
            button.setEnabled(True)
            self.shell.show("sheet.print_failed", "error")

        self.shell.run(read, lambda found: self._write_and_print(*found, failed), failed)

    def _write_and_print(
        self, jobs: list[Match], base: str | None, failed: Callable[[Exception], None]
    ) -> None:
        """Draw the sheet and print it on the printer runner: a day's sheet of a busy
        station is dozens of pages (seconds to draw), never drawn on the GUI thread."""
        from kiosk.ui.hall.sheet import write_sheet  # noqa: PLC0415 - Qt PDF, on use

        button = self.admin.staff.sheet
        services = self.shell.services
        printer = services.printer if services is not None else None
        if not jobs or printer is None:
            button.setEnabled(True)
            self.shell.show(
                *(("sheet.none", "info") if not jobs else ("sheet.print_failed", "error"))
            )
            return
        fd, name = tempfile.mkstemp(prefix="job-sheet-", suffix=".pdf")
        os.close(fd)
        if self.printed is not None:
            self.printed.unlink(missing_ok=True)
        self.printed = path = Path(name)
        catalog, now = self.shell.texts.catalog, self.shell.clock.now()

        def draw_and_print() -> object:
            write_sheet(
                path,
                catalog,
                jobs,
                station_code=self.station_code,
                printed_at=now,
                base_url=base,
                paper=self.paper,
            )
            return printer.print_pdf(path, copies=1, title=path.stem)

        def printed(_result: object) -> None:
            button.setEnabled(True)
            self.shell.show("sheet.printed")

        self.shell.printing.submit(draw_and_print, printed, failed)
        self.shell.show("sheet.printing")


def _not_read(exc: Exception) -> None:
    log.warning("hall: jobs not read: %s", type(exc).__name__)
