"""Builds a real kiosk (store, services, window) on a temporary folder for UI tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.app import Kiosk
from kiosk.config import Config, Paths, load_config, resolve_paths, with_overrides
from kiosk.wiring import Backend
from tests.helpers.fakes import FakeClock


def make_config(data_dir: Path, **sections: dict[str, Any]) -> tuple[Config, Paths]:
    """Defaults plus ``sections``, with data under ``data_dir``."""
    storage = {"data_dir": str(data_dir), **sections.pop("storage", {})}
    config = with_overrides(load_config(None, env={}), storage=storage, **sections)
    return config, resolve_paths(config, env={})


@dataclass
class Rig:
    """A kiosk under test with its store and its hand-stepped clock."""

    kiosk: Kiosk
    backend: Backend
    clock: FakeClock
    config: Config
    paths: Paths

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass for the idle rule and tick it."""
        self.clock.advance(seconds)
        self.kiosk.idle.tick()


def start_rig(data_dir: Path, **sections: dict[str, Any]) -> Rig:
    """A kiosk on ``data_dir`` (demo data and PINs unless ``terminal`` says otherwise) with
    its own stepped clock: built, attached, shown at the reference size, devices started."""
    sections.setdefault("terminal", {"demo": True})
    config, paths = make_config(data_dir, **sections)
    return start_configured(config, paths)


def start_on_file(path: Path, pins: dict[str, str]) -> Rig:
    """A kiosk started from the config file at ``path`` (as ``kiosk --config``), the
    environment ignored; ``pins`` (role -> PIN) set before it serves."""
    from kiosk.services.admin_auth import Role

    config = load_config(path, env={})
    paths = resolve_paths(config, env={})

    def set_pins(backend: Backend) -> None:
        for role, pin in pins.items():
            backend.auth.set_pin(Role(role), pin)

    return start_configured(config, paths, set_pins)


def start_configured(
    config: Config, paths: Paths, prepare: Callable[[Backend], None] | None = None
) -> Rig:
    """Build, attach and show a kiosk for ``config`` with a stepped clock."""
    from kiosk.app import build_kiosk
    from kiosk.domain.timeutil import now_local
    from kiosk.wiring import open_store

    clock = FakeClock(now_local().replace(microsecond=0))  # the kiosk's one clock
    backend = open_store(config, paths, clock)
    if prepare is not None:
        prepare(backend)
    kiosk = build_kiosk(config, paths, demo_panel=True, clock=clock)
    kiosk.attach(config, paths, backend)
    kiosk.window.resize(config.display.width_px, config.display.height_px)
    kiosk.window.show()
    kiosk.start_devices()
    return Rig(kiosk, backend, clock, config, paths)


def tap(rig: Rig, qtbot: object, key: str) -> None:
    """Tap the demo panel's sample card ``key`` and let the look-up finish."""
    from PySide6.QtCore import Qt

    panel = rig.kiosk.window.demo_panel
    assert panel is not None
    qtbot.mouseClick(panel.card_buttons[key], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    rig.kiosk.db.wait()
    qtbot.wait(20)  # type: ignore[attr-defined]


def close_kiosk(kiosk: Kiosk, backend: Backend) -> None:
    """Tear a test kiosk down without shutting down pytest-qt's shared application."""
    kiosk.stop_devices()
    kiosk.idle.end_session()  # its timer must not fire into a deleted window later
    kiosk.sync_control.wait()  # a sync worker being built arrives before we stop it
    kiosk.app.processEvents()
    if kiosk.sync is not None:
        kiosk.sync.stop()
    kiosk.controller.sync_ui.close()
    kiosk.controller.hall_ui.close()
    kiosk.sync_control.close()
    if kiosk.voice is not None:
        kiosk.voice.close()
    kiosk.db.wait()
    kiosk.controller.shell.printing.close()
    kiosk.app.removeEventFilter(kiosk.idle)
    kiosk.window.allow_close = True
    kiosk.window.close()
    kiosk.window.deleteLater()
    backend.engine.dispose()
