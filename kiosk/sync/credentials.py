"""The terminal's market credential, kept in a file only the kiosk user can read."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Credentials:
    """What enrolment hands out once: who we are and the key we sign with."""

    server_url: str
    terminal_id: str
    token: str
    hmac_key: str

    @property
    def key(self) -> bytes:
        """The HMAC key as bytes."""
        return bytes.fromhex(self.hmac_key)

    def __repr__(self) -> str:
        return f"Credentials(server_url={self.server_url!r}, terminal_id={self.terminal_id!r})"


def load(path: Path) -> Credentials | None:
    """The saved credential, or None when the kiosk is not enrolled (or the file is bad)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Credentials(
            str(data["server_url"]),
            str(data["terminal_id"]),
            str(data["token"]),
            str(data["hmac_key"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(path: Path, creds: Credentials) -> None:
    """Write atomically with mode 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(asdict(creds), fh)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)
