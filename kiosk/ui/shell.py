"""The narrow shell every feature talks to: navigation, the banner, the DB runner, the
services, the visit, the clock and what is said aloud. Never the controller.

It also owns the visit's lifecycle that every feature shares: ``welcome(view)`` when a
worker's visit starts (however it started: a tap, filing, staff), ``end_visit(reason)``
when it ends, which runs every feature's reset, so no feature forgets to wipe its screens.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from kiosk.domain.storage import storage_kind
from kiosk.domain.visit import Phase, Visit
from kiosk.idcard.events import CardPresented, ScanReceived
from kiosk.services.ports import (
    AuditLog,
    Clock,
    FiguresReader,
    Printer,
    SettingsDesk,
    StaffCalls,
)
from kiosk.ui.errors import Notice, notice_for
from kiosk.ui.idle import IdleController
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.texts import Texts
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:  # the services load with the store, after the first frame
    from kiosk.domain.dashboard import Dashboard, StationDays
    from kiosk.services.admin_auth import AdminAuth
    from kiosk.services.complaints import ComplaintDesk
    from kiosk.services.followup import FollowUpReader
    from kiosk.services.jobs import JobsService
    from kiosk.services.pay import PayDesk
    from kiosk.services.phone import PhoneLink
    from kiosk.services.recruit import RecruitDesk
    from kiosk.services.registration import RegistrationService
    from kiosk.services.session import SessionService, SessionView
    from kiosk.services.signing import SigningDesk
    from kiosk.services.station import StationLink
    from kiosk.services.sync import EnrolmentService
    from kiosk.services.training import TrainingDesk
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.screens.session_bar import SessionBar

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Services:
    """What the UI may call; built by ``app`` once the store is open."""

    session: SessionService
    auth: AdminAuth
    figures: FiguresReader
    audit: AuditLog
    clock: Clock
    diagnostics: Callable[[], str]
    jobs: JobsService
    registration: RegistrationService
    calls: StaffCalls | None = None
    enrolment: EnrolmentService | None = None
    sync_rejected: Callable[[], list[tuple[str, str, dt.datetime]]] | None = None
    printer: Printer | None = None  # None: no [printer] queue, nothing is printed
    signing: SigningDesk | None = None  # signing agreements (staff)
    pay: PayDesk | None = None  # the pay question after an agreement's pay date
    complaints: ComplaintDesk | None = None  # complaints, ratings, the rights desk
    follow_up: FollowUpReader | None = None  # the staff screen's lists
    training: TrainingDesk | None = None  # courses and bookings
    storage_probe: Callable[[], None] | None = None  # raises while the disk cannot take work
    export_logs: Callable[[str], Path] | None = None  # report text -> the file on a stick
    settings: SettingsDesk | None = None  # the technician's settings
    export_dashboard: Callable[[Dashboard, StationDays | None], Path] | None = None  # CSV
    station: StationLink | None = None  # the station's figures (its other kiosks)
    phone: PhoneLink | None = None  # one-time codes for the worker's phone page
    recruit: RecruitDesk | None = None  # fast recruitment at the station (issue 15)


class Shell(QObject):
    """``visit_started(view)``, ``newcomer(card)``, ``applied()``, ``visit_ended(reason)``,
    ``announced(message_id, fmt)`` (for the voice), ``attached()`` when services arrive."""

    visit_started = Signal(object)
    newcomer = Signal(object)  # an unknown card whose identity was read: filing starts
    party_card = Signal(object)  # a tap at an agreement's signing step (CardPresented)
    consent_asked = Signal(object)  # staff will act for this worker (SessionView) if they agree
    applied = Signal()
    visit_ended = Signal(str)
    announced = Signal(str, dict)
    said = Signal(list)  # several messages in a row: [(message_id, fmt), ...]
    staff_call_requested = Signal()
    call_waiting = Signal(object)  # minutes waited for staff (int), or None: no call open
    attached = Signal()
    storage_lost = Signal(object)  # a task failed for the disk's sake (StoreError or cause)

    def __init__(
        self, window: KioskWindow, texts: Texts, db: TaskRunner, idle: IdleController, clock: Clock
    ) -> None:
        super().__init__()
        self.window, self.texts, self.db, self.idle, self.clock = window, texts, db, idle, clock
        self.theme = window.theme
        # What a visit starts from: a card on the reader, or a phone's login code scanned.
        self.visit: Visit[CardPresented | ScanReceived, SessionView] = Visit()
        self.services: Services | None = None
        # Printing waits for the printer (up to [printer] wait_s): never on the DB worker.
        self.printing = TaskRunner(1, "printer")
        # Asking the market about a card this kiosk does not know waits on the network too.
        self.asking = TaskRunner(1, "market-lookup")
        # Writing to a USB stick may hang on a stick pulled out: never on the DB worker.
        self.files = TaskRunner(1, "usb-files")
        self._resets: list[Callable[[], None]] = []
        self._visit_counted = False
        # Where the kiosk waits for the next person: the attract screen, or the hall board
        # on a kiosk set aside for it ([hall] display = "here").
        self.start_screen = "attract"
        self._finishers: list[Callable[[], bool]] = []

    # --- screens ---------------------------------------------------------------------
    def add(self, screen: Screen) -> None:
        """Put a feature's screen into the navigation."""
        self.window.navigator.add(screen)

    def go(self, name: str) -> None:
        """Show the screen called ``name``."""
        self.window.navigator.go(name)

    @property
    def current(self) -> str:
        """The name of the visible screen."""
        return self.window.navigator.current.name

    def today(self) -> dt.date:
        """The kiosk's date now (asked at each use: a kiosk runs past midnight)."""
        return self.clock.now().date()

    # --- telling the person --------------------------------------------------------------
    def tell(self, notice: Notice) -> None:
        """Show ``notice`` on the banner (the voice says it)."""
        lines = self.texts.compose([notice.message])
        self.window.banner.show_message(notice.message_id, lines, notice.kind)

    def show(self, message_id: str, kind: str = "info") -> None:
        """Show a message on the banner."""
        self.tell(Notice(message_id, kind=kind))

    def report(self, exc: BaseException) -> None:
        """A failure, told as its typed error's message (never a traceback)."""
        self.tell(notice_for(exc))

    def announce(self, notice: Notice) -> None:
        """Say ``notice`` aloud (a screen shows it in its own place, not on the banner)."""
        msgid, _count, fmt = notice.message
        self.announced.emit(msgid, fmt)

    def say(self, items: list[tuple[str, dict[str, Any]]]) -> None:
        """Say several messages in a row (a job card's facts); nothing is shown."""
        self.said.emit(items)

    # --- work off the GUI thread -------------------------------------------------------------
    def run(
        self,
        fn: Callable[[Services], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> bool:
        """Run ``fn(services)`` on the DB worker; callbacks come back on the GUI thread.
        Failures are reported on the banner unless ``on_error`` says otherwise. False
        (and nothing runs) while the store is not open."""
        services = self.services
        if services is None:
            return False
        fallback = on_error or self.report

        def failed(exc: Exception) -> None:
            if storage_kind(exc) is not None:  # nothing more can be saved: out of service
                self.storage_lost.emit(exc)
            else:
                fallback(exc)

        self.db.submit(lambda: fn(services), on_done, failed)
        return True

    def print_pdf(
        self,
        pdf: Path,
        on_done: Callable[[object], None],
        on_error: Callable[[Exception], None],
        copies: int = 1,
        printer: Printer | None = None,
    ) -> bool:
        """Print ``pdf`` on ``printer`` (default: the station's), off the GUI thread; False
        (nothing sent) when there is no printer."""
        services = self.services
        if printer is None:
            printer = services.printer if services is not None else None
        if printer is None:
            return False
        self.printing.submit(
            lambda: printer.print_pdf(pdf, copies=copies, title=pdf.stem), on_done, on_error
        )
        return True

    def audit(self, actor: str, action: str, detail: str = "") -> None:
        """Append to the audit log (on the DB worker)."""
        self.run(lambda s: s.audit.append(s.clock.now(), actor, action, detail), on_error=_ignore)

    # --- the visit ---------------------------------------------------------------------------
    def on_reset(self, reset: Callable[[], None]) -> None:
        """``reset`` runs at the end of every visit (a feature wipes what it showed)."""
        self._resets.append(reset)

    def welcome(self, view: SessionView) -> None:
        """A worker's visit starts (the visit feature shows their home); counted once per
        visit for the staff's dashboard (a newcomer is welcomed when filing ends)."""
        if not self._visit_counted:
            self._visit_counted = True
            self.audit("worker", "visit")
        self.visit_started.emit(view)

    def end_visit(self, reason: str) -> None:
        """Wipe everything of the visit and return to the start screen."""
        self.idle.end_session()
        self.window.overlay.hide()
        self.window.banner.clear()
        self.visit.finish()
        self._visit_counted = False
        for reset in self._resets:
            reset()
        self.run(lambda s: s.session.end(reason), on_error=_ignore)
        self.texts.reset()
        if self.visit.phase is not Phase.OUT_OF_SERVICE:
            self.go(self.start_screen)
        self.visit_ended.emit(reason)

    def on_finish(self, take: Callable[[], bool]) -> None:
        """``take()`` runs when the worker presses "finish"; True means it shows something
        first (the visit summary) and ends the visit itself."""
        self._finishers.append(take)

    def finish(self) -> None:
        """The worker pressed "finish"."""
        if not any(take() for take in self._finishers):
            self.end_visit("finished")

    def call_staff(self) -> None:
        """The worker asked for help (the calls feature opens the call and answers)."""
        self.staff_call_requested.emit()

    def connect_bar(self, bar: SessionBar) -> None:
        """A session bar's buttons: call staff, finish; it shows a call that is waiting."""
        bar.call_staff_requested.connect(self.call_staff)
        bar.finish_requested.connect(self.finish)
        self.call_waiting.connect(bar.show_call)


def _ignore(exc: Exception) -> None:
    """For background steps whose failure the person need not hear about: logged only."""
    log.warning("background step failed: %s", type(exc).__name__)
