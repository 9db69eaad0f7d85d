"""Composition root: reads the config, builds store, services, devices and windows, wires them.

Nothing else creates long-lived objects. The attract screen is shown before the database
is opened (on the DB worker), so start-up costs about what a bare Qt window costs.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from kiosk.config import Config, ConfigError, Paths, load_config, resolve_paths, with_overrides
from kiosk.logsetup import setup_logging

log = logging.getLogger("kiosk")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options of ``kiosk``."""
    p = argparse.ArgumentParser(prog="kiosk", description="Gig-station self-service kiosk")
    p.add_argument("--config", type=Path, default=None, help="TOML config file (default: $KIOSK_CONFIG or none)")
    p.add_argument("--demo", action="store_true", help="demo mode: demo data, demo card panel, exit button")
    p.add_argument("--check", action="store_true", help="print diagnostics and exit (non-zero on failure)")
    p.add_argument("--windowed", action="store_true", help="a window instead of full screen (development)")
    p.add_argument("--measure-startup", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def load(args: argparse.Namespace) -> tuple[Config, Paths]:
    """Config from ``--config`` or ``$KIOSK_CONFIG``, with ``--demo`` applied."""
    path = args.config or (Path(os.environ["KIOSK_CONFIG"]) if os.environ.get("KIOSK_CONFIG") else None)
    config = load_config(path)
    if args.demo:
        config = with_overrides(config, terminal={"demo": True})
    return config, resolve_paths(config)


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
        return run_check(config, paths)
    return run_gui(config, paths, windowed=args.windowed, measure_from=started if args.measure_startup else None)


def run_check(config: Config, paths: Paths) -> int:
    """``kiosk --check``: the technician report on stdout; 1 when anything failed."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415 - keep --check light until here

    from kiosk.check import diagnose, failed, render  # noqa: PLC0415
    from kiosk.ui.theme import load_fonts  # noqa: PLC0415

    _app = QGuiApplication.instance() or QGuiApplication(["kiosk"])
    findings = diagnose(config, paths, None, load_fonts(paths.assets / "fonts"))
    print(render(findings))
    return 1 if failed(findings) else 0


def run_gui(config: Config, paths: Paths, *, windowed: bool, measure_from: float | None) -> int:
    """Build the Qt side, show the attract screen, then open the store in the background."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from kiosk.check import diagnose, render  # noqa: PLC0415
    from kiosk.domain.session import IdlePolicy, SessionClock  # noqa: PLC0415
    from kiosk.i18n import Catalog, CatalogError, Mode  # noqa: PLC0415
    from kiosk.ui.controller import KioskController, Services  # noqa: PLC0415
    from kiosk.ui.excepthook import CrashGuard  # noqa: PLC0415
    from kiosk.ui.idle import IdleController  # noqa: PLC0415
    from kiosk.ui.lifecycle import shutdown  # noqa: PLC0415
    from kiosk.ui.tasks import TaskRunner  # noqa: PLC0415
    from kiosk.ui.texts import Texts  # noqa: PLC0415
    from kiosk.ui.theme import Theme, load_fonts  # noqa: PLC0415
    from kiosk.ui.widgets.demo_panel import DEMO_PINS  # noqa: PLC0415
    from kiosk.ui.window import KioskWindow  # noqa: PLC0415
    from kiosk.wiring import Backend, open_backend, prepare_demo  # noqa: PLC0415

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "kiosk"])
    assert isinstance(app, QApplication)
    fonts = load_fonts(paths.assets / "fonts")
    try:
        catalog = Catalog(paths.translations)
    except CatalogError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 3
    demo = config.terminal.demo
    theme = Theme.for_panel(config.display.diagonal_inches, config.display.width_px, config.display.height_px)
    texts = Texts(catalog, Mode(config.display.default_mode))
    db = TaskRunner(1, "db-worker")
    window = KioskWindow(theme, texts, demo=demo, gesture_taps=config.admin.gesture_taps)
    policy = IdlePolicy(config.session.idle_seconds, config.session.warning_seconds)
    idle = IdleController(SessionClock(policy), time.monotonic)
    app.installEventFilter(idle)
    controller = KioskController(window, texts, idle, db, config.terminal.station_code, app.quit)
    guard = CrashGuard()
    guard.crashed.connect(controller.crashed)
    guard.install()
    if measure_from is not None:
        def report_first_frame() -> None:
            print(f"first_frame_s {time.time() - measure_from:.4f}", flush=True)
            app.quit()

        controller.attract.first_painted.connect(report_first_frame)

    def open_store() -> Backend:
        backend = open_backend(config, paths)
        if demo:
            prepare_demo(backend, paths, DEMO_PINS)
        return backend

    def attach(backend: Backend) -> None:
        controller.attach(Services(
            session=backend.session, auth=backend.auth, figures=backend.figures,
            workers=backend.workers, audit=backend.audit, clock=backend.clock,
            diagnostics=lambda: render(diagnose(config, paths, backend, fonts)),
        ))
        log.info("kiosk ready (%s, schema %s)", "demo" if demo else "production", backend.report.revision)

    if measure_from is None:
        db.submit(open_store, attach, controller.store_failed)
    if windowed or not config.display.fullscreen:
        window.resize(config.display.width_px * 2 // 3, config.display.height_px * 2 // 3)
        window.show()
    else:
        window.showFullScreen()
    code = app.exec()
    shutdown(app, window, guard=guard, filters=(idle,), runners=(db,))
    return code
