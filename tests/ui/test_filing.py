"""Profile filing for an unknown card: consent, choices, phone check, saved with its outbox row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.privacy import keyed_hash
from kiosk.i18n import Mode
from kiosk.idcard.demo import SAMPLES
from kiosk.store import models as m
from kiosk.ui.filing.screen import STEPS
from tests.helpers.kiosk import Rig, tap


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", [Mode.BO, Mode.ZH])
def test_an_unknown_card_files_a_profile_and_starts_a_visit(
    demo_rig: Rig, qtbot: QtBot, mode: Mode
) -> None:
    controller = demo_rig.kiosk.controller
    filing = controller.screens["filing"]
    click(qtbot, controller.screens["attract"].language_buttons[mode])
    tap(demo_rig, qtbot, "hmt_permit")
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is filing)
    assert "陈志明" in filing.consent_text.texts()[0]
    click(qtbot, filing.next)  # I agree
    while filing.page < 3:  # "next" pages through the trades
        click(qtbot, filing.next)
    click(qtbot, filing.next)  # the last page with no trade chosen: stays, says why
    assert filing.hint.texts() == [t for _, t in demo_rig.kiosk.texts.lines("filing.need_skill")]
    while filing.page > 0:
        click(qtbot, filing.back)
    click(qtbot, filing.choices["skill:0"])  # the first trade: 搬运
    assert "banyun" in filing.draft.skills
    while filing.page < 3:
        click(qtbot, filing.next)
    click(qtbot, filing.next)  # past the last page of trades
    assert any("搬运" in t or "ཁུར་འདེགས" in t for t in filing.title.texts())  # years of 搬运?
    click(qtbot, filing.choices["years:5"])
    assert filing.draft.skills == {"banyun": 5}
    click(qtbot, filing.next)
    click(qtbot, filing.choices["wage:300"])
    click(qtbot, filing.next)
    click(qtbot, filing.choices["when:today"])
    click(qtbot, filing.next)
    click(qtbot, filing.choices["area:market"])
    click(qtbot, filing.next)
    for digit in "1234":
        click(qtbot, filing.keypad.digits[digit])
    click(qtbot, filing.next)  # not a mobile number: stays
    assert filing.phone_error.texts()
    for _ in range(4):
        click(qtbot, filing.keypad.delete)
    for digit in "13912345678":
        click(qtbot, filing.keypad.digits[digit])
    click(qtbot, filing.next)
    click(qtbot, filing.choices["lang:zh"])
    click(qtbot, filing.next)
    with qtbot.waitSignal(controller.session_started, timeout=5000) as started:
        click(qtbot, filing.next)  # save
    assert started.args[0].name == "陈志明"
    assert demo_rig.kiosk.window.navigator.current is controller.screens["home"]
    assert demo_rig.kiosk.window.banner.message_id == "filing.saved"
    secret = demo_rig.backend.secret
    with Session(demo_rig.backend.engine) as s:
        worker = s.scalars(select(m.WorkerRow).where(m.WorkerRow.name == "陈志明")).one()
        outbox = s.scalars(select(m.OutboxRow).where(m.OutboxRow.type == "worker.register")).one()
    assert worker.id_hash == keyed_hash(secret, "id", SAMPLES["hmt_permit"].number)
    assert worker.id_masked == SAMPLES["hmt_permit"].masked_number
    assert worker.phone == "13912345678"
    assert worker.expected_wage == 300
    assert worker.home_place_code == "market"
    with Session(demo_rig.backend.engine) as s:
        years = s.scalars(
            select(m.WorkerSkillRow.years).where(m.WorkerSkillRow.worker_id == worker.id)
        ).all()
    assert years == [5]
    assert outbox.entity_id == worker.id
    assert SAMPLES["hmt_permit"].number not in str(outbox.payload)


def test_the_next_tap_of_a_filed_card_logs_straight_in(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    tap(demo_rig, qtbot, "foreign_permanent")
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is controller.screens["filing"])
    controller.screens["filing"].draft.toggle_skill("baojie")
    controller.screens["filing"].step = STEPS.index("confirm")
    with qtbot.waitSignal(controller.session_started):
        click(qtbot, controller.screens["filing"].next)
    click(qtbot, controller.screens["home"].bar.finish)
    with qtbot.waitSignal(controller.session_started) as again:
        tap(demo_rig, qtbot, "foreign_permanent")
    assert again.args[0].name == "帕桑"


def test_declining_consent_stores_nothing(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    tap(demo_rig, qtbot, "hmt_permit")
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is controller.screens["filing"])
    click(qtbot, controller.screens["filing"].decline)
    assert demo_rig.kiosk.window.navigator.current is controller.screens["attract"]
    assert demo_rig.kiosk.window.banner.message_id == "filing.declined"
    demo_rig.kiosk.db.wait()
    with Session(demo_rig.backend.engine) as s:
        assert s.scalars(select(m.WorkerRow).where(m.WorkerRow.name == "陈志明")).first() is None
    assert controller.shell.visit.card is None


@pytest.mark.parametrize("mode", [Mode.BO, Mode.ZH])
def test_tap_file_find_and_apply_in_one_visit(demo_rig: Rig, qtbot: QtBot, mode: Mode) -> None:
    """The issue's walk: an unknown card, a filed profile, the matched list, an application."""
    controller = demo_rig.kiosk.controller
    filing = controller.screens["filing"]
    click(qtbot, controller.screens["attract"].language_buttons[mode])
    tap(demo_rig, qtbot, "foreign_permanent")
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is filing)
    click(qtbot, filing.next)  # consent
    click(qtbot, filing.choices["skill:0"])  # 搬运
    click(qtbot, filing.choices["skill:1"])  # 装卸
    while STEPS[filing.step] == "skills":
        click(qtbot, filing.next)
    while STEPS[filing.step] == "years":
        click(qtbot, filing.choices["years:2"])
        click(qtbot, filing.next)
    click(qtbot, filing.choices["wage:250"])
    click(qtbot, filing.next)
    click(qtbot, filing.next)  # when: this week (default)
    click(qtbot, filing.next)  # where: anywhere (default)
    click(qtbot, filing.skip_phone)
    click(qtbot, filing.next)  # language
    with qtbot.waitSignal(controller.session_started):
        click(qtbot, filing.next)  # save
    click(qtbot, controller.screens["home"].find_work)
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is controller.screens["jobs"])
    model = controller.screens["jobs"].model
    assert model.rowCount() >= 10
    assert {x.candidate.job.job_type_code for x in model.matches} <= {"banyun", "zhuangxie"}
    view = controller.screens["jobs"].view
    last = model.index(model.rowCount() - 1, 0)
    qtbot.waitUntil(lambda: view.visualRect(last).height() > 100)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(0, 0)).center()
    )
    with qtbot.waitSignal(controller.session_applied):
        click(qtbot, controller.screens["job"].apply)
    with Session(demo_rig.backend.engine) as s:
        types = sorted(s.scalars(select(m.OutboxRow.type)))
    assert types == ["application.create", "worker.register"]


