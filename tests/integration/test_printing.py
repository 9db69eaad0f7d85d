"""Printing for real: a private CUPS server with the cups-pdf virtual printer. The kiosk's
agreement (two copies) and the technician's test page print, the jobs complete, and the
printed files render with their QR codes readable; a missing, stopped or refusing printer
and a print server that is down each get their own message, and nothing is left queued."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kiosk.printing.cups import CupsPrinter, PrintError
from tests.e2e.test_commands import run
from tests.helpers.cups import Cups, available
from tests.helpers.qr import qr_codes

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(available() is not None, reason=str(available())),
]


def printer_env(cups: Cups, queue: str) -> dict[str, str]:
    return {"KIOSK_PRINTER_QUEUE": queue, "KIOSK_PRINTER_SERVER": cups.server}


def wait_for_files(folder: Path, n: int, timeout_s: float = 20.0) -> list[Path]:
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        files = sorted(folder.glob("*.pdf"))
        if len(files) >= n:
            return files
        time.sleep(0.1)
    return sorted(folder.glob("*.pdf"))


def test_an_agreement_prints_a_copy_for_each_party(cups: Cups, tmp_path: Path) -> None:
    out = cups.add_pdf_printer("station_a4")
    pdf = tmp_path / "agreement.pdf"
    result = run(
        tmp_path,
        "kiosk-admin",
        "--demo",
        "agreement-pdf",
        str(pdf),
        "--print",
        env=printer_env(cups, "station_a4"),
    )
    assert result.returncode == 0, result.stderr + cups.log()[-800:]
    assert "printed: job station_a4-" in result.stdout
    _path, code, fp = result.stdout.splitlines()[0].split()
    printed = wait_for_files(out, 1)
    assert len(printed) == 1
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(printed[0])], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    mine = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    own = int(next(ln.split()[-1] for ln in mine.stdout.splitlines() if ln.startswith("Pages:")))
    assert pages == 2 * own  # two copies, every page
    assert qr_codes(printed[0]) == {f"https://market.example.cn/v1/agreements/{code}?fp={fp}"}


def test_the_technician_test_page_prints(cups: Cups, tmp_path: Path) -> None:
    out = cups.add_pdf_printer("station_test")
    result = run(tmp_path, "kiosk-admin", "print-test", env=printer_env(cups, "station_test"))
    assert result.returncode == 0, result.stderr
    printed = wait_for_files(out, 1)
    assert len(printed) == 1
    (code,) = qr_codes(printed[0])
    assert code.startswith("gig-kiosk print test kiosk-1 ")


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        ("missing", "the printer is not found"),
        ("disabled", "the printer stopped"),
        ("rejecting", "the printer is not taking jobs"),
    ],
)
def test_a_printer_that_cannot_print_is_named_and_nothing_is_left_queued(
    cups: Cups, tmp_path: Path, setup: str, words: str
) -> None:
    queue = f"broken_{setup}"
    if setup != "missing":
        cups.add_pdf_printer(queue)
        cups.lp("cupsdisable" if setup == "disabled" else "cupsreject", queue)
    result = run(tmp_path, "kiosk-admin", "print-test", env=printer_env(cups, queue))
    assert result.returncode == 1
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    if setup != "missing":
        assert cups.lp("lpstat", "-o", queue).stdout.strip() == ""


def test_a_print_server_that_is_down_is_said_so(tmp_path: Path) -> None:
    printer = CupsPrinter("anything", str(tmp_path / "no-such.sock"))
    with pytest.raises(PrintError) as caught:
        printer.ready()
    assert caught.value.reason == "no_server"


def test_a_printer_that_does_not_answer_is_reported_and_the_job_cancelled(
    cups: Cups, tmp_path: Path
) -> None:
    """A network printer that is switched off: CUPS accepts the job, the device never
    answers; the kiosk gives up after its wait, says so and leaves nothing queued."""
    added = cups.lp("lpadmin", "-p", "station_off", "-E", "-v", "socket://127.0.0.1:1")
    assert added.returncode == 0, added.stderr
    pdf = tmp_path / "page.pdf"
    assert run(tmp_path, "kiosk-admin", "--demo", "agreement-pdf", str(pdf)).returncode == 0
    printer = CupsPrinter("station_off", cups.server)
    with pytest.raises(PrintError) as caught:
        printer.print_pdf(pdf, wait_s=6)
    assert caught.value.reason in ("stopped", "timeout")
    assert cups.lp("lpstat", "-o", "station_off").stdout.strip() == ""


def test_check_reports_the_printer(cups: Cups, tmp_path: Path) -> None:
    cups.add_pdf_printer("station_check")
    env = {"KIOSK_IDCARD_BACKEND": "none", **printer_env(cups, "station_check")}
    result = run(tmp_path, "kiosk", "--check", env=env)
    assert (
        "[  ok] printer" in result.stdout.replace("[ ok]", "[  ok]")
        or "ok] printer" in result.stdout
    )
    env["KIOSK_PRINTER_QUEUE"] = "no_such_queue"
    result = run(tmp_path, "kiosk", "--check", env=env)
    assert result.returncode == 1
    assert "[FAIL] printer" in result.stdout
    assert "no_printer" in result.stdout
