"""The pay question as a worker meets it: the day after the pay date, their tap shows the
question first (which employer, which work, which days, how much) with three pictured
answers; "not paid" says where help is; the answer is kept and queued once and not asked
again; "ask me later" keeps nothing and the question comes back at the next tap."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.agreement_doc import read_document
from kiosk.domain.pay import PayAnswer, pay_due
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.store import models as m
from kiosk.store.agreements import AgreementRepository
from tests.helpers.kiosk import Rig, tap
from tests.helpers.screens import shows
from tests.ui.test_signing import sign_agreement

CLICK = Qt.MouseButton.LeftButton


def after_pay_date(rig: Rig, code: str) -> None:
    """Move the kiosk's clock to 09:00 the day after the agreement's pay date."""
    document = AgreementRepository(rig.backend.engine).document(code)
    assert document is not None
    due = pay_due(read_document(document).terms)
    morning = dt.datetime.combine(due + dt.timedelta(days=1), dt.time(9, 0), LHASA_TZ)
    rig.clock.advance((morning - rig.clock.now()).total_seconds())


def next_visit(rig: Rig, qtbot: QtBot) -> None:
    controller = rig.kiosk.controller
    controller.end_session("finished")
    with qtbot.waitSignal(controller.session_started):
        tap(rig, qtbot, "resident_tibetan")
    rig.kiosk.db.wait()
    qtbot.wait(20)


def answers(rig: Rig) -> list[tuple[str, str]]:
    with Session(rig.backend.engine) as s:
        rows = s.execute(select(m.PayAnswerRow.agreement_code, m.PayAnswerRow.answer)).all()
    return [(code, answer) for code, answer in rows]


def queued(rig: Rig) -> int:
    with Session(rig.backend.engine) as s:
        return len(list(s.scalars(select(m.OutboxRow).where(m.OutboxRow.type == "pay.confirm"))))


def test_not_paid_is_asked_first_said_and_kept_once(demo_rig: Rig, qtbot: QtBot) -> None:
    code = sign_agreement(demo_rig, qtbot)
    controller = demo_rig.kiosk.controller
    next_visit(demo_rig, qtbot)  # the same day: nothing to ask yet
    assert demo_rig.kiosk.window.navigator.current is controller.screens["home"]

    after_pay_date(demo_rig, code)
    next_visit(demo_rig, qtbot)
    screen = controller.screens["pay"]
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is screen)
    assert shows(screen, "工钱拿到了吗？")
    # the employer, as the agreement names them (which job the demo worker took depends on
    # the hour the test runs at, so the name is read from the agreement, not assumed)
    document = AgreementRepository(demo_rig.backend.engine).document(code)
    assert document is not None
    assert shows(screen, read_document(document).terms.employer.name)
    said = [msgid for msgid, _ in screen.prompts()]
    assert said[:2] == ["pay.title", "pay.what_day"]
    assert shows(screen.answers[PayAnswer.UNPAID], "没拿到")

    qtbot.mouseClick(screen.answers[PayAnswer.UNPAID], CLICK)
    qtbot.mouseClick(screen.answers[PayAnswer.PAID], CLICK)  # a second tap changes nothing
    demo_rig.kiosk.db.wait()
    assert answers(demo_rig) == [(code, "unpaid")]
    assert queued(demo_rig) == 1
    assert screen.help.isVisibleTo(screen)
    assert shows(screen.help, "12333")
    assert shows(screen.help, "09:30-18:00")  # the rights desk's hours, from the agreement
    assert [msgid for msgid, _ in screen.prompts()] == ["pay.saved", "pay.help", "rate.title"]
    qtbot.mouseClick(screen.ask_later, CLICK)  # now "home"
    assert demo_rig.kiosk.window.navigator.current is controller.screens["home"]

    next_visit(demo_rig, qtbot)  # answered: not asked again
    assert demo_rig.kiosk.window.navigator.current is controller.screens["home"]


def test_ask_me_later_keeps_nothing_and_asks_again(demo_rig: Rig, qtbot: QtBot) -> None:
    code = sign_agreement(demo_rig, qtbot)
    controller = demo_rig.kiosk.controller
    after_pay_date(demo_rig, code)
    next_visit(demo_rig, qtbot)
    screen = controller.screens["pay"]
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is screen)
    qtbot.mouseClick(screen.ask_later, CLICK)
    assert demo_rig.kiosk.window.navigator.current is controller.screens["home"]
    assert answers(demo_rig) == []
    next_visit(demo_rig, qtbot)
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is screen)
    qtbot.mouseClick(screen.answers[PayAnswer.PAID], CLICK)
    demo_rig.kiosk.db.wait()
    assert [a for _c, a in answers(demo_rig)] == ["paid"]
    assert not screen.help.isVisibleTo(screen)  # paid in full: no help needed
