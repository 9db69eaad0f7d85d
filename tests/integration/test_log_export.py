"""The technician's log export on real (small, mounted) disks standing in for USB sticks:
the archive holds the logs and the report with anything shaped like an ID or mobile number
masked; a stick that fills up mid-write (as one pulled out) leaves no file of the export
and says so; no stick, or only a read-only one, is named as such. And by touch: the
technician screen's button writes it and tells the result."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import zipfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.domain.errors import ExportError, ExportErrorKind
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.services.logexport import export_logs, scrub
from tests.helpers.kiosk import close_kiosk, start_rig
from tests.helpers.tmpfs import small_disk

NOW = dt.datetime(2026, 12, 2, 15, 4, 5, tzinfo=LHASA_TZ)
LEAK = "card 540102199001011234 phone 13812345678 ok"


def _logs(folder: Path, noise_bytes: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kiosk.log").write_text(f"2026-12-02 INFO x: {LEAK}\n", encoding="utf-8")
    if noise_bytes:  # random hex: it does not compress, so it cannot fit a tiny stick
        (folder / "kiosk.log.1").write_text(secrets.token_hex(noise_bytes // 2))
    return folder


def test_scrub_masks_id_and_mobile_numbers_only() -> None:
    assert scrub(LEAK) == "card 540102********1234 phone 138****5678 ok"
    assert scrub("sync took 1234567 ms; job 42") == "sync took 1234567 ms; job 42"


def test_the_archive_reaches_a_stick_whole_and_without_personal_data(tmp_path: Path) -> None:
    logs = _logs(tmp_path / "logs")
    with small_disk(tmp_path / "media" / "STICK", "4m") as stick:
        path = export_logs(logs, [tmp_path / "media"], "station 1", f"report {LEAK}", NOW)
        assert path == stick.path / "kiosk-logs-station_1-20261202-150405.zip"
        assert os.listdir(stick.path) == [path.name]  # nothing else, no temporary file
        with zipfile.ZipFile(path) as z:
            assert sorted(z.namelist()) == ["diagnostics.txt", "kiosk.log"]
            text = z.read("kiosk.log").decode() + z.read("diagnostics.txt").decode()
        assert "540102199001011234" not in text
        assert "13812345678" not in text
        assert "540102********1234" in text


def test_a_stick_that_fails_mid_write_leaves_no_file_and_says_so(tmp_path: Path) -> None:
    logs = _logs(tmp_path / "logs", noise_bytes=400_000)
    with small_disk(tmp_path / "media" / "TINY", "128k") as stick:
        with pytest.raises(ExportError) as failed:
            export_logs(logs, [tmp_path / "media"], "k", "report", NOW)
        assert failed.value.kind is ExportErrorKind.FAILED
        assert failed.value.message_id == "tech.export.failed"
        assert os.listdir(stick.path) == []  # no half file that looks done
        stick.read_only(True)
        with pytest.raises(ExportError) as ro:
            export_logs(logs, [tmp_path / "media"], "k", "report", NOW)
        assert ro.value.kind is ExportErrorKind.NO_STICK  # read-only: not a place to write
    with pytest.raises(ExportError) as none:
        export_logs(logs, [tmp_path / "media"], "k", "report", NOW)
    assert none.value.kind is ExportErrorKind.NO_STICK  # an empty folder is not a stick


def test_the_technician_exports_by_touch(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from kiosk.services.demo_data import DEMO_PINS
    from tests.ui.test_admin import enter, open_pin_pad

    with small_disk(tmp_path / "media" / "STICK", "4m") as stick:
        rig = start_rig(tmp_path / "kiosk", storage={"usb_dirs": str(tmp_path / "media")})
        try:
            admin = rig.kiosk.controller.admin_ui
            open_pin_pad(rig, qtbot)  # five taps in the corner, then the technician's PIN
            enter(rig, qtbot, DEMO_PINS["technician"])
            report = admin.technician.report
            qtbot.waitUntil(lambda: "schema revision" in report.toPlainText(), timeout=10_000)
            button = admin.technician.export
            assert button.isVisibleTo(admin.technician)
            banner = rig.kiosk.window.banner
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            assert banner.message_id == "tech.exporting"
            qtbot.waitUntil(lambda: banner.message_id == "tech.export_done", timeout=10_000)
            (written,) = os.listdir(stick.path)
            assert written.startswith("kiosk-logs-")
            assert written.endswith(".zip")
            with zipfile.ZipFile(stick.path / written) as z:
                written_report = z.read("diagnostics.txt").decode()
            assert written_report == scrub(report.toPlainText())  # as the screen showed
        finally:
            close_kiosk(rig.kiosk, rig.backend)
