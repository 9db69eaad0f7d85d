"""Deployment as the README writes it (issue 16, item 4): the unit passes
``systemd-analyze verify``, the data folder exists for the kiosk user before the first
start, and the installer installs what the configured reader needs. The installer runs
here with ``--dry-run`` only: it would create a user and install packages on this machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def installer(tmp_path: Path, backend: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[idcard]\nbackend = "{backend}"\n', encoding="utf-8")
    return subprocess.run(
        ["bash", str(DEPLOY / "install.sh"), "--dry-run", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
@pytest.mark.skipif(shutil.which("cage") is None, reason="cage not installed (make test-services)")
def test_the_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    unit = tmp_path / "gig-kiosk.service"
    shutil.copy(DEPLOY / "gig-kiosk.service", unit)
    result = subprocess.run(
        ["systemd-analyze", "verify", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "gig-kiosk.service" not in result.stderr, result.stderr


@pytest.mark.skipif(shutil.which("systemd-tmpfiles") is None, reason="no systemd-tmpfiles")
def test_the_data_folder_exists_for_the_kiosk_user_before_the_first_start(tmp_path: Path) -> None:
    """In a root of its own, where the kiosk user exists: the folder, its owner and mode."""
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc/passwd").write_text(
        "root:x:0:0::/root:/bin/sh\nkiosk:x:990:990::/home/kiosk:/usr/sbin/nologin\n"
    )
    (root / "etc/group").write_text("root:x:0:\nkiosk:x:990:\n")
    conf = tmp_path / "gig-kiosk.conf"
    shutil.copy(DEPLOY / "gig-kiosk.tmpfiles", conf)
    result = subprocess.run(
        ["systemd-tmpfiles", "--create", f"--root={root}", str(conf)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    folder = root / "var/lib/gig-kiosk"
    info = folder.stat()
    assert folder.is_dir()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (990, 990, 0o750)


def test_the_installer_installs_what_the_configured_reader_needs(tmp_path: Path) -> None:
    pcsc = installer(tmp_path, "pcsc")
    assert pcsc.returncode == 0, pcsc.stderr
    steps = pcsc.stdout.splitlines()
    packages = next(s for s in steps if "system-packages.sh" in s).split()
    assert {"pcscd", "libccid", "cage", "pipewire-pulse", "wireplumber"} <= set(packages)
    assert "+ systemctl enable --now pcscd.socket" in steps
    assert f"+ chmod 0664 {tmp_path / 'kiosk.toml'}" in steps  # the settings screen rewrites it
    assert "+ systemctl --global enable pipewire-pulse.socket wireplumber.service" in steps
    # the data folder is made before the PINs are set as the kiosk user
    tmpfiles = next(i for i, s in enumerate(steps) if s.startswith("+ systemd-tmpfiles"))
    set_pin = next(i for i, s in enumerate(steps) if "set-pin" in s)
    assert tmpfiles < set_pin

    sam = installer(tmp_path, "sam")
    assert sam.returncode == 0, sam.stderr
    sam_packages = next(s for s in sam.stdout.splitlines() if "system-packages.sh" in s)
    assert "pcscd" not in sam_packages.split()
    assert "pcscd.socket" not in sam.stdout
    if any(line.startswith("dialout:") for line in Path("/etc/group").read_text().splitlines()):
        assert "+ usermod -a -G dialout kiosk" in sam.stdout  # the serial reader's group

    bad = installer(tmp_path, "usb")
    assert bad.returncode == 1
    assert "backend must be pcsc, sam or none" in bad.stderr
    assert "+ " not in bad.stdout  # nothing done


def test_the_installer_refuses_to_run_for_real_without_root() -> None:
    command = ["bash", str(DEPLOY / "install.sh")]
    if os.geteuid() == 0:  # as nobody, then
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1, result.stdout
    assert "run as root" in result.stderr
    assert "+ " not in result.stdout  # nothing done
