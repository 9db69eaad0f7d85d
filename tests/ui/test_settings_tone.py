"""The technician's test tone comes out of the speaker at the volume shown (heard on the
tests' own PulseAudio server's speaker monitor)."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets.demo_panel import DEMO_PINS
from tests.helpers.kiosk import Rig
from tests.helpers.pulse import Listener
from tests.ui.test_admin import enter, open_pin_pad


def heard_after(qtbot: QtBot, listener: Listener, since: float, within_s: float) -> bool:
    deadline = time.perf_counter() + within_s
    while time.perf_counter() < deadline:
        if listener.onset_after(since) is not None:
            return True
        qtbot.wait(50)
    return False


def test_the_test_tone_sounds_at_the_volume_shown(
    demo_rig: Rig, qtbot: QtBot, listener: Listener
) -> None:
    ctl = demo_rig.kiosk.controller
    open_pin_pad(demo_rig, qtbot)
    enter(demo_rig, qtbot, DEMO_PINS["technician"])
    qtbot.mouseClick(ctl.screens["technician"].settings, Qt.MouseButton.LeftButton)
    settings = ctl.screens["settings"]
    for _ in range(10):  # down to 0 %
        qtbot.mouseClick(settings.volume_down, Qt.MouseButton.LeftButton)
    assert settings.volume == 0
    since = time.perf_counter()
    qtbot.mouseClick(settings.tone, Qt.MouseButton.LeftButton)
    assert not heard_after(qtbot, listener, since, 2.0)  # silent at 0 %
    for _ in range(10):
        qtbot.mouseClick(settings.volume_up, Qt.MouseButton.LeftButton)
    assert settings.volume == 100
    since = time.perf_counter()
    qtbot.mouseClick(settings.tone, Qt.MouseButton.LeftButton)
    assert heard_after(qtbot, listener, since, 5.0)
