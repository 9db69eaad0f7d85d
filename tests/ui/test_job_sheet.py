"""The printed job sheet of the day, from the staff screen, on a private CUPS server with
the cups-pdf printer: it lists the hall board's jobs in Tibetan and Chinese, each with a
QR code a phone reads as the job's page at the market; the screen never waits for it; with
no jobs it says so and prints nothing; a missing printer is said so; without a printer
there is no button."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from kiosk.domain.entities import Duration
from kiosk.domain.hall import job_address
from kiosk.i18n import Lang
from kiosk.store import models as m
from kiosk.ui.widgets.demo_panel import DEMO_PINS
from tests.helpers.cups import Cups, needs_cups
from tests.helpers.kiosk import Rig, close_kiosk, start_rig
from tests.helpers.qr import qr_codes
from tests.ui.test_admin import enter, open_pin_pad

MARKET = "https://market.example.cn"


def sheet_rig(tmp_path: Path, cups: Cups, queue: str, open_jobs: int = 5) -> Rig:
    """A kiosk with ``queue`` and the market's address for codes; only ``open_jobs`` of
    the demo's jobs left open (a sheet of a quiet day)."""
    rig = start_rig(
        tmp_path,
        printer={"queue": queue, "server": cups.server, "wait_s": 30},
        agreement={"verify_url": MARKET},
    )
    services = rig.kiosk.controller.services
    assert services is not None
    keep = [mt.candidate.job.id for mt in services.jobs.board()[:open_jobs]]
    with rig.backend.engine.begin() as conn:
        conn.execute(update(m.JobRow).where(m.JobRow.id.not_in(keep)).values(status="closed"))
    rig.backend.jobs.refresh()
    return rig


def to_staff(rig: Rig, qtbot: QtBot) -> None:
    open_pin_pad(rig, qtbot)
    enter(rig, qtbot, DEMO_PINS["staff"])
    assert rig.kiosk.window.navigator.current is rig.kiosk.controller.screens["staff"]


def attached_text(pdf: Path, tmp_path: Path) -> str:
    out = tmp_path / "attached"
    out.mkdir(exist_ok=True)
    subprocess.run(
        ["pdfdetach", "-saveall", "-o", str(out), str(pdf)], check=True, capture_output=True
    )
    return (out / "job-sheet.txt").read_text(encoding="utf-8")


@needs_cups
def test_staff_print_the_days_jobs_with_a_code_for_each(
    cups: Cups, tmp_path: Path, qtbot: QtBot
) -> None:
    out = cups.add_pdf_printer("sheet")
    rig = sheet_rig(tmp_path, cups, "sheet")
    try:
        to_staff(rig, qtbot)
        staff = rig.kiosk.controller.screens["staff"]
        button = rig.kiosk.controller.admin_ui.staff.sheet
        assert button.isVisibleTo(rig.kiosk.window)
        services = rig.kiosk.controller.services
        assert services is not None
        board = services.jobs.board()
        assert len(board) == 5
        banner = rig.kiosk.window.banner
        start = time.perf_counter()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: banner.message_id == "sheet.printing", timeout=10_000)
        assert time.perf_counter() - start < 2.0  # drawn and printed off the GUI thread
        assert not button.isEnabled()  # one tap, one sheet
        qtbot.waitUntil(lambda: banner.message_id == "sheet.printed", timeout=60_000)
        assert button.isEnabled()
        assert rig.kiosk.window.navigator.current is staff
        qtbot.waitUntil(lambda: len(list(out.glob("*.pdf"))) == 1, timeout=10_000)
        printed = next(out.glob("*.pdf"))
        assert qr_codes(printed) == {job_address(MARKET, mt.candidate.job.id) for mt in board}
        mine = rig.kiosk.controller.hall_ui.printed
        assert mine is not None
        text = attached_text(mine, tmp_path)
        catalog = rig.kiosk.texts.catalog
        for mt in board:
            job = mt.candidate.job
            for lang in (Lang.BO, Lang.ZH):
                assert catalog.text(f"jobtype.{job.job_type_code}", lang) in text
            per = "半天" if job.duration is Duration.HALF_DAY else "每天"  # as the card says
            assert f"{per} {job.day_wage} 元" in text
            assert job.address_zh in text
        assert "功德林" in text  # the station
    finally:
        close_kiosk(rig.kiosk, rig.backend)


@needs_cups
def test_a_day_without_jobs_prints_nothing_and_says_so(
    cups: Cups, tmp_path: Path, qtbot: QtBot
) -> None:
    out = cups.add_pdf_printer("empty")
    rig = sheet_rig(tmp_path, cups, "empty", open_jobs=0)
    try:
        to_staff(rig, qtbot)
        banner = rig.kiosk.window.banner
        qtbot.mouseClick(rig.kiosk.controller.admin_ui.staff.sheet, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: banner.message_id == "sheet.none", timeout=10_000)
        assert rig.kiosk.controller.admin_ui.staff.sheet.isEnabled()
        qtbot.wait(500)
        assert list(out.glob("*.pdf")) == []
    finally:
        close_kiosk(rig.kiosk, rig.backend)


@needs_cups
def test_a_missing_printer_is_said_so_and_the_button_comes_back(
    cups: Cups, tmp_path: Path, qtbot: QtBot
) -> None:
    rig = sheet_rig(tmp_path, cups, "no_such_queue")
    try:
        to_staff(rig, qtbot)
        banner = rig.kiosk.window.banner
        button = rig.kiosk.controller.admin_ui.staff.sheet
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: banner.message_id == "sheet.print_failed", timeout=60_000)
        assert button.isEnabled()
    finally:
        close_kiosk(rig.kiosk, rig.backend)


@pytest.mark.usefixtures("qtbot")
def test_without_a_printer_there_is_no_sheet_button(demo_rig: Rig) -> None:
    assert not demo_rig.kiosk.controller.admin_ui.staff.sheet.isVisibleTo(demo_rig.kiosk.window)
