"""Writing a file whole or not at all (the installation key, the market credential, a
recorded clip): a temporary file beside it, fsync, a rename over the target, and an fsync of
the folder so that the rename itself survives a power cut. Standard library only."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, mode: int | None = 0o600) -> None:
    """Replace ``path`` by ``data`` (created with ``mode``; None: as the file system makes
    it, for a FAT stick that has no modes); on any failure the old file is left as it was
    and no temporary file stays behind (when the medium still answers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):  # a stick pulled out: nothing left to remove
            os.unlink(tmp)
        raise
    dirfd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dirfd)
    finally:
        os.close(dirfd)
