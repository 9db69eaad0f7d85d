"""Composition root: reads the config, builds store, services, devices and windows, wires them.

Nothing else creates long-lived objects. The attract screen is shown before the database
is opened (on the DB worker), so the first frame does not wait for SQLite or Alembic.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.cli_args import load, parse_args
from kiosk.config import Config, ConfigError, Paths
from kiosk.devices import make_reader
from kiosk.domain.session import IdlePolicy, SessionClock
from kiosk.domain.storage import storage_kind
from kiosk.i18n import Catalog, CatalogError, Mode
from kiosk.idcard.demo import DemoReader
from kiosk.idcard.events import Reader
from kiosk.idcard.wedge import WedgeDecoder
from kiosk.logsetup import setup_logging
from kiosk.services.clock import SystemClock
from kiosk.services.ports import Clock
from kiosk.settings_desk import settings_for
from kiosk.ui.bridges import ReaderBridge, ScannerFilter, SyncBridge
from kiosk.ui.controller import KioskController
from kiosk.ui.excepthook import CrashGuard
from kiosk.ui.idle import IdleController
from kiosk.ui.lifecycle import shutdown
from kiosk.ui.shell import Services
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.texts import Texts
from kiosk.ui.theme import FontReport, Theme, load_fonts
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:  # the store (SQLAlchemy, Alembic) loads on the DB worker, after the first frame
    from kiosk.sync.worker import SyncWorker
    from kiosk.ui.recording.flow import RecordFlow
    from kiosk.ui.voiceflow import VoiceFlow
    from kiosk.wiring import Backend

log = logging.getLogger("kiosk")
REOPEN_MS = 30_000  # the store is tried again this often while the disk cannot take work


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kiosk`` command."""
    started = time.time()
    args = parse_args(argv)
    try:
        config, paths = load(args)
    except ConfigError as exc:
        print(f"kiosk: configuration error: {exc}", file=sys.stderr)
        return 2
    setup_logging(paths.logs, config.logging.level)
    if args.check:
        from kiosk.check import run_check  # noqa: PLC0415

        return run_check(config, paths)
    return run_gui(
        config,
        paths,
        windowed=args.windowed,
        measure_from=started if args.measure_startup else None,
    )


