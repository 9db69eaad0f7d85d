"""Staff-assisted filing for plain readers that give only the chip serial."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.domain import idnumber
from kiosk.idcard.demo import SAMPLES
from kiosk.idcard.events import CardPresented
from kiosk.ui.widgets.demo_panel import DEMO_PINS
from tests.helpers.kiosk import Rig

SERIAL = "A1B2C3D4E5F60718"


def chip_tap(rig: Rig, qtbot: QtBot) -> None:
    rig.kiosk.controller.reader_event(CardPresented(SERIAL, None))
    rig.kiosk.db.wait()
    qtbot.wait(20)


def open_staff(rig: Rig, qtbot: QtBot) -> None:
    window, controller = rig.kiosk.window, rig.kiosk.controller
    for _ in range(rig.config.admin.gesture_taps):
        qtbot.mouseClick(window.hotspot, Qt.MouseButton.LeftButton)
    for digit in DEMO_PINS["staff"]:
        qtbot.mouseClick(controller.screens["pin"].keypad.digits[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(controller.screens["pin"].keypad.ok, Qt.MouseButton.LeftButton)
    rig.kiosk.db.wait()
    qtbot.waitUntil(lambda: window.navigator.current is controller.screens["staff"])


def submit(rig: Rig, qtbot: QtBot, number: str, name: str) -> None:
    screen = rig.kiosk.controller.screens["staff_bind"]
    screen.number.setText(number)
    screen.name_edit.setText(name)
    qtbot.mouseClick(screen.go, Qt.MouseButton.LeftButton)
    rig.kiosk.db.wait()
    qtbot.wait(20)


def test_a_registered_workers_card_is_bound_and_then_logs_in_alone(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    controller = demo_rig.kiosk.controller
    chip_tap(demo_rig, qtbot)
    assert demo_rig.kiosk.window.banner.message_id == "error.card.not_registered"
    open_staff(demo_rig, qtbot)
    assert controller.screens["staff"].bind.isEnabled()
    qtbot.mouseClick(controller.screens["staff"].bind, Qt.MouseButton.LeftButton)
    card = SAMPLES["resident_chinese"]
    submit(demo_rig, qtbot, card.number, card.name)
    assert demo_rig.kiosk.window.banner.message_id == "staff.bound"
    # Staff act for the worker from here: the worker is asked first, by name.
    consent = controller.screens["assist"]
    assert demo_rig.kiosk.window.navigator.current is consent
    assert consent.name_shown == "王建国"
    with qtbot.waitSignal(controller.session_started) as started:
        qtbot.mouseClick(consent.yes, Qt.MouseButton.LeftButton)
    assert started.args[0].name == "王建国"
    controller.end_session("finished")
    with qtbot.waitSignal(controller.session_started) as again:
        chip_tap(demo_rig, qtbot)
    assert again.args[0].name == "王建国"


def test_an_unknown_number_goes_to_filing_with_the_typed_name(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    chip_tap(demo_rig, qtbot)
    open_staff(demo_rig, qtbot)
    qtbot.mouseClick(controller.screens["staff"].bind, Qt.MouseButton.LeftButton)
    first17 = "54010219750607031"
    submit(demo_rig, qtbot, first17 + idnumber.check_char(first17), "多吉")
    assert demo_rig.kiosk.window.navigator.current is controller.screens["filing"]
    assert "多吉" in controller.screens["filing"].consent_text.texts()[-1]
    assert controller.shell.visit.card is not None
    assert controller.shell.visit.card.chip_serial == SERIAL


def test_a_wrong_number_is_refused_on_the_spot(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    chip_tap(demo_rig, qtbot)
    open_staff(demo_rig, qtbot)
    qtbot.mouseClick(controller.screens["staff"].bind, Qt.MouseButton.LeftButton)
    submit(demo_rig, qtbot, "540102197506070310", "多吉")
    assert demo_rig.kiosk.window.navigator.current is controller.screens["staff_bind"]
    assert any("无效" in t for t in controller.screens["staff_bind"].error.texts())
    submit(demo_rig, qtbot, SAMPLES["resident_chinese"].number, "")
    assert any("姓名" in t for t in controller.screens["staff_bind"].error.texts())


def test_without_a_waiting_card_there_is_nothing_to_register(demo_rig: Rig, qtbot: QtBot) -> None:
    open_staff(demo_rig, qtbot)
    assert not demo_rig.kiosk.controller.screens["staff"].bind.isEnabled()
