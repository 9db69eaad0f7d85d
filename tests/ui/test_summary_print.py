"""The visit summary on paper, and the technician's test page, printed for real on a
private CUPS server with the cups-pdf printer: "print" shows only when the station has a
printer, the screen never waits for it, the printout says what the screen says, and a
printer that is not there is said so (the worker is sent to staff, the technician to the
diagnostics) while the screen stays as it was."""

from __future__ import annotations

import subprocess
import time
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.i18n import Lang, Mode
from kiosk.ui.widgets.demo_panel import DEMO_PINS
from tests.helpers.cups import Cups, needs_cups
from tests.helpers.kiosk import Rig, close_kiosk, start_rig
from tests.helpers.qr import qr_codes
from tests.ui.test_admin import enter, open_pin_pad
from tests.ui.test_find_work import walk_to_list
from tests.ui.test_summary import _apply_first


def printer_rig(tmp_path: Path, cups: Cups, queue: str) -> Rig:
    return start_rig(tmp_path, printer={"queue": queue, "server": cups.server, "wait_s": 20})


def to_summary(rig: Rig, qtbot: QtBot) -> object:
    controller = rig.kiosk.controller
    walk_to_list(rig, qtbot, Mode.BOTH)
    chosen = _apply_first(rig, qtbot)
    qtbot.mouseClick(controller.screens["jobs"].bar.finish, Qt.MouseButton.LeftButton)
    summary = controller.screens["summary"]
    qtbot.waitUntil(lambda: rig.kiosk.window.navigator.current is summary)
    return chosen


def test_without_a_printer_there_is_no_print_button(demo_rig: Rig, qtbot: QtBot) -> None:
    to_summary(demo_rig, qtbot)
    assert not demo_rig.kiosk.controller.screens["summary"].print.isVisibleTo(demo_rig.kiosk.window)


@needs_cups
def test_the_summary_prints_what_the_screen_says(cups: Cups, tmp_path: Path, qtbot: QtBot) -> None:
    out = cups.add_pdf_printer("desk")
    rig = printer_rig(tmp_path, cups, "desk")
    try:
        chosen = to_summary(rig, qtbot)
        job = chosen.candidate.job  # type: ignore[attr-defined]
        controller = rig.kiosk.controller
        summary = controller.screens["summary"]
        banner = rig.kiosk.window.banner
        assert summary.print.isVisibleTo(rig.kiosk.window)
        # The worker's first tap of the day printed their queue slip; the summary comes next.
        qtbot.waitUntil(lambda: len(list(out.glob("*.pdf"))) == 1, timeout=30_000)
        start = time.perf_counter()
        qtbot.mouseClick(summary.print, Qt.MouseButton.LeftButton)
        assert time.perf_counter() - start < 1.0  # the screen does not wait for the printer
        assert banner.message_id == "summary.printing"
        assert not summary.print.isEnabled()  # one tap, one printout
        qtbot.waitUntil(lambda: banner.message_id == "summary.printed", timeout=30_000)
        assert summary.print.isEnabled()
        qtbot.waitUntil(lambda: len(list(out.glob("*.pdf"))) == 2, timeout=10_000)
        mine = controller.summary_ui.printed
        assert mine is not None
        text = unicodedata.normalize(
            "NFKC",
            subprocess.run(
                ["pdftotext", str(mine), "-"], capture_output=True, text=True, check=True
            ).stdout,
        ).replace("\n", "")
        catalog = controller.texts.catalog
        assert unicodedata.normalize("NFKC", job.address_zh) in text
        assert catalog.text(f"jobtype.{job.job_type_code}", Lang.ZH) in text
        assert f"每天 {job.day_wage} 元" in text
        assert "12333" in text
        with qtbot.waitSignal(controller.session_ended):
            qtbot.mouseClick(summary.done, Qt.MouseButton.LeftButton)
        assert not mine.exists()  # nothing of the worker stays on disk
    finally:
        close_kiosk(rig.kiosk, rig.backend)


@needs_cups
def test_a_missing_printer_sends_the_worker_to_staff_and_the_summary_stays(
    cups: Cups, tmp_path: Path, qtbot: QtBot
) -> None:
    rig = printer_rig(tmp_path, cups, "no_such_printer")
    try:
        to_summary(rig, qtbot)
        summary = rig.kiosk.controller.screens["summary"]
        banner = rig.kiosk.window.banner
        qtbot.mouseClick(summary.print, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: banner.message_id == "summary.print_failed", timeout=30_000)
        assert summary.print.isEnabled()
        assert rig.kiosk.window.navigator.current is summary
        assert any("工作人员" in t for t in banner.text.texts())
    finally:
        close_kiosk(rig.kiosk, rig.backend)


@needs_cups
@pytest.mark.parametrize("present", [True, False])
def test_the_technician_prints_a_test_page_from_the_technician_screen(
    cups: Cups, tmp_path: Path, qtbot: QtBot, present: bool
) -> None:
    queue = f"tech_{present}".lower()
    out = cups.add_pdf_printer(queue) if present else None
    rig = printer_rig(tmp_path, cups, queue)
    try:
        open_pin_pad(rig, qtbot)
        enter(rig, qtbot, DEMO_PINS["technician"])
        screen = rig.kiosk.controller.screens["technician"]
        assert rig.kiosk.window.navigator.current is screen
        assert screen.print_test.isVisibleTo(rig.kiosk.window)
        banner = rig.kiosk.window.banner
        qtbot.mouseClick(screen.print_test, Qt.MouseButton.LeftButton)
        expected = "tech.print_test_done" if present else "tech.print_test_failed"
        qtbot.waitUntil(lambda: banner.message_id == expected, timeout=30_000)
        assert screen.print_test.isEnabled()
        if out is not None:
            qtbot.waitUntil(lambda: len(list(out.glob("*.pdf"))) == 1, timeout=10_000)
            (code,) = qr_codes(next(out.glob("*.pdf")))
            assert code.startswith("gig-kiosk print test kiosk-1 ")
        else:
            qtbot.waitUntil(lambda: "[FAIL] printer" in screen.report.toPlainText())
    finally:
        close_kiosk(rig.kiosk, rig.backend)
