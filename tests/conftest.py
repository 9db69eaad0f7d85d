"""Test set-up: Qt offscreen, and a real kiosk on a temporary folder for UI tests."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

from tests.helpers.cups import Cups, available  # noqa: E402
from tests.helpers.kiosk import Rig, close_kiosk, start_rig  # noqa: E402
from tests.helpers.pcscd import reserve_vpcd_ports, restore_reserved_ports  # noqa: E402
from tests.helpers.pulse import Listener, Pulse  # noqa: E402

_PULSE: list[Pulse] = []
_RESERVED: list[str | None] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    """A private sound server before anything loads QtMultimedia (it connects once), and
    vpcd's ports kept out of the ephemeral range before any test opens a connection."""
    _RESERVED.append(reserve_vpcd_ports())
    pulse = Pulse.start()
    _PULSE.append(pulse)
    os.environ["PULSE_SERVER"] = pulse.server


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Stop the sound server we started; give back the ports' reservation."""
    for pulse in _PULSE:
        pulse.stop()
    for before in _RESERVED:
        restore_reserved_ports(before)


@pytest.fixture
def listener() -> Iterator[Listener]:
    """``parec`` on the tests' own sound server's speaker monitor (stopped by pid)."""
    ear = Listener(Pulse.attach(os.environ["PULSE_SERVER"]))
    yield ear
    ear.stop()


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
    rig = start_rig(tmp_path)
    yield rig
    close_kiosk(rig.kiosk, rig.backend)