@dataclass
class Kiosk:
    """The built Qt side: what ``run_gui`` runs and ``screenshots`` drives."""

    app: QApplication
    window: KioskWindow
    controller: KioskController
    texts: Texts
    idle: IdleController
    db: TaskRunner
    fonts: FontReport
    bridge: ReaderBridge
    readers: list[Reader]
    clock: Clock
    scanner: ScannerFilter | None = None
    _sync_wired: bool = False
    sync_bridge: SyncBridge = field(default_factory=SyncBridge)
    sync: SyncWorker | None = None
    # Builds and stops sync workers: stopping one waits for its request in flight (up to
    # the read timeout), which must never hold the DB worker and with it every UI write.
    sync_control: TaskRunner = field(default_factory=lambda: TaskRunner(1, "sync-control"))
    voice: VoiceFlow | None = None
    recorder: RecordFlow | None = None

    def start_devices(self) -> None:
        """Start every reader (each in its own thread) and the scanner filter."""
        for reader in self.readers:
            reader.start(self.bridge.sink)
        if self.scanner is not None:
            self.app.installEventFilter(self.scanner)

    def attach(self, config: Config, paths: Paths, backend: Backend) -> None:
        """Hand the open store to the screens."""
        from kiosk import __version__  # noqa: PLC0415
        from kiosk.check import diagnose, render  # noqa: PLC0415 - see TYPE_CHECKING above
        from kiosk.services.sync import EnrolmentService  # noqa: PLC0415
        from kiosk.store.sync import SyncRepository  # noqa: PLC0415
        from kiosk.wiring import export_dashboard, export_logs, make_printer  # noqa: PLC0415

        fonts = self.fonts
        records = SyncRepository(backend.engine)
        self.controller.attach(
            Services(
                enrolment=EnrolmentService(
                    paths.credentials,
                    app_version=__version__,
                    terminal_name=config.terminal_label,
                    ca_bundle=config.sync.ca_bundle or None,
                ),
                sync_rejected=records.rejected,
                session=backend.session,
                auth=backend.auth,
                figures=backend.figures,
                audit=backend.audit,
                calls=backend.calls,
                clock=backend.clock,
                jobs=backend.jobs,
                registration=backend.registration,
                signing=backend.signing,
                pay=backend.pay,
                complaints=backend.complaints,
                training=backend.training,
                follow_up=backend.follow_up,
                storage_probe=backend.storage_probe,
                export_logs=partial(export_logs, paths, config, backend.clock),
                export_dashboard=partial(export_dashboard, config, backend.clock),
                station=backend.station,
                phone=backend.phone,
                recruit=backend.recruit,
                settings=settings_for(self, config, paths),
                printer=make_printer(config) if config.printer.queue else None,
                diagnostics=lambda: render(
                    diagnose(config, paths, backend, fonts, self.controller.reader_status)
                ),
            )
        )

        self.start_sync(config, paths, backend)
        self.controller.sync_ui.enrolled.connect(lambda: self.start_sync(config, paths, backend))

    def open_store(self, config: Config, paths: Paths) -> None:
        """Open the store on the DB worker, then serve; a fault of the disk (full,
        read-only) is shown and the store tried again every ``REOPEN_MS``."""

        def failed(exc: Exception) -> None:
            self.controller.store_failed(exc)
            if storage_kind(exc, paths.data_dir) is not None:
                QTimer.singleShot(REOPEN_MS, lambda: self.open_store(config, paths))

        from kiosk.wiring import open_store  # noqa: PLC0415 - see TYPE_CHECKING above

        self.db.submit(
            lambda: open_store(config, paths, self.clock),
            lambda backend: self.attach(config, paths, backend),
            failed,
        )

    def start_sync(self, config: Config, paths: Paths, backend: Backend) -> None:
        """Start background sync when enrolled (again after a new enrolment).

        Building it reads the credential and loads requests, and stopping an old worker may
        wait for a request in flight: both run on the sync-control worker, never on the GUI
        thread nor on the DB worker (a UI write never waits for them).
        """
        from kiosk.wiring import build_sync, refresh_catalogue  # noqa: PLC0415

        old, self.sync = self.sync, None
        if not self._sync_wired:
            self._sync_wired = True
            self.sync_bridge.status_changed.connect(self.controller.sync_ui.set_status)
            self.sync_bridge.pulled.connect(
                lambda n: self.db.submit(
                    lambda: refresh_catalogue(backend, n),
                    lambda _r: self.controller.catalogue_changed(),
                )
            )
            # Something was queued: send it now rather than at the next interval.
            self.controller.session_applied.connect(self.wake_sync)
            self.controller.session_ended.connect(self.wake_sync)

        def build() -> SyncWorker | None:
            if old is not None:
                old.stop()
            return build_sync(
                config,
                paths,
                backend,
                on_status=self.sync_bridge.status,
                on_pulled=self.sync_bridge.pulled_sink,
            )

        def built(worker: SyncWorker | None) -> None:
            if worker is not None:
                self.sync = worker
                worker.start()

        self.sync_control.submit(build, built)

    def start_voice(self, config: Config, paths: Paths) -> VoiceFlow | None:
        """Spoken prompts and prompt recording (after the screens exist; QtMultimedia loads
        here, after the first frame)."""
        if self.voice is not None or self.recorder is not None:
            return self.voice
        from kiosk.ui.voice import VoicePlayer  # noqa: PLC0415
        from kiosk.ui.voiceflow import VoiceFlow, spoken_prompts  # noqa: PLC0415
        from kiosk.voice.clips import ClipLibrary  # noqa: PLC0415
        from kiosk.voice.prompts import PromptResolver  # noqa: PLC0415
        from kiosk.voice.service import VoiceService  # noqa: PLC0415
        from kiosk.voice.tts import Synthesizer  # noqa: PLC0415

        clips = ClipLibrary(paths.data_dir / "voice")
        ctl = self.controller
        self.recorder = ctl.recording_ui.open_library(clips, spoken_prompts(self.texts.catalog))
        self.recorder.saved.connect(self.wake_sync)  # every kiosk hears a new take soon
        if not config.voice.enabled:
            return None
        resolver = PromptResolver(self.texts.catalog, clips, config.voice.missing_clip)
        service = VoiceService(
            resolver,
            Synthesizer(paths.data_dir / "voice-cache", config.voice.rate),
            paths.assets / "voice" / "chime.wav",
            on_ready=lambda _r: None,
            sounds={"sound.call": paths.assets / "voice" / "call.wav"},
        )
        player = VoicePlayer(config.voice.volume)
        player.warm_up(paths.assets / "voice" / "silence.wav")
        self.voice = VoiceFlow(ctl.shell, service, player)
        self.voice.wire()
        return self.voice

    def wake_sync(self, *_args: object) -> None:
        """Run a sync cycle soon (after an application or at the end of a visit)."""
        if self.sync is not None:
            self.sync.wake()

    def stop_devices(self) -> None:
        """Stop every reader and remove the scanner filter."""
        for reader in self.readers:
            reader.stop()
        if self.scanner is not None:
            self.app.removeEventFilter(self.scanner)

    def close(self, guard: CrashGuard | None = None) -> None:
        """Stop devices and sync, then shut Qt down in order (see ``kiosk.ui.lifecycle``)."""
        self.stop_devices()
        if self.sync is not None:
            self.sync.stop()
        self.controller.sync_ui.close()
        self.controller.hall_ui.close()
        if self.voice is not None:
            self.voice.close()
        filters: tuple[QObject, ...] = (self.idle,) + ((self.scanner,) if self.scanner else ())
        shell = self.controller.shell
        runners = (self.db, self.sync_control, shell.printing, shell.asking, shell.files)
        shutdown(self.app, self.window, guard=guard, filters=filters, runners=runners)


