"""Renders every screen in each display mode to PNG, offscreen, for review without a kiosk."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.config import Config, Paths


def render_all(config: Config, paths: Paths, out_dir: Path, modes: list[str]) -> list[Path]:
    """Walk the screens with demo data and save ``<screen>-<mode>.png`` files."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop  # noqa: PLC0415

    from kiosk.app import build_kiosk  # noqa: PLC0415
    from kiosk.domain.errors import AuthError, AuthErrorKind  # noqa: PLC0415
    from kiosk.i18n import Mode  # noqa: PLC0415
    from kiosk.services.admin_auth import Role  # noqa: PLC0415
    from kiosk.ui.widgets.demo_panel import DEMO_PINS  # noqa: PLC0415
    from kiosk.wiring import open_backend, prepare_demo  # noqa: PLC0415

    backend = open_backend(config, paths)
    prepare_demo(backend, paths, DEMO_PINS)
    kiosk = build_kiosk(config, paths, demo_panel=False)
    kiosk.attach(config, paths, backend)
    ctl, texts, window = kiosk.controller, kiosk.texts, kiosk.window
    window.resize(config.display.width_px, config.display.height_px)
    window.show()
    out_dir.mkdir(parents=True, exist_ok=True)
    from kiosk.idcard.demo import DemoReader  # noqa: PLC0415

    reader = DemoReader()
    reader.start(ctl.reader_event)
    written: list[Path] = []

    def shot(name: str, mode: str) -> None:
        kiosk.db.wait()
        for _ in range(5):
            kiosk.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        path = out_dir / f"{name}-{mode}.png"
        window.grab().save(str(path))
        written.append(path)

    for mode_name in modes:
        texts.default_mode = Mode(mode_name)
        ctl.end_session("screenshots")
        shot("attract", mode_name)
        reader.present("resident_tibetan")
        kiosk.db.wait()
        kiosk.app.processEvents()
        texts.set_mode(Mode(mode_name))
        shot("home", mode_name)
        window.overlay.show_countdown(config.session.warning_seconds)
        shot("idle-warning", mode_name)
        ctl.end_session("screenshots")
        window.navigator.go("pin")
        ctl.show_sign_in_error(AuthError(AuthErrorKind.WRONG_PIN, remaining=3))
        shot("pin", mode_name)
        ctl.open_role(Role.STAFF)
        shot("staff", mode_name)
        ctl.open_role(Role.TECHNICIAN)
        shot("technician", mode_name)
    ctl.end_session("screenshots")
    kiosk.close()
    backend.engine.dispose()
    return written
