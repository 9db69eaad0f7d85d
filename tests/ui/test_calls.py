"""Call staff that comes: a chime and a waiting state at the kiosk, an open call on the
staff screen that staff close; from the start screen too."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.i18n import Mode
from kiosk.ui.calls.flow import CALL_SOUND
from tests.helpers.kiosk import Rig, tap
from tests.ui.test_find_work import walk_to_list


def _sign_in_staff(rig: Rig, qtbot: QtBot) -> None:
    from kiosk.services.admin_auth import Role

    controller = rig.kiosk.controller
    controller.shell.visit.finish()
    controller.shell.visit.pin_requested()
    controller.admin_ui.open_role(Role.STAFF)
    qtbot.waitUntil(lambda: controller.window.navigator.current is controller.screens["staff"])


def test_a_call_chimes_shows_the_minutes_waited_and_reaches_the_staff_screen(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    controller = demo_rig.kiosk.controller
    walk_to_list(demo_rig, qtbot, Mode.ZH)
    jobs = controller.screens["jobs"]
    with qtbot.waitSignal(controller.shell.said) as said:
        qtbot.mouseClick(jobs.bar.call_staff, Qt.MouseButton.LeftButton)
    assert [m for m, _ in said.args[0]] == [CALL_SOUND, "common.staff_called"]
    assert jobs.bar.call_staff.face.texts() == ["已呼叫 · 已等 0 分钟"]
    # Three minutes on, the button says so; a second press reminds staff (chime again).
    demo_rig.clock.wall += dt.timedelta(minutes=3)
    controller.calls_ui._show_waiting()
    assert jobs.bar.call_staff.face.texts() == ["已呼叫 · 已等 3 分钟"]
    with qtbot.waitSignal(controller.shell.said) as again:
        qtbot.mouseClick(jobs.bar.call_staff, Qt.MouseButton.LeftButton)
    assert again.args[0] == [(CALL_SOUND, {}), ("common.staff_still_coming", {"n": 3})]
    calls = demo_rig.backend.calls.open_calls()
    assert [(c.kiosk, c.screen) for c in calls] == [(demo_rig.config.terminal.name, "jobs")]
    # Staff see which kiosk, which screen, since when; "done" closes it.
    _sign_in_staff(demo_rig, qtbot)
    panel = controller.screens["staff"].calls
    qtbot.waitUntil(lambda: bool(panel.calls))
    row = panel.rows[0]
    assert row.isVisibleTo(controller.screens["staff"])
    opened = calls[0].opened_at
    text = row.text.texts()[0]
    assert demo_rig.config.terminal.name in text
    assert "岗位列表" in text
    assert f"{opened:%H:%M}" in text
    assert "已等 3 分钟" in text
    qtbot.mouseClick(row.done, Qt.MouseButton.LeftButton)
    demo_rig.kiosk.db.wait()
    qtbot.waitUntil(lambda: not panel.calls)
    assert demo_rig.backend.calls.open_calls() == []
    assert not panel.isVisibleTo(controller.screens["staff"])


def test_the_start_screen_can_call_staff_and_the_call_outlives_the_visit(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    controller = demo_rig.kiosk.controller
    attract = controller.screens["attract"]
    assert attract.call_staff.isVisibleTo(attract), "help without a card"
    qtbot.mouseClick(attract.call_staff, Qt.MouseButton.LeftButton)
    banner = demo_rig.kiosk.window.banner
    qtbot.waitUntil(lambda: banner.message_id == "common.staff_called")
    assert attract.call_staff.face.texts()[-1] == "已呼叫 · 已等 0 分钟"
    # A worker signs in and leaves: the kiosk forgets the call, the staff screen does not.
    with qtbot.waitSignal(controller.session_started):
        tap(demo_rig, qtbot, "resident_chinese")
    with qtbot.waitSignal(controller.session_ended):
        controller.shell.end_visit("finished")
    assert attract.waited is None
    assert len(demo_rig.backend.calls.open_calls()) == 1
