"""Signing an agreement at the kiosk, as staff, a worker and an employer do it: staff open it
for an application from the staff screen; the terms are shown a section at a time and read
aloud; only the worker's own card confirms the worker, anyone's but the worker's the
employer (or staff check the registered phone); a dot is not a signature; nothing is kept
until "sign and save", and then the agreement and its outbox row are kept together."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.i18n import Mode
from kiosk.store import models as m
from kiosk.ui.widgets.demo_panel import DEMO_PINS
from tests.helpers.cups import Cups, needs_cups
from tests.helpers.kiosk import Rig, close_kiosk, start_rig, tap
from tests.helpers.qr import qr_codes
from tests.helpers.screens import shows
from tests.helpers.signing import dot, sign
from tests.ui.test_admin import enter, open_pin_pad
from tests.ui.test_find_work import walk_to_list
from tests.ui.test_summary import _apply_first

CLICK = Qt.MouseButton.LeftButton


def rows(rig: Rig, table: type[m.Base]) -> list[object]:
    with Session(rig.backend.engine) as s:
        return list(s.scalars(select(table)))


def open_signing(rig: Rig, qtbot: QtBot, mode: Mode = Mode.BOTH) -> object:
    """A worker applies and leaves; staff sign in and open the agreement for it."""
    walk_to_list(rig, qtbot, mode)
    chosen = _apply_first(rig, qtbot)
    controller = rig.kiosk.controller
    controller.end_session("finished")
    open_pin_pad(rig, qtbot)
    enter(rig, qtbot, DEMO_PINS["staff"])
    feature = controller.agreement_ui
    assert feature.open_button.isVisibleTo(controller.screens["staff"])
    qtbot.mouseClick(feature.open_button, CLICK)
    pick = controller.screens["agreement_pick"]
    qtbot.waitUntil(lambda: len(pick.rows) == 1)
    qtbot.mouseClick(pick.rows[0], CLICK)
    screen = controller.screens["agreement_sign"]
    qtbot.waitUntil(lambda: rig.kiosk.window.navigator.current is screen)
    return chosen


def read_terms(screen: object, qtbot: QtBot) -> None:
    """ "Next part" through every section, then "both agree"."""
    wizard = screen.wizard  # type: ignore[attr-defined]
    for _ in range(20):
        if wizard.step.name != "terms":
            return
        qtbot.mouseClick(wizard.next, CLICK)
    raise AssertionError(f"the terms held: {screen.problems}")  # type: ignore[attr-defined]


def test_staff_worker_and_employer_sign_and_it_is_kept_with_its_outbox_row(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    chosen = open_signing(demo_rig, qtbot)
    job = chosen.candidate.job  # type: ignore[attr-defined]
    controller = demo_rig.kiosk.controller
    screen = controller.screens["agreement_sign"]
    banner = demo_rig.kiosk.window.banner
    assert shows(screen, "一起读协议")
    assert screen.wizard.step.name == "terms"
    first = [msgid for msgid, _ in screen.prompts()]
    assert first[:2] == ["signing.terms_title", "agreement.section.parties"]  # read whole
    assert "agreement.worker_no_phone" in first  # this demo worker gave no phone

    # A tap before the terms are read confirms nobody.
    tap(demo_rig, qtbot, "resident_tibetan")
    assert banner.message_id == "signing.read_first"

    # Staff record a wage agreed 10 yuan above the posting, on the pay section.
    while screen.terms_page.section.name != "pay":
        qtbot.mouseClick(screen.next, CLICK)
    amend = screen.terms_page.amends["wage"]
    assert amend.isVisibleTo(screen)
    assert not screen.terms_page.amends["end_date"].isVisibleTo(screen)
    qtbot.mouseClick(amend.more, CLICK)
    assert shows(screen, f"每天 {job.day_wage + 10} 元")
    assert screen.sections[-1].name == "changes"  # what was agreed differently shows
    read_terms(screen, qtbot)
    assert screen.wizard.step.name == "worker"
    worker_page = screen.parties["worker"]
    assert not worker_page.pad.isEnabled()

    # Somebody else's card is refused; the worker's own opens the pad.
    with qtbot.waitSignal(controller.shell.announced) as said:
        tap(demo_rig, qtbot, "resident_chinese")
    assert said.args[0] == "signing.not_this_worker"  # said aloud, and shown on the page
    assert shows(worker_page, "这不是报名人的身份证")
    assert not worker_page.pad.isEnabled()
    tap(demo_rig, qtbot, "resident_tibetan")
    assert worker_page.pad.isEnabled()
    assert shows(worker_page, "身份证已确认")

    # A dot is not a signature.
    dot(worker_page.pad, qtbot)
    qtbot.mouseClick(screen.next, CLICK)
    assert screen.wizard.step.name == "worker"
    assert shows(worker_page, "只点了一下")
    qtbot.mouseClick(worker_page.clear, CLICK)
    sign(worker_page.pad, qtbot, seed=1)
    qtbot.mouseClick(screen.next, CLICK)
    assert screen.wizard.step.name == "employer"

    # The employer: the worker's card is not theirs; staff check the registered phone.
    employer_page = screen.parties["employer"]
    with qtbot.waitSignal(controller.shell.announced) as said:
        tap(demo_rig, qtbot, "resident_tibetan")
    assert said.args[0] == "signing.worker_card"
    assert shows(employer_page, "这是劳动者的身份证")
    assert not employer_page.pad.isEnabled()
    assert shows(employer_page, "登记手机 139****")  # staff read the registered phone out
    qtbot.mouseClick(employer_page.phone, CLICK)
    demo_rig.kiosk.db.wait()
    qtbot.waitUntil(employer_page.pad.isEnabled)
    sign(employer_page.pad, qtbot, seed=2)
    assert rows(demo_rig, m.AgreementRow) == []  # nothing is kept before "sign and save"
    qtbot.mouseClick(screen.next, CLICK)
    done = controller.screens["agreement_done"]
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is done)

    (row,) = rows(demo_rig, m.AgreementRow)
    assert shows(done, row.code)  # type: ignore[attr-defined]
    assert not done.reprint.isVisibleTo(done)  # no printer at this station
    outbox = [r for r in rows(demo_rig, m.OutboxRow) if r.type == "agreement.sign"]  # type: ignore[attr-defined]
    assert len(outbox) == 1
    document = json.loads(row.document)  # type: ignore[attr-defined]
    assert document["agreement"]["wage"] == job.day_wage + 10
    assert [c["name"] for c in document["changes"]] == ["wage"]
    signers = {s["role"]: s for s in document["signatures"]}
    assert (signers["worker"]["method"], signers["employer"]["method"]) == ("card", "phone")
    strokes = signers["worker"]["signature"]["strokes"]
    times = [p[2] for s in strokes for p in s]
    assert len(strokes) == 2
    assert times == sorted(times)
    assert times[-1] >= 250  # the timing is kept, not only the picture
    assert document["agreement"]["employer"]["phone"].startswith("139")

    # The signed application is no longer offered; the visit is staff's again.
    qtbot.mouseClick(done.another, CLICK)
    pick = controller.screens["agreement_pick"]
    qtbot.waitUntil(lambda: pick.items == [])
    assert shows(pick, "没有等待签协议的报名")

    # The worker's next visit: the application reads "agreement signed".
    controller.end_session("staff_left")
    with qtbot.waitSignal(controller.session_started):
        tap(demo_rig, qtbot, "resident_tibetan")
    panel = controller.screens["home"].applications
    qtbot.waitUntil(lambda: bool(panel.applications))
    assert panel.rows[0].state.texts()[-1] == "已签协议"


def test_terms_below_the_minimum_wage_cannot_be_signed(demo_rig: Rig, qtbot: QtBot) -> None:
    open_signing(demo_rig, qtbot)
    screen = demo_rig.kiosk.controller.screens["agreement_sign"]
    while screen.terms_page.section.name != "pay":
        qtbot.mouseClick(screen.next, CLICK)
    for _ in range(40):  # 400 yuan less: below the hourly minimum times the hours
        qtbot.mouseClick(screen.terms_page.amends["wage"].less, CLICK)
    assert screen.terms_page.problems.isVisibleTo(screen)
    assert shows(screen.terms_page, "工资太低")
    read_terms_until_last = len(screen.sections) - 1
    while screen.wizard.part < read_terms_until_last:
        qtbot.mouseClick(screen.next, CLICK)
    qtbot.mouseClick(screen.next, CLICK)
    assert screen.wizard.step.name == "terms"  # held: the rule is said, not skipped
    assert "agreement.problem.wage_minimum" in [msgid for msgid, _ in screen.prompts()]


def test_stopping_keeps_nothing_and_the_application_is_offered_again(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    open_signing(demo_rig, qtbot, Mode.BO)
    controller = demo_rig.kiosk.controller
    screen = controller.screens["agreement_sign"]
    read_terms(screen, qtbot)
    tap(demo_rig, qtbot, "resident_tibetan")
    sign(screen.parties["worker"].pad, qtbot)
    qtbot.mouseClick(screen.stop, CLICK)
    pick = controller.screens["agreement_pick"]
    qtbot.waitUntil(lambda: len(pick.rows) == 1)
    assert rows(demo_rig, m.AgreementRow) == []
    assert demo_rig.kiosk.controller.shell.visit.phase.value == "staff"
    tap(demo_rig, qtbot, "resident_tibetan")  # at the list a tap does nothing
    assert demo_rig.kiosk.window.navigator.current is pick


@needs_cups
def test_a_missing_printer_leaves_the_agreement_saved_and_staff_reprint_it(
    cups: Cups, tmp_path: Path, qtbot: QtBot
) -> None:
    rig = start_rig(
        tmp_path,
        printer={"queue": "desk_later", "server": cups.server, "wait_s": 20},
        agreement={"verify_url": "https://market.example.cn"},
    )
    kiosk = rig.kiosk
    try:
        open_signing(rig, qtbot)
        screen = kiosk.controller.screens["agreement_sign"]
        read_terms(screen, qtbot)
        tap(rig, qtbot, "resident_tibetan")
        sign(screen.parties["worker"].pad, qtbot)
        qtbot.mouseClick(screen.next, CLICK)
        tap(rig, qtbot, "resident_chinese")  # the employer's own card
        qtbot.waitUntil(screen.parties["employer"].pad.isEnabled)
        sign(screen.parties["employer"].pad, qtbot, seed=2)
        qtbot.mouseClick(screen.next, CLICK)
        done = kiosk.controller.screens["agreement_done"]
        banner = kiosk.window.banner
        qtbot.waitUntil(lambda: banner.message_id == "signing.print_failed", timeout=30_000)
        assert kiosk.window.navigator.current is done
        assert shows(done, "没有打印出来：协议已保存")
        assert done.reprint.isEnabled()
        (row,) = rows(rig, m.AgreementRow)
        signers = {s["role"]: s["method"] for s in json.loads(row.document)["signatures"]}  # type: ignore[attr-defined]
        assert signers == {"worker": "card", "employer": "card"}

        out = cups.add_pdf_printer("desk_later")  # the printer is back
        qtbot.mouseClick(done.reprint, CLICK)
        qtbot.waitUntil(lambda: banner.message_id == "signing.print_printed", timeout=30_000)
        qtbot.waitUntil(lambda: any(out.glob("*.pdf")), timeout=10_000)
        (address,) = qr_codes(next(out.glob("*.pdf")), dpi=200)
        assert address.startswith(f"https://market.example.cn/v1/agreements/{row.code}?fp=")  # type: ignore[attr-defined]
        assert address.endswith(row.text_sha256)  # type: ignore[attr-defined]
    finally:
        close_kiosk(kiosk, rig.backend)


def test_a_change_after_signing_asks_for_the_signature_again(demo_rig: Rig, qtbot: QtBot) -> None:
    open_signing(demo_rig, qtbot, Mode.ZH)
    screen = demo_rig.kiosk.controller.screens["agreement_sign"]
    read_terms(screen, qtbot)
    tap(demo_rig, qtbot, "resident_tibetan")
    worker_page = screen.parties["worker"]
    sign(worker_page.pad, qtbot)
    qtbot.mouseClick(screen.next, CLICK)
    assert screen.wizard.step.name == "employer"
    while screen.wizard.step.name != "terms" or screen.terms_page.section.name != "pay":
        qtbot.mouseClick(screen.back, CLICK)
    qtbot.mouseClick(screen.terms_page.amends["wage"].more, CLICK)
    read_terms(screen, qtbot)
    assert worker_page.pad.empty  # signed for other terms: gone
    assert not worker_page.pad.isEnabled()  # the card again, then the pad
    assert shows(worker_page, "请劳动者刷本人身份证")
    qtbot.mouseClick(screen.next, CLICK)
    assert screen.wizard.step.name == "worker"


def sign_agreement(rig: Rig, qtbot: QtBot) -> str:
    """The demo worker applies; staff, the worker and the employer sign; its code."""
    open_signing(rig, qtbot)
    controller = rig.kiosk.controller
    screen = controller.screens["agreement_sign"]
    read_terms(screen, qtbot)
    tap(rig, qtbot, "resident_tibetan")
    sign(screen.parties["worker"].pad, qtbot)
    qtbot.mouseClick(screen.next, CLICK)
    qtbot.mouseClick(screen.parties["employer"].phone, CLICK)
    qtbot.waitUntil(screen.parties["employer"].pad.isEnabled)
    sign(screen.parties["employer"].pad, qtbot, seed=2)
    qtbot.mouseClick(screen.next, CLICK)
    done = controller.screens["agreement_done"]
    qtbot.waitUntil(lambda: rig.kiosk.window.navigator.current is done)
    return done.agreement_code
