"""Skills training as a worker meets it: home's button opens the courses, each with when,
where, seats, cost, language and what to bring, read aloud; one tap books (a double tap
books once), a full course offers the waiting list, cancelling needs a second tap; each
result is shown and said; the visit summary names what was booked; a booked course within
a week is told and said on home at the next tap; nothing of the worker stays after it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.store import models as m
from kiosk.ui.training.screen import CourseCard, TrainingScreen
from tests.helpers.kiosk import Rig, tap
from tests.helpers.screens import shows

CLICK = Qt.MouseButton.LeftButton


def _open(rig: Rig, qtbot: QtBot) -> TrainingScreen:
    controller = rig.kiosk.controller
    with qtbot.waitSignal(controller.session_started):
        tap(rig, qtbot, "resident_tibetan")
    rig.kiosk.db.wait()
    home = controller.screens["home"]
    button = controller.training_ui.button
    assert button.isVisibleTo(home)
    assert shows(button, "技能培训")
    qtbot.mouseClick(button, CLICK)
    screen = controller.training_ui.screen
    qtbot.waitUntil(lambda: rig.kiosk.window.navigator.current is screen)
    return screen


def _card(screen: TrainingScreen, trade: str) -> CourseCard:
    return next(c for c in screen.visible_cards() if c.course and c.course.job_type_code == trade)


def _queued(rig: Rig, kind: str) -> int:
    with Session(rig.backend.engine) as s:
        return len(list(s.scalars(select(m.OutboxRow).where(m.OutboxRow.type == kind))))


def test_book_once_join_the_list_and_cancel_with_a_second_tap(demo_rig: Rig, qtbot: QtBot) -> None:
    said: list[str] = []
    demo_rig.kiosk.controller.shell.announced.connect(lambda msgid, _fmt: said.append(msgid))
    screen = _open(demo_rig, qtbot)
    assert len(screen.visible_cards()) == 6  # Lhasa's six demo courses, none begun
    cleaning = _card(screen, "baojie")
    assert shows(cleaning, "保洁员技能培训")
    assert shows(cleaning, "地点：金珠西路零工驿站")
    assert shows(cleaning, "免费（政府补贴）")
    assert shows(cleaning, "请带：身份证，工作服")
    assert shows(cleaning.button, "预约")
    spoken = [msgid for msgid, _ in screen.prompts()]
    assert spoken[0] == "training.title"
    assert "training.bring.list2" in spoken  # every card is read, what to bring too

    qtbot.mouseClick(cleaning.button, CLICK)
    demo_rig.kiosk.db.wait()
    qtbot.waitUntil(lambda: shows(screen.result, "预约好了"))
    assert said[-1] == "training.result.booked"
    cleaning = _card(screen, "baojie")
    assert shows(cleaning.state, "已预约，等待发送")  # kept here; the market answers later
    assert shows(cleaning.button, "取消预约")
    assert _queued(demo_rig, "training.book") == 1

    # The full security course: the button says waiting list, and so does the result.
    guard = _card(screen, "baoan")
    assert shows(guard, "已满，2 人在排队")
    assert shows(guard.button, "排队等位")
    qtbot.mouseClick(guard.button, CLICK)
    demo_rig.kiosk.db.wait()
    qtbot.waitUntil(lambda: said[-1] == "training.result.waiting")
    assert shows(screen.result, "名额已满，您已排队")
    assert _queued(demo_rig, "training.book") == 2

    # Cancelling: the first tap asks, the second cancels.
    cleaning = _card(screen, "baojie")
    qtbot.mouseClick(cleaning.button, CLICK)
    assert shows(cleaning.button, "再按一次：取消")
    assert said[-1] == "training.cancel_ask"
    assert _queued(demo_rig, "training.cancel") == 0
    qtbot.mouseClick(cleaning.button, CLICK)
    demo_rig.kiosk.db.wait()
    qtbot.waitUntil(lambda: said[-1] == "training.result.cancelled")
    assert shows(_card(screen, "baojie").state, "正在取消")
    assert _queued(demo_rig, "training.cancel") == 1

    # "Finish": the visit summary says the booking that stands (the cancelled one not).
    controller = demo_rig.kiosk.controller
    summary = controller.screens["summary"]
    controller.shell.finish()
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is summary)
    assert shows(summary, "培训排队中：保安")
    summary_said = [msgid for msgid, _ in summary.prompts()]
    assert "summary.training_waiting" in summary_said
    assert "summary.training_booked" not in summary_said

    controller.end_session("finished")
    assert screen.visible_cards() == []  # nothing of the worker stays
    assert not screen.result.isVisibleTo(screen)


def test_a_booked_course_this_week_is_told_and_said_on_home(demo_rig: Rig, qtbot: QtBot) -> None:
    screen = _open(demo_rig, qtbot)
    cleaning = _card(screen, "baojie")
    qtbot.mouseClick(cleaning.button, CLICK)
    demo_rig.kiosk.db.wait()
    with demo_rig.backend.engine.begin() as conn:  # as the market's answer pulled
        conn.execute(update(m.BookingRow).values(status="booked"))
    controller = demo_rig.kiosk.controller
    controller.end_session("finished")
    with qtbot.waitSignal(controller.session_started):
        tap(demo_rig, qtbot, "resident_tibetan")
    demo_rig.kiosk.db.wait()
    home = controller.screens["home"]
    qtbot.waitUntil(lambda: shows(home.note, "提醒：您预约了保洁培训"))
    assert shows(home.note, "地点：金珠西路零工驿站")
    assert "training.remind" in [msgid for msgid, _ in home.prompts()]


def test_the_trade_to_learn_is_asked_once_and_its_courses_come_first(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    screen = _open(demo_rig, qtbot)
    panel = screen.wish
    assert panel.isVisibleTo(screen)
    assert shows(panel, "您想学哪门手艺？")
    assert "training.wish_title" in [msgid for msgid, _ in screen.prompts()]
    guard = next(t for t in panel.tiles if t.property("trade") == "baoan")
    assert shows(guard, "保安")
    before = [c.course.job_type_code for c in screen.visible_cards() if c.course]
    assert before[0] != "baoan"
    qtbot.mouseClick(guard, CLICK)
    demo_rig.kiosk.db.wait()
    qtbot.waitUntil(lambda: not panel.isVisibleTo(screen))
    assert shows(screen.result, "记下了")
    after = [c.course.job_type_code for c in screen.visible_cards() if c.course]
    assert after[0] == "baoan"  # the trade to learn comes first
    assert _queued(demo_rig, "training.wish") == 1

    demo_rig.kiosk.controller.end_session("finished")
    screen = _open(demo_rig, qtbot)  # the next visit: not asked again
    assert not screen.wish.isVisibleTo(screen)
    assert next(c.course.job_type_code for c in screen.visible_cards() if c.course) == "baoan"
