"""Renders every screen in each display mode to PNG, offscreen, for review without a kiosk."""

from __future__ import annotations

import os
import time
from pathlib import Path

from kiosk.config import Config, Paths


def render_all(config: Config, paths: Paths, out_dir: Path, modes: list[str]) -> list[Path]:
    """Walk the screens with demo data and save ``<screen>-<mode>.png`` files."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from kiosk.check import diagnose, render  # noqa: PLC0415
    from kiosk.domain.errors import AuthError, AuthErrorKind  # noqa: PLC0415
    from kiosk.domain.session import IdlePolicy, SessionClock  # noqa: PLC0415
    from kiosk.i18n import Catalog, Mode  # noqa: PLC0415
    from kiosk.services.admin_auth import Role  # noqa: PLC0415
    from kiosk.ui.controller import KioskController, Services  # noqa: PLC0415
    from kiosk.ui.idle import IdleController  # noqa: PLC0415
    from kiosk.ui.lifecycle import shutdown  # noqa: PLC0415
    from kiosk.ui.tasks import TaskRunner  # noqa: PLC0415
    from kiosk.ui.texts import Texts  # noqa: PLC0415
    from kiosk.ui.theme import Theme, load_fonts  # noqa: PLC0415
    from kiosk.ui.widgets.demo_panel import DEMO_PINS  # noqa: PLC0415
    from kiosk.ui.window import KioskWindow  # noqa: PLC0415
    from kiosk.wiring import open_backend, prepare_demo  # noqa: PLC0415

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["kiosk-screenshots"])
    fonts = load_fonts(paths.assets / "fonts")
    backend = open_backend(config, paths)
    prepare_demo(backend, paths, DEMO_PINS)
    theme = Theme.for_panel(config.display.diagonal_inches, config.display.width_px, config.display.height_px)
    texts = Texts(Catalog(paths.translations), Mode(config.display.default_mode))
    db = TaskRunner(1, "db-worker")
    window = KioskWindow(theme, texts, demo=False, gesture_taps=config.admin.gesture_taps)
    idle = IdleController(SessionClock(IdlePolicy(config.session.idle_seconds, config.session.warning_seconds)), time.monotonic)
    ctl = KioskController(window, texts, idle, db, config.terminal.station_code, app.quit)
    ctl.attach(Services(backend.session, backend.auth, backend.figures, backend.workers, backend.audit,
                        backend.clock, lambda: render(diagnose(config, paths, backend, fonts))))
    window.resize(config.display.width_px, config.display.height_px)
    window.show()
    out_dir.mkdir(parents=True, exist_ok=True)
    worker = backend.workers.sample(1)[0]
    written: list[Path] = []

    def settle() -> None:
        db.wait()
        for _ in range(5):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def shot(name: str, mode: str) -> None:
        settle()
        path = out_dir / f"{name}-{mode}.png"
        window.grab().save(str(path))
        written.append(path)

    for mode_name in modes:
        mode = Mode(mode_name)
        ctl.end_session("screenshots")
        texts.default_mode = mode
        texts.set_mode(mode)
        shot("attract", mode_name)
        ctl.present_card(worker.id_hash)
        settle()
        texts.set_mode(mode)
        shot("home", mode_name)
        window.overlay.show_countdown(config.session.warning_seconds)
        shot("idle-warning", mode_name)
        window.overlay.hide()
        ctl.end_session("screenshots")
        texts.set_mode(mode)
        window.navigator.go("pin")
        ctl._on_sign_in_failed(AuthError(AuthErrorKind.WRONG_PIN, remaining=3))
        shot("pin", mode_name)
        ctl._on_signed_in(Role.STAFF)
        shot("staff", mode_name)
        ctl._on_signed_in(Role.TECHNICIAN)
        shot("technician", mode_name)
    ctl.end_session("screenshots")
    shutdown(app, window, runners=(db,))
    backend.engine.dispose()
    return written
