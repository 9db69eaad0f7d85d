"""The installation key: never silently replaced while workers are keyed with it; exported
and imported back by the technician (issue 17)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.check import diagnose
from kiosk.domain.errors import StoreError, StoreErrorKind
from kiosk.idcard.demo import SAMPLES
from kiosk.idcard.events import CardPresented
from kiosk.wiring import open_backend, seed_demo
from tests.helpers.kiosk import make_config

ROOT = Path(__file__).resolve().parents[3]


def _kiosk_with_workers(data: Path) -> tuple[object, object]:
    config, paths = make_config(data)
    backend = open_backend(config, paths)
    seed_demo(backend, paths, 20, backend.clock.now().date())
    backend.engine.dispose()
    return config, paths


def _admin(config_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cfg = config_dir / "kiosk.toml"
    cfg.write_text(f'[storage]\ndata_dir = "{config_dir / "data"}"\n', encoding="utf-8")
    return subprocess.run(
        [str(Path(sys.executable).parent / "kiosk-admin"), "--config", str(cfg), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )


def test_a_lost_key_stops_the_kiosk_instead_of_making_every_worker_file_again(
    tmp_path: Path,
) -> None:
    config, paths = _kiosk_with_workers(tmp_path / "data")
    paths.secret.unlink()  # type: ignore[attr-defined]
    with pytest.raises(StoreError) as caught:
        open_backend(config, paths)  # type: ignore[arg-type]
    assert caught.value.kind is StoreErrorKind.KEY_MISSING
    assert "kiosk-admin import-key" in str(caught.value)
    assert not paths.secret.exists()  # type: ignore[attr-defined] # no new key made over it
    findings = diagnose(config, paths, None, None)  # type: ignore[arg-type]
    secret = [f for f in findings if f.name == "installation secret"]
    assert secret
    assert secret[0].level == "FAIL"


def test_export_then_import_brings_every_worker_back(tmp_path: Path) -> None:
    _kiosk_with_workers(tmp_path / "data")
    usb = tmp_path / "usb" / "kiosk-1.key"
    usb.parent.mkdir()
    done = _admin(tmp_path, "export-key", str(usb))
    assert done.returncode == 0, done.stderr
    assert usb.stat().st_mode & 0o077 == 0
    (tmp_path / "data" / "installation.key").unlink()
    refused = _admin(tmp_path, "diagnose")
    assert "[FAIL] installation secret" in refused.stdout
    back = _admin(tmp_path, "import-key", str(usb))
    assert back.returncode == 0, back.stderr
    config, paths = make_config(tmp_path / "data")
    backend = open_backend(config, paths)
    try:
        card = CardPresented(chip_serial="", identity=SAMPLES["resident_tibetan"])
        assert backend.session.start_for_card(card).name  # found again by its keyed hash
    finally:
        backend.engine.dispose()


def test_another_kiosks_key_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    _kiosk_with_workers(tmp_path / "data")
    other = tmp_path / "other"
    _kiosk_with_workers(other / "data")
    assert _admin(other, "export-key", str(tmp_path / "other.key")).returncode == 0
    mine = (tmp_path / "data" / "installation.key").read_bytes()
    (tmp_path / "data" / "installation.key").unlink()
    refused = _admin(tmp_path, "import-key", str(tmp_path / "other.key"))
    assert refused.returncode != 0
    assert "another kiosk's key" in refused.stderr
    assert not (tmp_path / "data" / "installation.key").exists()
    # and a wrong key put in place by hand is found at start
    (tmp_path / "data" / "installation.key").write_bytes(
        (other / "data" / "installation.key").read_bytes()
    )
    config, paths = make_config(tmp_path / "data")
    with pytest.raises(StoreError) as caught:
        open_backend(config, paths)
    assert caught.value.kind is StoreErrorKind.KEY_WRONG
    assert mine != (tmp_path / "data" / "installation.key").read_bytes()


def test_a_file_that_is_no_export_is_refused(tmp_path: Path) -> None:
    _kiosk_with_workers(tmp_path / "data")
    junk = tmp_path / "junk.key"
    junk.write_text("hello\n", encoding="utf-8")
    refused = _admin(tmp_path, "import-key", str(junk))
    assert refused.returncode != 0
    assert "not a key written by" in refused.stderr
    assert "Traceback" not in refused.stderr