def build_kiosk(
    config: Config,
    paths: Paths,
    *,
    demo_panel: bool,
    clock: Clock | None = None,
    deferred: bool = False,
) -> Kiosk:
    """Create the application, fonts, catalog, window, idle rule and controller.

    ``clock`` is the kiosk's one clock: the idle rule, the screens' "today" and (through
    ``open_store``) every service read it, so a test steps all of them at once.
    """
    clock = clock or SystemClock()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["kiosk"])
    fonts = load_fonts(paths.assets / "fonts")
    catalog = Catalog(paths.translations)
    display = config.display
    theme = Theme.for_panel(display.diagonal_inches, display.width_px, display.height_px)
    texts = Texts(catalog, Mode(display.default_mode))
    db = TaskRunner(1, "db-worker")
    window = KioskWindow(theme, texts, demo=demo_panel, gesture_taps=config.admin.gesture_taps)
    policy = IdlePolicy(config.session.idle_seconds, config.session.warning_seconds)
    idle = IdleController(SessionClock(policy), clock.monotonic)
    app.installEventFilter(idle)
    controller = KioskController(
        window,
        texts=texts,
        idle=idle,
        db=db,
        station_code=config.terminal.station_code,
        station_phone=config.terminal.station_phone,
        kiosk_name=config.terminal.name,
        paper=config.agreement.paper,
        desk_hours=config.agreement.rights_desk_hours,
        hall=(config.hall.display, config.hall.page_seconds, config.hall.announce),
        quit_app=app.quit,
        clock=clock,
        deferred=deferred,
    )
    bridge = ReaderBridge()
    bridge.event_received.connect(controller.reader_event)
    readers: list[Reader] = []

    if window.demo_panel is not None:
        demo = DemoReader()
        window.demo_panel.sample_tapped.connect(demo.present)
        readers.append(demo)
    reader = make_reader(config.idcard) if not config.terminal.demo else None
    if reader is not None:
        readers.append(reader)
    scanner = None
    if config.idcard.scanner:
        decoder = WedgeDecoder(max_gap_s=config.idcard.scanner_max_gap_ms / 1000)
        scanner = ScannerFilter(bridge.sink, decoder)
    return Kiosk(app, window, controller, texts, idle, db, fonts, bridge, readers, clock, scanner)


def run_gui(config: Config, paths: Paths, *, windowed: bool, measure_from: float | None) -> int:
    """Show the attract screen, then open the store on the DB worker."""
    try:
        kiosk = build_kiosk(config, paths, demo_panel=config.terminal.demo, deferred=True)
    except CatalogError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 3
    guard = CrashGuard()
    guard.crashed.connect(kiosk.controller.crashed)
    guard.install()

    def after_first_frame() -> None:
        # Nothing competes with the first paint: other screens and the store come next.
        if measure_from is not None:
            print(f"first_frame_epoch {time.time():.6f}", flush=True)
        kiosk.controller.finish_setup()
        kiosk.start_voice(config, paths)
        kiosk.start_devices()
        kiosk.open_store(config, paths)

    kiosk.controller.visit_ui.attract.first_painted.connect(
        after_first_frame, Qt.ConnectionType.QueuedConnection
    )
    if measure_from is not None:

        def ready() -> None:
            print(f"ready_epoch {time.time():.6f}", flush=True)
            kiosk.app.exit(0)  # quit() would ask the window, which refuses to close

        kiosk.controller.services_attached.connect(ready)
    if windowed or not config.display.fullscreen:
        kiosk.window.resize(config.display.width_px * 2 // 3, config.display.height_px * 2 // 3)
        kiosk.window.show()
    else:
        # Without a window manager (cage, bare X) the full-screen request alone may be ignored.
        screen = kiosk.app.primaryScreen()
        if screen is not None:
            kiosk.window.setGeometry(screen.geometry())
        kiosk.window.showFullScreen()
    code = kiosk.app.exec()
    kiosk.close(guard)
    return code
