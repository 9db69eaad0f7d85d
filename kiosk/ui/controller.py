"""The UI's composition root: the shell and the features, listed once.

Each feature is a folder under ``kiosk/ui/`` (its screens, its flow, its prompts, its reset)
talking to the narrow ``Shell``. Adding a screen touches its feature's folder; adding a
feature is one line here (with the features whose screens it attaches to).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.idcard.events import ReaderEvent, ReaderStatus
from kiosk.services.ports import Clock
from kiosk.ui.admin.dashboard_flow import DashboardFeature
from kiosk.ui.admin.flow import AdminFeature
from kiosk.ui.admin.settings_flow import SettingsFeature
from kiosk.ui.agreement.flow import AgreementFeature
from kiosk.ui.assist.flow import AssistFeature
from kiosk.ui.calls.flow import CallsFeature
from kiosk.ui.complaint.flow import ComplaintFeature
from kiosk.ui.feature import Feature
from kiosk.ui.filing.flow import FilingFeature
from kiosk.ui.hall.flow import HallFeature
from kiosk.ui.idle import IdleController
from kiosk.ui.jobs.flow import JobsFeature
from kiosk.ui.pay.flow import PayFeature
from kiosk.ui.phone.flow import PhoneFeature
from kiosk.ui.recording.flow import RecordingFeature
from kiosk.ui.recruit.flow import RecruitFeature
from kiosk.ui.shell import Services, Shell
from kiosk.ui.summary.flow import SummaryFeature
from kiosk.ui.syncstatus.flow import SyncFeature
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.texts import Texts
from kiosk.ui.training.flow import TrainingFeature
from kiosk.ui.visit.flow import VisitFeature
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.ui.screens.base import Screen

__all__ = ["FEATURES", "KioskController", "Services"]
log = logging.getLogger(__name__)

# Every feature, for what is listed without building screens (the voice's recording list).
FEATURES: tuple[type[Feature], ...] = (
    VisitFeature,
    JobsFeature,
    FilingFeature,
    AdminFeature,
    SyncFeature,
    RecordingFeature,
    SummaryFeature,
    CallsFeature,
    AgreementFeature,
    PayFeature,
    ComplaintFeature,
    TrainingFeature,
    SettingsFeature,
    DashboardFeature,
    HallFeature,
    AssistFeature,
    PhoneFeature,
    RecruitFeature,
)


class KioskController(QObject):
    """Builds the features over one shell; the app's entry points into the UI.

    ``session_started(view)``, ``session_applied()``, ``session_ended(reason)`` are the
    shell's signals (for the app, the voice and tests); ``services_attached`` fires when the
    store is open.
    """

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
        station_phone: str = "",
        kiosk_name: str = "kiosk",
        paper: str = "a4",
        desk_hours: str = "",
        hall: tuple[str, int, bool] = ("off", 12, True),
    ) -> None:
        super().__init__()
        self.window, self.texts, self.idle, self.db = window, texts, idle, db
        self.quit_app = quit_app
        shell = self.shell = Shell(window, texts, db, idle, clock)
        self.session_started = shell.visit_started
        self.session_applied = shell.applied
        self.session_ended = shell.visit_ended
        # The features, in the order they are built; each names those it attaches to.
        self.visit_ui = visit = VisitFeature(shell, station_code)
        self.admin_ui = admin = AdminFeature(shell, station_code, kiosk_name, paper)
        self.jobs_ui = JobsFeature(shell, visit)
        self.filing_ui = FilingFeature(shell, visit, admin)
        self.sync_ui = SyncFeature(shell, visit, admin)
        self.recording_ui = RecordingFeature(shell, admin)
        self.summary_ui = SummaryFeature(shell, station_code, station_phone, paper)
        self.calls_ui = CallsFeature(shell, admin, kiosk_name)
        self.agreement_ui = AgreementFeature(shell, admin)
        self.complaint_ui = ComplaintFeature(shell, visit, station_code, paper, desk_hours)
        self.pay_ui = PayFeature(shell, visit, self.complaint_ui)
        self.training_ui = TrainingFeature(shell, visit, self.summary_ui)
        self.settings_ui = SettingsFeature(shell, admin)
        self.dashboard_ui = DashboardFeature(shell, admin)
        self.assist_ui = AssistFeature(shell, admin)
        self.phone_ui = PhoneFeature(shell, visit)
        self.recruit_ui = RecruitFeature(
            shell, visit, admin, self.agreement_ui, station=station_code, paper=paper
        )
        display, page_seconds, announce = hall
        self.hall_ui = HallFeature(
            shell,
            admin,
            station_code,
            display=display,
            page_seconds=page_seconds,
            announce=announce,
            paper=paper,
        )
        self.features: tuple[Feature, ...] = (
            visit,
            admin,
            self.jobs_ui,
            self.filing_ui,
            self.sync_ui,
            self.recording_ui,
            self.summary_ui,
            self.calls_ui,
            self.agreement_ui,
            self.pay_ui,  # before the complaint's news: the pay question is asked first
            self.complaint_ui,
            self.training_ui,
            self.settings_ui,
            self.dashboard_ui,
            self.hall_ui,
            self.assist_ui,
            self.phone_ui,
            self.recruit_ui,
        )
        self.ready = False
        if not deferred:
            self.finish_setup()

    @property
    def screens(self) -> dict[str, Screen]:
        """Every screen by name (tests, screenshots and the voice reach them here)."""
        return self.window.navigator.screens

    @property
    def services(self) -> Services | None:
        """The services, once the store is open."""
        return self.shell.services

    @property
    def reader_status(self) -> ReaderStatus:
        """The card reader's last reported state (for diagnostics)."""
        return self.visit_ui.reader_status

    def finish_setup(self) -> None:
        """Build the screens behind the attract screen (after its first frame, at start-up)."""
        if self.ready:
            return
        for feature in self.features:
            feature.screens = feature.build()
            for screen in feature.screens:
                self.shell.add(screen)
        for feature in self.features:
            feature.connect()
            self.shell.on_reset(feature.reset)
        if self.window.demo_panel is not None:
            self.window.demo_panel.exit_requested.connect(self.quit_app)
        self.ready = True

    # --- the app's entry points ------------------------------------------------------------
    def attach(self, services: Services) -> None:
        """The store is open: the kiosk can serve."""
        self.finish_setup()
        self.shell.services = services
        for feature in self.features:
            feature.attached()
        self.services_attached.emit()

    def store_failed(self, exc: Exception) -> None:
        """The database cannot be used: say so on screen, for a technician."""
        self.finish_setup()
        self.visit_ui.out_of_service(exc)

    def reader_event(self, event: ReaderEvent) -> None:
        """A card reader or scanner reported something (GUI thread, via the bridge)."""
        self.visit_ui.reader_event(event)

    def catalogue_changed(self) -> None:
        """A sync pull brought jobs, trades or places (the matching index is rebuilt)."""
        self.hall_ui.refresh()

    def end_session(self, reason: str) -> None:
        """Wipe everything of the visit and return to the attract screen."""
        self.finish_setup()
        self.shell.end_visit(reason)

    def crashed(self, kind: str) -> None:
        """An unexpected error: back to the start, with an apology on screen."""
        log.error("returning to the attract screen after %s", kind)
        self.end_session("error")
        self.shell.show("error.generic", "error")
