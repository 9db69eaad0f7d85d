"""A small real disk for storage-fault tests: a tmpfs mounted by the test (root only),
filled up or made read-only, and unmounted by the test that mounted it."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def can_mount() -> str | None:
    """None when tmpfs can be mounted here, else why not (the skip reason)."""
    if os.geteuid() != 0:
        return "mounting a small tmpfs needs root (the full-disk and read-only cases run as root)"
    return None


class SmallDisk:
    """A mounted tmpfs of a few MB at ``path``."""

    def __init__(self, path: Path, size: str) -> None:
        self.path = path
        self.size = size
        self.filler = path / ".filler"

    def fill(self) -> None:
        """Take every free byte (the kiosk then finds the disk full)."""
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for size in (1 << 16, 512, 1):
                try:
                    while os.write(fd, b"\0" * size):
                        pass
                except OSError:
                    continue
        finally:
            os.close(fd)

    def free(self) -> None:
        """Give the space back."""
        self.filler.unlink(missing_ok=True)

    def read_only(self, on: bool) -> None:
        """Remount read-only (``on``) or read-write."""
        mode = "ro" if on else "rw"
        subprocess.run(["mount", "-o", f"remount,{mode}", str(self.path)], check=True)


@contextmanager
def small_disk(path: Path, size: str = "4m") -> Iterator[SmallDisk]:
    """Mount a tmpfs of ``size`` at ``path`` for the block; unmounted after it."""
    reason = can_mount()
    if reason is not None:
        pytest.skip(reason)
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], check=True)
    try:
        yield SmallDisk(path, size)
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)