def test_a_worker_edits_their_details_from_home(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    filing = controller.screens["filing"]
    with qtbot.waitSignal(controller.session_started):
        tap(demo_rig, qtbot, "resident_chinese")
    before = dict(controller.screens["home"].view.skills) if controller.screens["home"].view else {}
    click(qtbot, controller.screens["home"].edit)
    demo_rig.kiosk.db.wait()
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is filing)
    assert STEPS[filing.step] == "skills"  # no consent again
    assert filing.draft.skills == before  # today's choices, ready to change
    assert filing.back.isVisible(), "a way back home without saving"
    filing.draft.skills = {"baojie": 3}
    filing.step = STEPS.index("wage")
    click(qtbot, filing.choices["wage:350"])
    filing.step = STEPS.index("confirm")
    with qtbot.waitSignal(controller.session_started) as started:
        click(qtbot, filing.next)
    assert started.args[0].skills == {"baojie": 3}
    with Session(demo_rig.backend.engine) as s:
        worker = s.scalars(select(m.WorkerRow).where(m.WorkerRow.name == "王建国")).one()
        update = s.scalars(select(m.OutboxRow).where(m.OutboxRow.type == "worker.update")).one()
    assert worker.expected_wage == 350
    assert update.base_version == 0
    assert update.payload["fields"]["skills"] == {"baojie": 3}


def test_back_on_the_first_step_of_my_details_returns_home_unsaved(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    controller = demo_rig.kiosk.controller
    filing = controller.screens["filing"]
    with qtbot.waitSignal(controller.session_started):
        tap(demo_rig, qtbot, "resident_chinese")
    click(qtbot, controller.screens["home"].edit)
    demo_rig.kiosk.db.wait()
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is filing)
    filing.draft.toggle_skill("baojie")
    click(qtbot, filing.back)
    assert demo_rig.kiosk.window.navigator.current is controller.screens["home"]
    assert controller.shell.visit.phase.name == "AT_HOME"
    with Session(demo_rig.backend.engine) as s:
        assert s.scalars(select(m.OutboxRow).where(m.OutboxRow.type == "worker.update")).all() == []
    # Trade pages: "more trades" turns a page (the counter says which), "next" then moves on.
    click(qtbot, controller.screens["home"].edit)
    demo_rig.kiosk.db.wait()
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is filing)
    assert filing.next.face.texts() == ["更多工种"] or filing.next.face.texts()[-1] == "更多工种"
    assert filing.wizard.progress.text().endswith("· 1/" + str(filing.wizard.step.parts()))
    while filing.wizard.part < filing.wizard.step.parts() - 1:
        click(qtbot, filing.next)
    assert filing.next.face.texts()[-1] == "下一步"
