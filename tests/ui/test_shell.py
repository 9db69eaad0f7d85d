"""The shell: no way out for a worker, no traceback ever, clear failure screens, fits the panel."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from kiosk.app import build_kiosk
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.i18n import Mode
from kiosk.idcard.demo import SAMPLES
from kiosk.services.session import SessionView
from kiosk.ui.excepthook import CrashGuard
from kiosk.ui.filing.screen import STEPS as FILING_STEPS
from kiosk.wiring import open_store
from tests.helpers.kiosk import Rig, make_config, tap

PANEL_W, PANEL_H = 1920, 1080
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=LHASA_TZ)


def test_the_window_refuses_to_close_outside_demo_mode(demo_rig: Rig, qtbot: QtBot) -> None:
    window = demo_rig.kiosk.window
    window.allow_close = False
    assert not window.close()
    assert window.isVisible()
    for keys in ("Alt+F4", "Ctrl+Q", "Ctrl+W", "Esc"):
        qtbot.keyClick(
            window, QKeySequence(keys)[0].key(), QKeySequence(keys)[0].keyboardModifiers()
        )
    assert window.isVisible()


def test_demo_mode_has_a_way_out(demo_rig: Rig, qtbot: QtBot) -> None:
    panel = demo_rig.kiosk.window.demo_panel
    assert panel is not None
    with qtbot.waitSignal(panel.exit_requested):
        qtbot.mouseClick(panel.exit, Qt.MouseButton.LeftButton)
    assert demo_rig.kiosk.window.close()


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_returns_to_the_start_without_a_traceback(
    demo_rig: Rig, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    controller = demo_rig.kiosk.controller
    tap(demo_rig, qtbot, "resident_tibetan")
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is controller.screens["home"])
    guard = CrashGuard()
    guard.crashed.connect(controller.crashed)
    guard.install()
    try:

        def broken() -> None:
            raise RuntimeError("boom in a slot")

        with qtbot.waitSignal(controller.session_ended, timeout=3000):
            QTimer.singleShot(0, broken)
    finally:
        guard.uninstall()
    assert sys.excepthook is sys.__excepthook__
    assert demo_rig.kiosk.window.navigator.current is controller.screens["attract"]
    assert demo_rig.kiosk.window.banner.message_id == "error.generic"
    assert "boom in a slot" in caplog.text


def test_a_database_that_cannot_open_gets_a_screen_for_the_technician(
    qtbot: QtBot, tmp_path: Path
) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the data folder should be")
    config, paths = make_config(blocker)
    kiosk = build_kiosk(config, paths, demo_panel=False)
    qtbot.addWidget(kiosk.window)
    with qtbot.waitSignal(kiosk.controller.window.navigator.screen_changed, timeout=5000):
        kiosk.db.submit(lambda: open_store(config, paths), None, kiosk.controller.store_failed)
    assert kiosk.window.navigator.current is kiosk.controller.screens["message"]
    assert kiosk.controller.screens["message"].message_id == "error.store.unavailable"
    assert (
        "无法打开本地数据库,请联系技术人员。" in kiosk.controller.screens["message"].message.texts()
    )
    kiosk.app.removeEventFilter(kiosk.idle)


@pytest.mark.parametrize("mode", list(Mode))
def test_every_screen_fits_the_reference_panel(demo_rig: Rig, mode: Mode) -> None:
    """A screen taller than the panel would be squeezed and clip Tibetan vowel marks."""
    controller = demo_rig.kiosk.controller
    demo_rig.kiosk.texts.set_mode(mode)
    skills = {"banyun": 12, "zhuangxiu_dagong": 3, "wajueji": 1}
    controller.screens["home"].show_session(
        SessionView("w", "次仁多吉", "540102********0011", skills, "both")
    )
    controller.screens["pin"].show_error(
        demo_rig.kiosk.texts.plural_lines("error.auth.locked_out", 300)
    )
    controller.screens["staff"].show_figures(demo_rig.backend.figures.figures())
    from kiosk.domain.calls import StaffCall

    calls = [StaffCall(i, "kiosk-gongdelin-12", "summary", NOW) for i in range(5)]
    controller.screens["staff"].calls.show_calls(calls)  # more than fit: a count
    # The longest sync state: offline with items waiting and refused, the clock wrong.
    from kiosk.sync.status import OFFLINE, SyncStatus, Waiting
    from kiosk.ui.syncstatus.flow import rejected_messages

    controller.sync_ui.enrolled_with = "https://market.lasa-linggong.example.cn"
    controller.sync_ui.set_status(SyncStatus(OFFLINE, waiting=Waiting(12, 3, 1), clock_skew_s=900))
    when = dt.datetime(2026, 11, 24, 16, 42)
    controller.screens["staff"].show_sync(
        controller.sync_ui.messages(),
        rejected_messages([("application.create", "dependency_failed", when)] * 3),
    )
    controller.screens["enrol"].show_code("K7PD-3XQM")
    controller.screens["enrol"].set_state("enrol.failed", {"reason": "unreachable"}, error=True)
    fill_jobs(demo_rig)
    too_big = []
    for screen in controller.window.navigator.screens.values():
        hint = screen.minimumSizeHint()
        if hint.height() > PANEL_H or hint.width() > PANEL_W - demo_rig.kiosk.window.theme.mm(95):
            too_big.append((screen.name, hint.width(), hint.height()))
    assert not too_big, (mode, too_big)
    overlay = demo_rig.kiosk.window.overlay
    overlay.show_countdown(30)
    assert overlay.minimumSizeHint().height() <= PANEL_H


def test_log_has_no_worker_names(
    demo_rig: Rig, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    worker = SAMPLES["resident_tibetan"]
    tap(demo_rig, qtbot, "resident_tibetan")
    qtbot.waitUntil(lambda: demo_rig.kiosk.controller.screens["home"].view is not None)
    demo_rig.kiosk.controller.end_session("finished")
    demo_rig.kiosk.db.wait()
    log_file = demo_rig.paths.logs / "kiosk.log"
    text = caplog.text + (log_file.read_text(encoding="utf-8") if log_file.exists() else "")
    assert worker.name not in text
    assert worker.number not in text
    assert worker.number[6:14] not in text


def test_results_arriving_after_shutdown_are_dropped(qtbot: QtBot) -> None:
    from kiosk.ui.tasks import TaskRunner

    runner = TaskRunner(1, "test")
    got: list[object] = []
    runner.submit(lambda: 1, got.append)
    runner.close()
    qtbot.wait(50)
    assert got == []
    open_runner = TaskRunner(1, "test2")
    open_runner.submit(lambda: 2, got.append)
    qtbot.waitUntil(lambda: got == [2])


@pytest.mark.parametrize("mode", list(Mode))
def test_no_text_is_clipped_on_the_reference_panel(demo_rig: Rig, qtbot: QtBot, mode: Mode) -> None:
    """Laid out at 1920 x 1080 with the demo panel, every label gets the room its text needs."""
    from tests.helpers.screens import clipped_once_laid_out as clipped_labels

    kiosk = demo_rig.kiosk
    window, controller = kiosk.window, kiosk.controller
    window.setFixedSize(PANEL_W, PANEL_H)
    kiosk.texts.set_mode(mode)
    skills = {"banyun": 12, "zhuangxiu_dagong": 3, "wajueji": 1}
    controller.screens["home"].show_session(
        SessionView("w", "次仁多吉", "540102********0011", skills, "both")
    )
    controller.screens["pin"].show_error(kiosk.texts.plural_lines("error.auth.locked_out", 300))
    controller.screens["staff"].show_figures(demo_rig.backend.figures.figures())
    fill_jobs(demo_rig)
    problems = []
    names = ("attract", "home", "pin", "staff", "staff_bind", "technician", "jobs", "job")
    names += ("summary",)
    controller.screens["summary"].print.show()  # as at a station with a printer
    banner = window.banner
    for name in names:
        window.navigator.go(name)
        qtbot.wait(30)
        problems += [f"{name}: {p}" for p in clipped_labels(window)]
        # With a banner showing (it takes the bottom of the window for a few seconds).
        banner.show_message("common.staff_called", kiosk.texts.lines("common.staff_called"))
        qtbot.wait(30)
        problems += [f"{name} + banner: {p}" for p in clipped_labels(window)]
        banner.clear()
    controller.screens["jobs"].show_matches([])  # the empty list says so, in its place
    window.navigator.go("jobs")
    qtbot.wait(30)
    problems += [f"jobs (empty): {p}" for p in clipped_labels(window)]
    filing = controller.screens["filing"]
    filing.start("次仁多吉")
    for code in ("wajueji", "zhuangxiu_xiaogong", "zhuangxiu_dagong"):  # the longest names
        filing.draft.toggle_skill(code)
    window.navigator.go("filing")
    for step in range(len(FILING_STEPS)):  # every part of every step: trade pages, years
        parts = filing.wizard.steps[step].parts()
        for part in range(parts):
            filing.wizard.show_step(step, part)
            filing.retranslate()
            qtbot.wait(30)
            problems += [f"filing step {step}.{part}: {p}" for p in clipped_labels(window)]
    window.overlay.show_countdown(30)
    qtbot.wait(30)
    problems += [f"overlay: {p}" for p in clipped_labels(window.overlay)]
    assert problems == [], "\n".join(problems)


def fill_jobs(rig: Rig) -> None:
    """Put a worker's matches in the jobs list and the first one on the detail screen."""
    from kiosk.domain.entities import Worker

    worker = Worker(
        "w", "h", "540102********0011", "次仁多吉", 1, "04", 1980, None, "both", 250, None,
        NOW, {"banyun": 12, "zhuangxie": 3, "baojie": 1, "niwa": 2, "wajueji": 5},
    )  # fmt: skip
    matches = rig.backend.jobs.matches(worker)
    assert matches
    rig.kiosk.controller.screens["jobs"].show_matches(matches)
    rig.kiosk.controller.screens["job"].show_match(matches[0])
    # Applications, the longest first: waiting, refused, more than fit.
    from kiosk.domain.applications import ApplicationState, MyApplication

    longest = sorted(matches, key=lambda x: -len(x.candidate.job.address_zh))
    applications = [
        MyApplication(f"a{i}", x.candidate.job, x.candidate.employer.name, state, NOW)
        for i, (x, state) in enumerate(
            zip(longest, [ApplicationState.WAITING, ApplicationState.REFUSED] * 3, strict=False)
        )
    ]
    rig.kiosk.controller.screens["home"].show_applications(applications)
    rig.kiosk.controller.screens["summary"].show_applications(applications)
