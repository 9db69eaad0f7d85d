"""A file written whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kiosk.domain.files import write_atomic


def test_the_file_is_replaced_whole_with_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "installation.key"
    write_atomic(target, b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["installation.key"]


def test_a_failed_write_leaves_the_old_file_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "market-credentials.json"
    write_atomic(target, b"old")

    def no_room(_src: object, _dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_room)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["market-credentials.json"]
