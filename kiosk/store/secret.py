"""The per-installation secret that keys the look-up hashes of ID numbers and chips."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_BYTES = 32


def load_or_create_secret(path: Path) -> bytes:
    """Read the secret, creating it (mode 0600) on first start.

    Losing it makes every stored hash useless (workers would re-register), so it is never
    regenerated over an existing file: a damaged one is an error for a technician.
    """
    if path.exists():
        data = path.read_bytes()
        if len(data) != SECRET_BYTES:
            raise ValueError(
                f"{path}: installation secret has {len(data)} bytes, expected {SECRET_BYTES}"
            )
        return data
    path.parent.mkdir(parents=True, exist_ok=True)
    data = secrets.token_bytes(SECRET_BYTES)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return data
