"""The terminal's market credential, kept in a file only the kiosk user can read."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from kiosk.domain.files import write_atomic


@dataclass(frozen=True)
class Credentials:
    """What enrolment hands out once: who we are and the key we sign with."""

    server_url: str
    terminal_id: str
    token: str
    hmac_key: str
    lookup_key: str | None = None  # the district's key for look-up hashes (issue 17)

    @property
    def key(self) -> bytes:
        """The HMAC key as bytes."""
        return bytes.fromhex(self.hmac_key)

    def __repr__(self) -> str:
        return f"Credentials(server_url={self.server_url!r}, terminal_id={self.terminal_id!r})"


def read(path: Path) -> tuple[Credentials | None, str | None]:
    """The saved credential, or None and why: no file (not enrolled: None), or a file that
    cannot be read or makes no sense (the reason, for the technician)."""
    if not path.exists():
        return None, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        creds = Credentials(
            str(data["server_url"]),
            str(data["terminal_id"]),
            str(data["token"]),
            str(data["hmac_key"]),
            _lookup_key(data.get("lookup_key")),
        )
        creds.key  # noqa: B018 - the key must be hex
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or type(exc).__name__})"
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return None, f"is damaged ({type(exc).__name__})"
    return creds, None


def _lookup_key(value: object) -> str | None:
    """The district's look-up key, or None (a kiosk enrolled before it)."""
    return None if value is None else check_key(value)


def check_key(value: object) -> str:
    """A 32-byte key as 64 hex digits; ValueError otherwise."""
    if not isinstance(value, str) or len(value) != 64:
        raise ValueError("not a 32-byte key in hex")
    bytes.fromhex(value)  # ValueError when it is not hex
    return value


def load(path: Path) -> Credentials | None:
    """The saved credential, or None when the kiosk is not enrolled (or the file is bad)."""
    return read(path)[0]


def save(path: Path, creds: Credentials) -> None:
    """Write atomically with mode 0600."""
    write_atomic(path, json.dumps(asdict(creds)).encode(), 0o600)
