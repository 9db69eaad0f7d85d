"""My applications on home, and the visit summary a worker leaves with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from kiosk.i18n import Lang, Mode
from kiosk.store import models as m
from tests.helpers.kiosk import Rig, tap
from tests.ui.test_find_work import walk_to_list


def _apply_first(rig: Rig, qtbot: QtBot) -> object:
    controller = rig.kiosk.controller
    chosen = controller.screens["jobs"].model.matches[0]
    controller.screens["jobs"].job_chosen.emit(chosen)
    with qtbot.waitSignal(controller.session_applied):
        qtbot.mouseClick(controller.screens["job"].apply, Qt.MouseButton.LeftButton)
    rig.kiosk.db.wait()
    return chosen


def test_home_lists_my_applications_and_where_each_stands(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    walk_to_list(demo_rig, qtbot, Mode.ZH)
    chosen = _apply_first(demo_rig, qtbot)
    job = chosen.candidate.job  # type: ignore[attr-defined]
    qtbot.mouseClick(controller.screens["jobs"].back, Qt.MouseButton.LeftButton)
    home = controller.screens["home"]
    panel = home.applications
    qtbot.waitUntil(lambda: bool(panel.applications))
    row = panel.rows[0]
    assert row.isVisibleTo(home)
    trade = controller.texts.catalog.text(f"jobtype.{job.job_type_code}", Lang.ZH)
    assert trade in row.what.texts()[0]
    assert f"{job.starts_at:%H:%M}–{job.ends_at:%H:%M}" in row.what.texts()[0]
    assert row.state.texts() == ["已保存，待发送"], "offline: saved, sent when online"
    said = [msgid for msgid, _ in home.prompts()]
    assert said[-3:] == ["say.trade", "say.when", "appstate.waiting"] or said[-3:] == [
        "say.trade",
        "say.when_minutes",
        "appstate.waiting",
    ]
    # The market took it (as the sync's effect leaves the row): the next visit says so.
    with demo_rig.backend.engine.begin() as conn:
        conn.execute(update(m.ApplicationRow).values(status="sent"))
    qtbot.mouseClick(home.bar.finish, Qt.MouseButton.LeftButton)  # the summary first
    qtbot.waitUntil(lambda: controller.window.navigator.current is controller.screens["summary"])
    qtbot.mouseClick(controller.screens["summary"].done, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(controller.session_started):
        tap(demo_rig, qtbot, "resident_tibetan")
    qtbot.waitUntil(lambda: bool(panel.applications))
    assert panel.rows[0].state.texts()[-1] == "已发送，等回复"


def test_finishing_after_applying_shows_and_says_the_summary(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    walk_to_list(demo_rig, qtbot, Mode.BOTH)
    chosen = _apply_first(demo_rig, qtbot)
    job = chosen.candidate.job  # type: ignore[attr-defined]
    qtbot.mouseClick(controller.screens["jobs"].bar.finish, Qt.MouseButton.LeftButton)
    summary = controller.screens["summary"]
    qtbot.waitUntil(lambda: controller.window.navigator.current is summary)
    card = summary.cards[0]
    assert job.address_zh in card.where.texts()
    assert str(job.day_wage) in card.wage.texts()
    catalog = controller.texts.catalog
    for lang in (Lang.BO, Lang.ZH):
        assert catalog.text(f"jobtype.{job.job_type_code}", lang) in card.what.texts()
    assert any("12333" in t for t in summary.contact.texts()), "whom to call"
    said = dict(summary.prompts())
    assert said["summary.say_address"] == {"address": job.address_zh}
    assert said["say.wage"] == {"wage": job.day_wage} or said["say.wage_half_day"]
    assert "summary.contact_hotline" in said
    with qtbot.waitSignal(controller.session_ended):
        qtbot.mouseClick(summary.done, Qt.MouseButton.LeftButton)
    assert controller.window.navigator.current is controller.screens["attract"]
    assert not summary.applications, "nothing of the worker stays"


def test_finishing_without_applying_goes_straight_back_to_the_start(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    controller = demo_rig.kiosk.controller
    walk_to_list(demo_rig, qtbot, Mode.ZH)
    with qtbot.waitSignal(controller.session_ended):
        qtbot.mouseClick(controller.screens["jobs"].bar.finish, Qt.MouseButton.LeftButton)
    assert controller.window.navigator.current is controller.screens["attract"]
