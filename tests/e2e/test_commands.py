"""The commands a technician types: ``kiosk --check``, ``kiosk-admin ...``, and start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(
    tmp_path: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")},
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_STORAGE_DATA_DIR": str(tmp_path),
        **(env or {}),
    }
    return subprocess.run(
        [str(BIN / args[0]), *args[1:]],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        check=False,
    )


def test_check_reports_a_healthy_kiosk(tmp_path: Path) -> None:
    result = run(tmp_path, "kiosk", "--check", env={"KIOSK_IDCARD_BACKEND": "none"})
    assert result.returncode == 0, result.stdout + result.stderr
    for line in (
        "durability",
        "journal=wal synchronous=2 foreign_keys=1",
        "Tibetan font",
        "translations bo",
    ):
        assert line in result.stdout
    assert "FAIL" not in result.stdout


def test_check_fails_when_the_card_reader_is_missing(tmp_path: Path) -> None:
    port = "/dev/no-such-reader-kiosk"
    env = {"KIOSK_IDCARD_BACKEND": "sam", "KIOSK_IDCARD_SAM_PORT": port}
    result = run(tmp_path, "kiosk", "--check", env=env)
    assert result.returncode == 1
    assert "[FAIL] card reader" in result.stdout
    assert port in result.stdout


def test_a_bad_config_stops_start_up_with_one_clear_line(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[session]\nwarning_seconds = 5\n", encoding="utf-8")
    for command in (
        ["kiosk", "--config", str(config)],
        ["kiosk", "--check", "--config", str(config)],
    ):
        result = run(tmp_path, *command)
        assert result.returncode == 2
        assert f"{config}: [session] warning_seconds: must be at least 20, got 5" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout


def test_check_fails_when_the_database_cannot_be_opened(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run(tmp_path, "kiosk", "--check", env={"KIOSK_STORAGE_DATA_DIR": str(blocker)})
    assert result.returncode == 1
    assert "[FAIL] data folder" in result.stdout
    assert "Traceback" not in result.stderr


def test_seed_refuses_to_overwrite_without_replace(tmp_path: Path) -> None:
    first = run(tmp_path, "kiosk-admin", "seed", "--jobs", "300")
    assert first.returncode == 0, first.stderr
    assert "seeded 300 jobs" in first.stdout
    again = run(tmp_path, "kiosk-admin", "seed", "--jobs", "300")
    assert again.returncode == 1
    assert "--replace" in again.stderr
    replaced = run(tmp_path, "kiosk-admin", "seed", "--jobs", "500", "--replace")
    assert replaced.returncode == 0
    check = run(tmp_path, "kiosk", "--check", env={"KIOSK_IDCARD_BACKEND": "none"})
    assert "open jobs 500" in check.stdout


def test_seed_range_is_checked(tmp_path: Path) -> None:
    result = run(tmp_path, "kiosk-admin", "seed", "--jobs", "0")
    assert result.returncode == 2
    assert "between 1 and 100000" in result.stderr


def test_set_pin_from_stdin(tmp_path: Path) -> None:
    bad = run(tmp_path, "kiosk-admin", "set-pin", "--role", "staff", stdin="12\n")
    assert bad.returncode == 2
    assert "4 to 8 digits" in bad.stderr
    good = run(tmp_path, "kiosk-admin", "set-pin", "--role", "staff", stdin="246813\n")
    assert good.returncode == 0
    assert "staff PIN set" in good.stdout


def test_config_example_matches_the_committed_file(tmp_path: Path) -> None:
    result = run(tmp_path, "kiosk-admin", "config-example")
    assert result.stdout == (ROOT / "deploy" / "kiosk.example.toml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_kiosk_starts_and_paints_the_attract_screen(tmp_path: Path) -> None:
    result = run(tmp_path, "kiosk", "--demo", "--measure-startup")
    assert result.returncode == 0, result.stderr
    stamps = dict(line.split() for line in result.stdout.splitlines())
    assert set(stamps) == {"first_frame_epoch", "ready_epoch"}
    assert float(stamps["first_frame_epoch"]) <= float(stamps["ready_epoch"])
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_screenshots_render_every_screen(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    result = run(tmp_path, "kiosk-admin", "--demo", "screenshots", str(out), "--modes", "both,en")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.glob("*.png"))
    # 28 screens (the hall board, the assisted-visit question, the phone page's code and
    # the attract screen's login QR code among them), the dashboard for the whole station,
    # 7 signing steps, 2 of the pay question, 5 of the complaint, a job with accident
    # cover, the training question, the settings keyboard, the enrolment address being
    # typed, and fast recruitment's 6 pages (employer's card, registration, job, terms,
    # queue, the called number); 2 modes
    assert len(names) == 104
    expected = (
        "attract-both.png",
        "out-of-service-en.png",
        "asking-market-both.png",
        "summary-both.png",
        "training-both.png",
        "recruit-call-both.png",
        "recruit-register-en.png",
        "cover-both.png",
        "dashboard-station-both.png",
        "training-wish-both.png",
        "job-cover-en.png",
        "hall-both.png",
        "assist-both.png",
        "call-en.png",
        "jobs-en.png",
        "job-both.png",
        "filing-consent-en.png",
        "enrol-en.png",
        "agreement-terms-both.png",
        "agreement-worker-refused-en.png",
        "agreement-employer-en.png",
        "agreement-done-both.png",
        "pay-unpaid-en.png",
        "settings-both.png",
        "settings-keyboard-en.png",
        "enrol-address-both.png",
        "dashboard-en.png",
    )
    for name in expected:
        assert name in names
    assert all(p.stat().st_size > 10_000 for p in out.glob("*.png"))


def test_check_says_when_no_sound_device_can_play(tmp_path: Path) -> None:
    """The speech engine can be fine while nothing can be heard: the check says which."""
    heard = run(tmp_path, "kiosk", "--check", env={"KIOSK_IDCARD_BACKEND": "none"})
    assert "[  ok] sound output         Null Output" in heard.stdout, heard.stdout
    # No sound server: the tests' own PulseAudio is not reachable from here.
    silent = run(
        tmp_path,
        "kiosk",
        "--check",
        env={"KIOSK_IDCARD_BACKEND": "none", "PULSE_SERVER": f"unix:{tmp_path}/no-such-pulse"},
    )
    assert silent.returncode == 1
    assert "[FAIL] sound output" in silent.stdout
    assert "every prompt is silent" in silent.stdout
