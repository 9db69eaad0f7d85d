"""``kiosk-admin read-card`` as a technician runs it, on the demo and the SAM backends."""

from __future__ import annotations

from pathlib import Path

from kiosk.idcard.demo import SAMPLES
from kiosk.idcard.textblock import build
from tests.e2e.test_commands import run
from tests.helpers.sam_emulator import SamEmulator


def test_demo_card_prints_masked_fields(tmp_path: Path) -> None:
    result = run(tmp_path, "kiosk-admin", "read-card", "--backend", "demo")
    assert result.returncode == 0, result.stdout + result.stderr
    card = SAMPLES["resident_tibetan"]
    assert "拉萨市城关区" in result.stdout
    assert card.masked_number in result.stdout
    assert "check:       ok" in result.stdout
    assert card.number not in result.stdout
    assert card.name not in result.stdout


def test_refused_cards_exit_non_zero_with_the_reason(tmp_path: Path) -> None:
    expired = run(
        tmp_path, "kiosk-admin", "read-card", "--backend", "demo", "--demo-card", "expired"
    )
    assert expired.returncode == 1
    assert "refused: expired" in expired.stdout
    unknown = run(
        tmp_path, "kiosk-admin", "read-card", "--backend", "demo", "--demo-card", "unknown_type"
    )
    assert unknown.returncode == 1
    assert "card error: unsupported_type" in unknown.stdout


def test_sam_reader_on_a_serial_port(tmp_path: Path) -> None:
    emulator = SamEmulator()
    emulator.card = build(SAMPLES["long_term"])
    try:
        result = run(
            tmp_path,
            "kiosk-admin",
            "read-card",
            "--backend",
            "sam",
            "--port",
            emulator.path,
            "--timeout",
            "10",
        )
    finally:
        emulator.close()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "长期 (long-term)" in result.stdout
    assert "reader: connected" in result.stdout


def test_a_missing_port_times_out_with_a_clear_status(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        "kiosk-admin",
        "read-card",
        "--backend",
        "sam",
        "--port",
        "/dev/nope-kiosk",
        "--timeout",
        "2",
    )
    assert result.returncode == 1
    assert "reader: missing" in result.stdout
    assert "no card within the time given" in result.stdout
    assert "Traceback" not in result.stderr
