"""The wage-arrears complaint as a worker meets it: "not paid" on the pay question leads
straight to it, the amount comes from the agreement and more than its total is asked about
again; filing gives a case number at once (read out letter by letter) and queues it once;
a second complaint about the same agreement keeps the first's number; from home, one
without an agreement or employer still files. The rating of the employer is kept with each
face and tick. At a later visit the market's decision is shown and said, once. Home names
the rights desk's next session."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from kiosk.domain.pay import PayAnswer
from kiosk.i18n import Mode
from kiosk.store import models as m
from tests.helpers.kiosk import Rig
from tests.helpers.screens import shows
from tests.ui.test_pay import after_pay_date, next_visit
from tests.ui.test_signing import sign_agreement

CLICK = Qt.MouseButton.LeftButton


def queued(rig: Rig, kind: str) -> list[dict[str, object]]:
    with Session(rig.backend.engine) as s:
        rows = s.scalars(select(m.OutboxRow).where(m.OutboxRow.type == kind)).all()
        return [dict(r.payload) for r in rows]


def type_amount(rig: Rig, qtbot: QtBot, amount: str) -> None:
    screen = rig.kiosk.controller.screens["complaint"]
    while screen.digits:
        qtbot.mouseClick(screen.keypad.delete, CLICK)
    for digit in amount:
        qtbot.mouseClick(screen.keypad.digits[digit], CLICK)


def current(rig: Rig) -> object:
    return rig.kiosk.window.navigator.current


def test_not_paid_leads_to_a_complaint_with_a_case_number(demo_rig: Rig, qtbot: QtBot) -> None:
    code = sign_agreement(demo_rig, qtbot)
    controller = demo_rig.kiosk.controller
    after_pay_date(demo_rig, code)
    next_visit(demo_rig, qtbot)
    pay = controller.screens["pay"]
    qtbot.waitUntil(lambda: current(demo_rig) is pay)
    assert not pay.complain.isVisibleTo(pay)  # nothing answered yet
    qtbot.mouseClick(pay.answers[PayAnswer.UNPAID], CLICK)
    demo_rig.kiosk.db.wait()
    assert pay.complain.isVisibleTo(pay)
    assert shows(pay, "怎么样？")  # how was the employer?

    # The rating: a face, then a tick; each kept (the latest wins), ticks only after a face.
    qtbot.mouseClick(pay.ticks["on_time"], CLICK)
    demo_rig.kiosk.db.wait()
    assert queued(demo_rig, "rating.give") == []
    qtbot.mouseClick(pay.faces["bad"], CLICK)
    qtbot.mouseClick(pay.ticks["safe"], CLICK)
    demo_rig.kiosk.db.wait()
    with Session(demo_rig.backend.engine) as s:
        (rating,) = s.scalars(select(m.RatingGivenRow)).all()
    assert (rating.agreement_code, rating.face, rating.tags) == (code, "bad", {"safe": True})
    assert [p["face"] for p in queued(demo_rig, "rating.give")] == ["bad", "bad"]

    qtbot.mouseClick(pay.complain, CLICK)
    screen = controller.screens["complaint"]
    qtbot.waitUntil(lambda: current(demo_rig) is screen)
    assert screen.wizard.step.name == "amount"  # the agreement is known: no picking
    assert screen.draft is not None
    total = screen.draft.amount
    assert total is not None
    assert screen.digits == str(total)
    assert shows(screen, f"协议总额 {total} 元")

    type_amount(demo_rig, qtbot, str(total + 100))
    qtbot.mouseClick(screen.next, CLICK)
    assert screen.wizard.step.name == "amount"  # more than the total: asked, not refused
    assert shows(screen, "比协议总额")
    assert ("complaint.amount_more", {"total": total}) in screen.prompts()
    qtbot.mouseClick(screen.next, CLICK)
    assert screen.wizard.step.name == "confirm"
    assert shows(screen, f"欠款：{total + 100} 元")
    qtbot.mouseClick(screen.wizard.back, CLICK)  # back: still the agreement's own total
    assert screen.wizard.step.name == "amount"
    assert shows(screen, f"协议总额 {total} 元")
    assert screen.digits == str(total + 100)
    qtbot.mouseClick(screen.next, CLICK)  # already asked: on
    assert screen.wizard.step.name == "confirm"
    qtbot.mouseClick(screen.next, CLICK)
    qtbot.mouseClick(screen.next, CLICK)  # a second tap files nothing more

    done = controller.screens["complaint_done"]
    qtbot.waitUntil(lambda: current(demo_rig) is done)
    demo_rig.kiosk.db.wait()
    (filed,) = queued(demo_rig, "complaint.file")
    assert filed["agreement_code"] == code
    assert filed["amount"] == total + 100
    case_no = str(filed["case_no"])
    assert done.code.texts() == [case_no]
    assert ("complaint.case", {"case": " ".join(case_no)}) in done.prompts()
    assert shows(done, "12333")
    assert shows(done, "维权窗口时间：09:30-18:00")  # no session pulled: the usual hours

    # A second complaint about the same agreement, from home: the same case.
    qtbot.mouseClick(done.home, CLICK)
    home = controller.screens["home"]
    assert current(demo_rig) is home
    qtbot.mouseClick(controller.complaint_ui.button, CLICK)
    qtbot.waitUntil(lambda: current(demo_rig) is screen)
    assert screen.wizard.step.name == "pick"
    (agreement_button,) = [b for b in screen.buttons if b.objectName() == f"agreement:{code}"]
    qtbot.mouseClick(agreement_button, CLICK)
    assert screen.wizard.step.name == "amount"
    qtbot.mouseClick(screen.next, CLICK)
    qtbot.mouseClick(screen.next, CLICK)
    qtbot.waitUntil(lambda: current(demo_rig) is done)
    assert done.code.texts() == [case_no]
    assert shows(done, "已经投诉过")
    assert len(queued(demo_rig, "complaint.file")) == 2


def test_the_decision_is_shown_and_said_at_the_next_visit_once(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    next_visit(demo_rig, qtbot)
    worker = demo_rig.backend.session.worker
    assert worker is not None
    with demo_rig.backend.engine.begin() as conn:
        conn.execute(
            insert(m.CaseRow).values(
                case_no="K7PD-3XQM",
                worker_id=worker.id,
                status="resolved",
                outcome="paid",
                decided_at=dt.datetime(2026, 12, 1, 10),
            )
        )
    next_visit(demo_rig, qtbot)
    news = controller.screens["complaint_news"]
    qtbot.waitUntil(lambda: current(demo_rig) is news)
    assert shows(news, "K7PD-3XQM")
    assert shows(news, "雇主已经付清")
    said = [msgid for msgid, _ in news.prompts()]
    assert said == ["complaint.news_title", "complaint.outcome.paid", "complaint.ask_staff"]
    qtbot.mouseClick(news.ok, CLICK)
    assert current(demo_rig) is controller.screens["home"]
    demo_rig.kiosk.db.wait()
    next_visit(demo_rig, qtbot)  # heard: not told again
    assert current(demo_rig) is controller.screens["home"]


def test_from_home_without_an_agreement_staff_complete_it(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    next_visit(demo_rig, qtbot)
    qtbot.mouseClick(controller.complaint_ui.button, CLICK)
    screen = controller.screens["complaint"]
    qtbot.waitUntil(lambda: current(demo_rig) is screen)
    names = [b.objectName() for b in screen.buttons]
    assert names == ["other", "none"]  # no agreement signed
    qtbot.mouseClick(screen.buttons[0], CLICK)  # another employer: the list
    demo_rig.kiosk.db.wait()
    qtbot.waitUntil(lambda: screen.buttons[0].objectName().startswith("employer:"))
    assert shows(screen, "哪个雇主？")
    employer = screen.buttons[0].objectName().split(":", 1)[1]
    qtbot.mouseClick(screen.buttons[0], CLICK)
    assert screen.wizard.step.name == "amount"
    assert shows(screen, "不知道金额也可以")
    qtbot.mouseClick(screen.next, CLICK)  # no amount: still files
    qtbot.mouseClick(screen.next, CLICK)
    qtbot.waitUntil(lambda: current(demo_rig) is controller.screens["complaint_done"])
    demo_rig.kiosk.db.wait()
    (filed,) = queued(demo_rig, "complaint.file")
    assert (filed["employer_id"], filed["amount"], filed["agreement_code"]) == (
        employer,
        None,
        None,
    )

    qtbot.mouseClick(controller.screens["complaint_done"].home, CLICK)
    qtbot.mouseClick(controller.complaint_ui.button, CLICK)
    qtbot.waitUntil(lambda: current(demo_rig) is screen and screen.wizard.step.name == "pick")
    qtbot.mouseClick(screen.buttons[-1], CLICK)  # neither: staff complete it
    qtbot.mouseClick(screen.next, CLICK)
    assert shows(screen, "雇主：工作人员会补全")
    qtbot.mouseClick(screen.next, CLICK)
    qtbot.waitUntil(lambda: current(demo_rig) is controller.screens["complaint_done"])
    demo_rig.kiosk.db.wait()
    assert queued(demo_rig, "complaint.file")[-1]["employer_id"] is None


def test_home_names_the_rights_desk_s_next_session(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    now = demo_rig.clock.now().replace(tzinfo=None)
    with demo_rig.backend.engine.begin() as conn:
        for i, (hours, who) in enumerate(((-30, "已结束"), (26, "王律师"), (50, "李律师"))):
            start = now + dt.timedelta(hours=hours)
            conn.execute(
                insert(m.RightsSessionRow).values(
                    id=f"s{i}",
                    starts_at=start,
                    ends_at=start + dt.timedelta(hours=2),
                    who=who,
                    place="城关区零工市场二楼",
                )
            )
    next_visit(demo_rig, qtbot)
    home = controller.screens["home"]
    qtbot.waitUntil(lambda: shows(home, "王律师"))
    assert shows(home, "城关区零工市场二楼")
    assert not shows(home, "李律师")  # the next one only
    assert "rights.next" in [msgid for msgid, _ in home.prompts()]


def test_staff_see_open_complaints_not_paid_answers_and_agreements_to_print(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    from tests.ui.test_staff_bind import open_staff

    controller = demo_rig.kiosk.controller
    code = sign_agreement(demo_rig, qtbot)  # the demo kiosk has no printer: not printed
    after_pay_date(demo_rig, code)
    next_visit(demo_rig, qtbot)
    pay = controller.screens["pay"]
    qtbot.waitUntil(lambda: current(demo_rig) is pay)
    qtbot.mouseClick(pay.answers[PayAnswer.UNPAID], CLICK)
    qtbot.mouseClick(pay.complain, CLICK)
    screen = controller.screens["complaint"]
    qtbot.waitUntil(lambda: current(demo_rig) is screen)
    qtbot.mouseClick(screen.next, CLICK)
    qtbot.mouseClick(screen.next, CLICK)
    qtbot.waitUntil(lambda: current(demo_rig) is controller.screens["complaint_done"])
    demo_rig.kiosk.db.wait()
    (filed,) = queued(demo_rig, "complaint.file")
    controller.end_session("finished")

    controller.texts.set_mode(Mode.ZH)
    open_staff(demo_rig, qtbot)
    staff = controller.screens["staff"]
    qtbot.waitUntil(lambda: staff.follow_up is not None)
    lines = staff.follow.texts()
    assert "本站未结的欠薪投诉：1 件" in lines
    assert "工人说没拿到工钱的协议：1 份" in lines
    assert "还没打印的协议：1 份" in lines
    (complaint,) = [line for line in lines if line.startswith(str(filed["case_no"]))]
    assert "还没发到市场" in complaint  # not synced yet
    assert "次＊＊＊" in complaint  # the worker's name, masked
    assert sum(line.startswith(code) for line in lines) == 2  # not paid; not printed

    # Printed at last (the reprint on the signed screen, here as the printer's answer):
    # off the "to print" list.
    with Session(demo_rig.backend.engine) as s:
        assert (
            s.scalar(select(m.AgreementRow.printed_at).where(m.AgreementRow.code == code)) is None
        )
    demo_rig.backend.signing.printed(code)
    with Session(demo_rig.backend.engine) as s:
        assert s.scalar(select(m.AgreementRow.printed_at).where(m.AgreementRow.code == code))


def test_with_a_pay_question_and_news_waiting_the_question_comes_first(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    controller = demo_rig.kiosk.controller
    code = sign_agreement(demo_rig, qtbot)
    next_visit(demo_rig, qtbot)
    worker = demo_rig.backend.session.worker
    assert worker is not None
    with demo_rig.backend.engine.begin() as conn:
        conn.execute(
            insert(m.CaseRow).values(
                case_no="M4QX-7TRB", worker_id=worker.id, status="referred",
                outcome="referred_inspection",
            )
        )  # fmt: skip
    after_pay_date(demo_rig, code)
    next_visit(demo_rig, qtbot)
    pay = controller.screens["pay"]
    qtbot.waitUntil(lambda: current(demo_rig) is pay)
    qtbot.mouseClick(pay.answers[PayAnswer.PAID], CLICK)
    qtbot.mouseClick(pay.ask_later, CLICK)  # now "home": the news on the way
    news = controller.screens["complaint_news"]
    assert current(demo_rig) is news
    assert shows(news, "劳动监察")
    qtbot.mouseClick(news.ok, CLICK)
    assert current(demo_rig) is controller.screens["home"]
