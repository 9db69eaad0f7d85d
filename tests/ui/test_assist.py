"""Assisted operation: staff press "help a worker", the worker taps their card and is asked,
by name, whether staff may use the kiosk for them. "Yes" is written to the audit log with
the worker's id and opens their home as an assisted visit; "no" is written too and ends the
visit with nothing of theirs shown. A tap on the staff screen without the button does
nothing, and an unknown card goes to filing, which asks its own consent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.visit import Phase
from kiosk.store import models as m
from tests.helpers.kiosk import Rig, tap
from tests.ui.test_staff_bind import open_staff


def audit(rig: Rig) -> list[tuple[str, str, str]]:
    rig.kiosk.db.wait()
    with Session(rig.backend.engine) as s:
        rows = s.execute(select(m.AuditRow.actor, m.AuditRow.action, m.AuditRow.detail))
        return [(a, b, c) for a, b, c in rows if b.startswith("assist")]


def ask_for_help(rig: Rig, qtbot: QtBot, card: str) -> None:
    ctl = rig.kiosk.controller
    open_staff(rig, qtbot)
    qtbot.mouseClick(ctl.screens["staff"].assist, Qt.MouseButton.LeftButton)
    assert rig.kiosk.window.banner.message_id == "assist.tap_card"
    assert rig.kiosk.window.navigator.current is ctl.screens["staff"]
    tap(rig, qtbot, card)


def test_the_worker_agrees_and_staff_act_for_them(demo_rig: Rig, qtbot: QtBot) -> None:
    ctl, window = demo_rig.kiosk.controller, demo_rig.kiosk.window
    ask_for_help(demo_rig, qtbot, "resident_chinese")
    consent = ctl.screens["assist"]
    qtbot.waitUntil(lambda: window.navigator.current is consent, timeout=5_000)
    assert consent.name_shown == "王建国"
    assert [m for m, _ in consent.prompts()] == ["assist.hello", "assist.question", "assist.what"]
    assert audit(demo_rig) == []  # nothing recorded before the answer
    with qtbot.waitSignal(ctl.session_started) as started:
        qtbot.mouseClick(consent.yes, Qt.MouseButton.LeftButton)
    view = started.args[0]
    assert view.name == "王建国"
    assert window.navigator.current is ctl.screens["home"]
    assert ctl.shell.visit.assisted
    assert audit(demo_rig) == [("worker", "assist_consent", view.worker_id)]
    strip = ctl.assist_ui.strip  # said under every screen of the visit
    assert strip.isVisible()
    assert strip.text.labels[0].text() == "工作人员正在帮您操作。不想要，随时可以说。"
    qtbot.mouseClick(ctl.screens["home"].find_work, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.navigator.current is ctl.screens["jobs"], timeout=5_000)
    assert strip.isVisible()
    ctl.end_session("finished")
    assert not ctl.shell.visit.assisted
    assert not strip.isVisible()
    tap(demo_rig, qtbot, "resident_chinese")  # the worker's own next visit: no band
    assert window.navigator.current is ctl.screens["home"]
    assert not strip.isVisible()


def test_the_worker_declines_and_sees_nothing_of_theirs(demo_rig: Rig, qtbot: QtBot) -> None:
    ctl, window = demo_rig.kiosk.controller, demo_rig.kiosk.window
    started: list[object] = []
    ctl.session_started.connect(started.append)
    ask_for_help(demo_rig, qtbot, "resident_chinese")
    consent = ctl.screens["assist"]
    qtbot.waitUntil(lambda: window.navigator.current is consent, timeout=5_000)
    qtbot.mouseClick(consent.no, Qt.MouseButton.LeftButton)
    demo_rig.kiosk.db.wait()
    assert started == []
    assert window.navigator.current is ctl.screens["attract"]
    assert window.banner.message_id == "assist.declined"
    assert consent.name_shown == ""  # the name is gone from the question
    ((actor, action, worker_id),) = audit(demo_rig)
    assert (actor, action) == ("worker", "assist_declined")
    assert worker_id  # whose refusal it was


def test_a_card_on_the_staff_screen_without_the_button_does_nothing(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    ctl = demo_rig.kiosk.controller
    open_staff(demo_rig, qtbot)
    tap(demo_rig, qtbot, "resident_chinese")
    assert demo_rig.kiosk.window.navigator.current is ctl.screens["staff"]
    assert ctl.shell.visit.phase is Phase.STAFF


def test_while_asked_another_card_does_not_take_over(demo_rig: Rig, qtbot: QtBot) -> None:
    ctl, window = demo_rig.kiosk.controller, demo_rig.kiosk.window
    ask_for_help(demo_rig, qtbot, "resident_chinese")
    consent = ctl.screens["assist"]
    qtbot.waitUntil(lambda: window.navigator.current is consent, timeout=5_000)
    tap(demo_rig, qtbot, "resident_tibetan")
    assert window.navigator.current is consent
    assert consent.name_shown == "王建国"


def test_an_unknown_card_files_a_profile_with_its_own_consent(demo_rig: Rig, qtbot: QtBot) -> None:
    ctl, window = demo_rig.kiosk.controller, demo_rig.kiosk.window
    ask_for_help(demo_rig, qtbot, "hmt_permit")  # a readable card nobody filed yet
    qtbot.waitUntil(lambda: window.navigator.current is ctl.screens["filing"], timeout=5_000)
    assert ctl.shell.visit.phase is Phase.FILING
    assert ctl.shell.visit.assisted
    assert audit(demo_rig) == []
