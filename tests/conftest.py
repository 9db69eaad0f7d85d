"""Test set-up: Qt offscreen, and a real kiosk on a temporary folder for UI tests."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

from kiosk.app import build_kiosk, open_store  # noqa: E402
from kiosk.domain.timeutil import now_local  # noqa: E402
from tests.helpers.cups import Cups, available  # noqa: E402
from tests.helpers.fakes import FakeClock  # noqa: E402
from tests.helpers.kiosk import Rig, close_kiosk, make_config  # noqa: E402
from tests.helpers.pulse import Pulse  # noqa: E402

_PULSE: list[Pulse] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    """A private sound server before anything loads QtMultimedia (it connects once)."""
    pulse = Pulse.start()
    _PULSE.append(pulse)
    os.environ["PULSE_SERVER"] = pulse.server


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Stop the sound server we started."""
    for pulse in _PULSE:
        pulse.stop()


@pytest.fixture(scope="module")
def cups() -> Iterator[Cups]:
    """A private CUPS server for a module's printing tests (stopped by pid after them)."""
    if available() is not None:
        pytest.skip(str(available()))
    server = Cups.start()
    yield server
    server.stop()


@pytest.fixture
def demo_rig(qtbot: object, tmp_path: Path) -> Iterator[Rig]:
    """A demo kiosk with demo data and PINs, its window shown at the reference size."""
    config, paths = make_config(tmp_path, terminal={"demo": True})
    clock = FakeClock(now_local().replace(microsecond=0))  # the kiosk's one clock, stepped by hand
    backend = open_store(config, paths, clock)
    kiosk = build_kiosk(config, paths, demo_panel=True, clock=clock)
    kiosk.attach(config, paths, backend)
    kiosk.window.resize(config.display.width_px, config.display.height_px)
    kiosk.window.show()
    kiosk.start_devices()
    rig = Rig(kiosk, backend, clock, config, paths)
    yield rig
    close_kiosk(kiosk, backend)
