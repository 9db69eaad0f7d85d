"""Wires screens to services: the worker's visit, the idle rule, staff and technician modes.

Every service call runs on the DB worker (``TaskRunner`` with one thread); results come back
to the GUI thread, so the screen never waits on SQLite.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.domain.errors import (
    CardErrorKind,
    CardReadError,
    KioskError,
)
from kiosk.i18n import Mode
from kiosk.idcard.events import (
    CardFailed,
    CardPresented,
    CardRemoved,
    ReaderEvent,
    ReaderState,
    ReaderStatus,
    ScanReceived,
)
from kiosk.services.ports import Clock
from kiosk.ui.flows import AdminFlow, FilingFlow, JobsFlow
from kiosk.ui.icons import TRADE_ICONS as TRADES
from kiosk.ui.idle import IdleController
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.syncflow import SyncFlow
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.texts import Texts
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:  # the screens behind the attract screen load after its first frame
    from kiosk.services.admin_auth import AdminAuth
    from kiosk.services.jobs import JobsService
    from kiosk.services.ports import AuditLog, FiguresReader
    from kiosk.services.registration import RegistrationService
    from kiosk.services.session import SessionService, SessionView
    from kiosk.services.sync import EnrolmentService
    from kiosk.ui.screens.admin import MessageScreen, StaffScreen, TechnicianScreen
    from kiosk.ui.screens.enrol import EnrolScreen
    from kiosk.ui.screens.filing import FilingScreen
    from kiosk.ui.screens.home import HomeScreen
    from kiosk.ui.screens.jobs import JobDetailScreen, JobsScreen
    from kiosk.ui.screens.pin import PinScreen
    from kiosk.ui.screens.record import RecordScreen
    from kiosk.ui.screens.staff_bind import StaffBindScreen

log = logging.getLogger(__name__)


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
    enrolment: EnrolmentService | None = None
    sync_rejected: Callable[[], list[tuple[str, str, dt.datetime]]] | None = None


class KioskController(QObject):
    """The flow of the kiosk; ``session_started`` / ``session_ended`` for tests and voice."""

    session_started = Signal(object)
    session_applied = Signal()
    session_ended = Signal(str)
    services_attached = Signal()

    def __init__(
        self,
        window: KioskWindow,
        *,
        texts: Texts,
        idle: IdleController,
        db: TaskRunner,
        station_code: str,
        quit_app: Callable[[], None],
        clock: Clock,
        deferred: bool = False,
    ) -> None:
        super().__init__()
        self.window, self.texts, self.idle, self.db = window, texts, idle, db
        self.clock = clock  # the one clock of the kiosk (services get the same one)
        self.quit_app = quit_app
        self.services: Services | None = None
        self.reader_status = ReaderStatus(ReaderState.MISSING, "not started")
        self.ready = False
        self.attract = AttractScreen(window.theme, texts, station_code, clock)
        self.attract.mode_chosen.connect(self._on_attract_mode_chosen)
        window.navigator.add(self.attract)
        window.navigator.go("attract")
        self.home: HomeScreen
        self.pin: PinScreen
        self.staff: StaffScreen
        self.technician: TechnicianScreen
        self.message: MessageScreen
        self.jobs: JobsScreen
        self.job: JobDetailScreen
        self.filing: FilingScreen
        self.pending_card: CardPresented | None = None  # held only while its holder files
        self.chip_waiting: tuple[str, float] | None = None  # a chip-only card staff may register
        self.staff_bind: StaffBindScreen
        self.enrol: EnrolScreen
        self.record: RecordScreen
        self.jobs_flow = JobsFlow(self)
        self.filing_flow = FilingFlow(self)
        self.sync_flow = SyncFlow(self)
        self.admin_flow = AdminFlow(self)
        if not deferred:
            self.finish_setup()

    def finish_setup(self) -> None:
        """Build the screens behind the attract screen (after its first frame, at start-up)."""
        if self.ready:
            return
        from kiosk.ui.screens.admin import (  # noqa: PLC0415 - deferred, see imports
            MessageScreen,
            StaffScreen,
            TechnicianScreen,
        )
        from kiosk.ui.screens.enrol import EnrolScreen  # noqa: PLC0415
        from kiosk.ui.screens.filing import FilingScreen  # noqa: PLC0415
        from kiosk.ui.screens.home import HomeScreen  # noqa: PLC0415
        from kiosk.ui.screens.jobs import JobDetailScreen, JobsScreen  # noqa: PLC0415
        from kiosk.ui.screens.pin import PinScreen  # noqa: PLC0415
        from kiosk.ui.screens.record import RecordScreen  # noqa: PLC0415
        from kiosk.ui.screens.staff_bind import StaffBindScreen  # noqa: PLC0415

        theme, texts = self.window.theme, self.texts
        self.home = HomeScreen(theme, texts)
        self.pin = PinScreen(theme, texts)
        self.staff = StaffScreen(theme, texts)
        self.technician = TechnicianScreen(theme, texts)
        self.message = MessageScreen(theme, texts)
        self.jobs = JobsScreen(theme, texts, self.today)
        self.job = JobDetailScreen(theme, texts, self.today)
        self.filing = FilingScreen(theme, texts, list(TRADES))
        self.staff_bind = StaffBindScreen(theme, texts)
        self.enrol = EnrolScreen(theme, texts)
        self.record = RecordScreen(theme, texts)
        for screen in (
            self.enrol,
            self.record,
            self.home,
            self.pin,
            self.staff,
            self.technician,
            self.message,
            self.jobs,
            self.job,
            self.filing,
            self.staff_bind,
        ):
            self.window.navigator.add(screen)
        self._connect_signals()
        self.sync_flow.connect_screens()
        self.ready = True
        self.sync_flow.show()

    def _connect_signals(self) -> None:
        w = self.window
        jobs, filing = self.jobs_flow, self.filing_flow
        self.filing.confirmed.connect(filing._on_filing_confirmed)
        self.staff.bind_requested.connect(filing._on_staff_bind_requested)
        self.staff_bind.cancelled.connect(lambda: self.window.navigator.go("staff"))
        self.staff_bind.submitted.connect(filing._on_staff_bind_submitted)
        self.filing.declined.connect(filing._on_filing_declined)
        for bar in (self.jobs.bar, self.job.bar, self.filing.bar):
            bar.call_staff_requested.connect(self._on_bar_call_staff_requested)
            bar.finish_requested.connect(lambda: self.end_session("finished"))
        self.home.find_work.clicked.connect(lambda: jobs.find_work("any", False, ""))
        self.home.edit.clicked.connect(filing._on_home_edit_clicked)
        self.jobs.filters_changed.connect(jobs.find_work)
        self.jobs.back_requested.connect(lambda: self.window.navigator.go("home"))
        self.jobs.job_chosen.connect(jobs._on_jobs_job_chosen)
        self.job.back_requested.connect(lambda: self.window.navigator.go("jobs"))
        self.job.apply_requested.connect(jobs._on_job_apply_requested)
        self.home.bar.call_staff_requested.connect(self._on_bar_call_staff_requested)
        self.home.bar.finish_requested.connect(lambda: self.end_session("finished"))
        self.idle.warning_started.connect(
            lambda: w.overlay.show_countdown(self.idle_seconds_left())
        )
        self.idle.countdown.connect(w.overlay.show_countdown)
        self.idle.expired.connect(lambda: self.end_session("timeout"))
        w.overlay.continue_pressed.connect(self._on_overlay_continue_pressed)
        w.hotspot.triggered.connect(self.admin_flow.hotspot_triggered)
        self.pin.pin_entered.connect(self.admin_flow.pin_entered)
        self.pin.cancelled.connect(lambda: self.end_session("cancelled"))
        self.staff.leave_requested.connect(lambda: self.end_session("staff_left"))
        self.technician.leave_requested.connect(lambda: self.end_session("technician_left"))
        if w.demo_panel is not None:
            w.demo_panel.exit_requested.connect(self.quit_app)

    def today(self) -> dt.date:
        """The kiosk's date now (asked at each use: a kiosk runs past midnight)."""
        return self.clock.now().date()

    def idle_seconds_left(self) -> int:
        """Whole seconds left in the warning."""
        return round(self.idle.clock.seconds_left(self.idle.monotonic()))

    # --- store ---------------------------------------------------------------------
    def attach(self, services: Services) -> None:
        """The store is open: the kiosk can serve."""
        self.finish_setup()
        self.services = services
        if services.enrolment is not None:
            self.sync_flow.enrolled_with = services.enrolment.enrolled_with()
        self.sync_flow.show()
        self.services_attached.emit()

    def store_failed(self, exc: Exception) -> None:
        """The database cannot be used: say so on screen, for a technician."""
        self.finish_setup()
        message_id = exc.message_id if isinstance(exc, KioskError) else "error.store.unavailable"
        log.error("store failed to open: %s", exc)
        self.message.show_message(message_id)
        self.window.navigator.go("message")

    # --- worker visit ----------------------------------------------------------------
    def reader_event(self, event: ReaderEvent) -> None:
        """A card reader or scanner reported something (GUI thread, via the bridge)."""
        if isinstance(event, ReaderStatus):
            self.reader_status = event
            problem = event.state is not ReaderState.CONNECTED
            level = logging.WARNING if problem else logging.INFO
            log.log(level, "card reader %s: %s", event.state.value, event.reason)
            self.attract.set_notice(self.texts_for_reader(event))
            return
        if isinstance(event, CardRemoved):
            return
        screen = self.window.navigator.current.name
        if screen not in ("attract", "home"):
            return  # staff or technician at work: a tap does nothing there
        if isinstance(event, CardFailed):
            self.show_card_error(event.error)
        elif isinstance(event, ScanReceived):
            self.show_card_error(
                CardReadError(CardErrorKind.UNSUPPORTED_TYPE, "scan"), "error.card.qr_unknown"
            )
        elif isinstance(event, CardPresented):
            self.present_card(event)

    def texts_for_reader(self, status: ReaderStatus) -> str:
        """Message id of the attract screen's reader notice ("" when the reader works)."""
        if status.state is ReaderState.CONNECTED:
            return ""
        return (
            "error.card.reader_missing"
            if status.state is ReaderState.MISSING
            else "error.card.reader_error"
        )

    def present_card(self, event: CardPresented) -> None:
        """A card was read: start (or switch to) that worker's visit."""
        services = self.services
        if services is None:
            return
        if self.window.navigator.current.name == "home":
            self.end_session("next_card")
        self.pending_card = event

        def refused(exc: Exception) -> None:
            unknown = isinstance(exc, CardReadError) and exc.kind is CardErrorKind.NOT_REGISTERED
            if unknown and event.identity is not None:
                self.filing_flow.start_filing(event)
            else:
                if unknown and event.chip_serial:  # staff can register this card for 10 min
                    self.chip_waiting = (event.chip_serial, self.idle.monotonic())
                self.pending_card = None
                self._on_card_refused(exc)

        self.db.submit(
            lambda: services.session.start_for_card(event), self._on_session_looked_up, refused
        )

    def show_card_error(self, error: CardReadError, message_id: str = "") -> None:
        """Tell the person at the kiosk, in words; the technician detail goes to the log."""
        log.info("card not accepted: %s (%s)", error.kind.value, error.detail)
        msgid = message_id or error.message_id
        self.window.banner.show_message(msgid, self.texts.lines(msgid), "error")

    def _on_card_refused(self, exc: Exception) -> None:
        if isinstance(exc, CardReadError):
            self.show_card_error(exc)
        else:
            log.error("card look-up failed: %s", type(exc).__name__)
            self.window.banner.show_message(
                "error.generic", self.texts.lines("error.generic"), "error"
            )

    def _on_session_looked_up(self, view: SessionView) -> None:
        self.pending_card = None
        if self.texts.mode is self.texts.default_mode and view.preferred_lang in {
            m.value for m in Mode
        }:
            self.texts.set_mode(Mode(view.preferred_lang))
        self.home.show_session(view)
        self.idle.start_session()
        self.window.navigator.go("home")
        self.session_started.emit(view)
        services = self.services
        if services is not None:

            def rating() -> tuple[float | None, int]:
                worker = services.session.worker
                return (None, 0) if worker is None else services.jobs.rating(worker)

            self.db.submit(rating, self.home.show_rating)

    def _on_service_failed(self, exc: Exception) -> None:
        log.error("service call failed: %s", type(exc).__name__)
        self.window.banner.show_message("error.generic", self.texts.lines("error.generic"), "error")

    def end_session(self, reason: str) -> None:
        """Wipe everything of the visit and return to the attract screen."""
        self.finish_setup()
        self.idle.end_session()
        self.window.overlay.hide()
        self.window.banner.clear()
        self.home.show_session(None)
        self.jobs.show_matches([])
        self.job.show_match(None)
        self.filing.clear()
        self.staff_bind.reset()
        self.pending_card = None
        self.pin.reset()
        self.staff.show_figures(None)
        self.technician.show_report("")
        services = self.services
        if services is not None:
            self.db.submit(lambda: services.session.end(reason))
        self.texts.reset()
        if self.window.navigator.current.name != "message":
            self.window.navigator.go("attract")
        self.session_ended.emit(reason)

    def crashed(self, kind: str) -> None:
        """An unexpected error: back to the start, with an apology on screen."""
        log.error("returning to the attract screen after %s", kind)
        self.end_session("error")
        self.window.banner.show_message("error.generic", self.texts.lines("error.generic"), "error")

    def _on_attract_mode_chosen(self, mode: Mode) -> None:
        self.texts.set_mode(mode)

    def _on_bar_call_staff_requested(self) -> None:
        self.window.banner.show_message(
            "common.staff_called", self.texts.lines("common.staff_called")
        )
        services = self.services
        if services is not None:
            self.db.submit(
                lambda: services.audit.append(services.clock.now(), "worker", "staff_called")
            )

    def _on_overlay_continue_pressed(self) -> None:
        self.idle.extend()
        self.window.overlay.hide()
