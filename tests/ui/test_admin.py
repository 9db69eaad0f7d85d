"""Staff and technician modes: hidden corner gesture, PIN pad, lockout."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.services.demo_data import DEMO_PINS
from tests.helpers.kiosk import Rig


def open_pin_pad(rig: Rig, qtbot: QtBot) -> None:
    hotspot = rig.kiosk.window.hotspot
    for _ in range(rig.config.admin.gesture_taps):
        qtbot.mouseClick(hotspot, Qt.MouseButton.LeftButton)
    assert rig.kiosk.window.navigator.current is rig.kiosk.controller.screens["pin"]


def enter(rig: Rig, qtbot: QtBot, pin: str) -> None:
    keypad = rig.kiosk.controller.screens["pin"].keypad
    for digit in pin:
        qtbot.mouseClick(keypad.digits[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keypad.ok, Qt.MouseButton.LeftButton)
    rig.kiosk.db.wait()
    qtbot.wait(20)


def test_fewer_taps_in_the_corner_do_nothing(demo_rig: Rig, qtbot: QtBot) -> None:
    for _ in range(demo_rig.config.admin.gesture_taps - 1):
        qtbot.mouseClick(demo_rig.kiosk.window.hotspot, Qt.MouseButton.LeftButton)
    assert demo_rig.kiosk.window.navigator.current is demo_rig.kiosk.controller.screens["attract"]


def test_staff_pin_opens_todays_figures(demo_rig: Rig, qtbot: QtBot) -> None:
    open_pin_pad(demo_rig, qtbot)
    enter(demo_rig, qtbot, DEMO_PINS["staff"])
    staff = demo_rig.kiosk.controller.screens["staff"]
    assert demo_rig.kiosk.window.navigator.current is staff
    qtbot.waitUntil(lambda: staff.figures is not None)
    assert staff.figures is not None
    assert staff.figures.open_jobs == 2000
    assert staff.figure_labels["open_jobs"][1].texts() == ["2000"]


def test_technician_pin_opens_diagnostics(demo_rig: Rig, qtbot: QtBot) -> None:
    open_pin_pad(demo_rig, qtbot)
    enter(demo_rig, qtbot, DEMO_PINS["technician"])
    tech = demo_rig.kiosk.controller.screens["technician"]
    assert demo_rig.kiosk.window.navigator.current is tech
    qtbot.waitUntil(lambda: "schema revision" in tech.report.toPlainText(), timeout=10_000)
    assert "journal=wal synchronous=2 foreign_keys=1" in tech.report.toPlainText()


def test_wrong_pin_says_how_many_tries_are_left(demo_rig: Rig, qtbot: QtBot) -> None:
    open_pin_pad(demo_rig, qtbot)
    enter(demo_rig, qtbot, "0000")
    pin = demo_rig.kiosk.controller.screens["pin"]
    assert demo_rig.kiosk.window.navigator.current is pin
    assert "密码错误,还可以试 4 次。" in pin.error.texts()
    assert pin.dots.text().strip() == ""


def test_repeated_wrong_pins_lock_even_the_right_one(demo_rig: Rig, qtbot: QtBot) -> None:
    open_pin_pad(demo_rig, qtbot)
    for _ in range(demo_rig.config.admin.pin_max_failures):
        enter(demo_rig, qtbot, "0000")
    pin = demo_rig.kiosk.controller.screens["pin"]
    assert any("密码错误次数过多" in t for t in pin.error.texts())
    enter(demo_rig, qtbot, DEMO_PINS["staff"])
    assert demo_rig.kiosk.window.navigator.current is pin
    assert any("密码错误次数过多" in t for t in pin.error.texts())


def test_leaving_staff_mode_returns_to_the_start(demo_rig: Rig, qtbot: QtBot) -> None:
    open_pin_pad(demo_rig, qtbot)
    enter(demo_rig, qtbot, DEMO_PINS["staff"])
    qtbot.mouseClick(demo_rig.kiosk.controller.screens["staff"].leave, Qt.MouseButton.LeftButton)
    assert demo_rig.kiosk.window.navigator.current is demo_rig.kiosk.controller.screens["attract"]


def test_an_abandoned_pin_pad_times_out(demo_rig: Rig, qtbot: QtBot) -> None:
    open_pin_pad(demo_rig, qtbot)
    demo_rig.advance(demo_rig.config.session.idle_seconds)
    demo_rig.advance(demo_rig.config.session.warning_seconds)
    assert demo_rig.kiosk.window.navigator.current is demo_rig.kiosk.controller.screens["attract"]
