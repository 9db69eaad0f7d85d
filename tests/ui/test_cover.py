"""A job's accident cover as a worker meets it: the job detail names the employer's policy
(insurer, sum a person, claim line) or says there is none, and says it aloud; "what is
accident cover?" explains in four points what it is and is not, and goes back to the job."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.helpers.kiosk import Rig, tap
from tests.helpers.screens import shows


def test_a_jobs_accident_cover_is_shown_said_and_explained(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    with qtbot.waitSignal(controller.session_started):
        tap(demo_rig, qtbot, "resident_tibetan")
    jobs = controller.jobs_ui
    jobs.find_work("any", False, "")
    demo_rig.kiosk.db.wait()
    qtbot.wait(20)
    covered = [mt for mt in jobs.list.model.matches if mt.candidate.job.cover]
    bare = [mt for mt in jobs.list.model.matches if mt.candidate.job.cover is None]
    assert covered
    assert bare
    detail = jobs.detail
    jobs.list.job_chosen.emit(covered[0])
    assert shows(detail.facts["cover"], "雇主已投保：示例保险公司（演示），每人保额 200000 元")
    assert "job.cover_yes" in [msgid for msgid, _ in detail.prompts()]
    jobs.list.job_chosen.emit(bare[0])
    assert shows(detail.facts["cover"], "雇主没有写明意外保险")
    assert "job.cover_no" in [msgid for msgid, _ in detail.prompts()]

    qtbot.mouseClick(detail.cover_info, Qt.MouseButton.LeftButton)
    cover = jobs.cover
    assert demo_rig.kiosk.window.navigator.current is cover
    assert shows(cover, "保险不赔")  # it is not about pay
    said = [msgid for msgid, _ in cover.prompts()]
    assert said == ["cover.title", "cover.what", "cover.not", "cover.after", "cover.none"]
    qtbot.mouseClick(cover.back, Qt.MouseButton.LeftButton)
    assert demo_rig.kiosk.window.navigator.current is detail
