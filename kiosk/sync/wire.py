"""The sync protocol's shared vocabulary (SYNC.md v1): limits, names, cursors and signing.

The reference server (``market/``) imports this module and the registry of mutation types
and collections (``kiosk.domain.registry``), so both ends sign, count and name things the
same way; the import contract in pyproject.toml says what else it may import. Standard
library and ``kiosk.domain`` only.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from kiosk.domain.registry import collections as registry

PROTOCOL = "v1"
SCHEMA_VERSION = 1
MAX_MUTATIONS = 100
MAX_BATCH_BYTES = 256 * 1024
MAX_PAGE = 500
MAX_RESPONSE_BYTES = 16 * 1024 * 1024
SIGNATURE_WINDOW_S = 300

# Pulled collections in dependency order (a job names its employer, trade and place).
COLLECTIONS = registry.NAMES

# Per-mutation results.
APPLIED, DUPLICATE, REJECTED, CONFLICT, RETRY_LATER = (
    "applied",
    "duplicate",
    "rejected",
    "conflict",
    "retry_later",
)
STATUSES = (APPLIED, DUPLICATE, REJECTED, CONFLICT, RETRY_LATER)

# Headers.
H_CREDENTIAL = "X-Kiosk-Credential"
H_TIMESTAMP = "X-Kiosk-Timestamp"
H_NONCE = "X-Kiosk-Nonce"
H_SIGNATURE = "X-Kiosk-Signature"
H_SCHEMA = "X-Kiosk-Schema"
H_APP_VERSION = "X-Kiosk-App-Version"
H_IDEMPOTENCY = "Idempotency-Key"
SIGNED_HEADERS = (H_CREDENTIAL, H_TIMESTAMP, H_NONCE, H_SIGNATURE)
# What each header may hold (the server answers 400 otherwise, never a 500 further in).
HEADER_SHAPES = {
    H_CREDENTIAL: r"[A-Za-z0-9_-]{1,64}",
    H_TIMESTAMP: r"[0-9]{1,12}",  # Unix seconds: until the year 33658
    H_NONCE: r"[A-Za-z0-9_-]{1,64}",
    H_SIGNATURE: r"[0-9a-f]{64}",
    H_IDEMPOTENCY: r"[A-Za-z0-9_.:-]{1,64}",
}


def body_digest(body: bytes) -> str:
    """SHA-256 of the exact request body, hex."""
    return hashlib.sha256(body).hexdigest()


def string_to_sign(method: str, path_qs: str, body: bytes, timestamp: int, nonce: str) -> bytes:
    """What the signature covers: method, path with query, body hash, time and nonce."""
    return "\n".join((method.upper(), path_qs, body_digest(body), str(timestamp), nonce)).encode()


def sign(  # noqa: PLR0917 - the signed fields, in signing order
    key: bytes, method: str, path_qs: str, body: bytes, timestamp: int, nonce: str
) -> str:
    """HMAC-SHA256 over :func:`string_to_sign`, hex."""
    message = string_to_sign(method, path_qs, body, timestamp, nonce)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def verify(  # noqa: PLR0917 - the signed fields, in signing order
    key: bytes, method: str, path_qs: str, body: bytes, timestamp: int, nonce: str, sig: str
) -> bool:
    """Constant-time check of a signature."""
    return hmac.compare_digest(sign(key, method, path_qs, body, timestamp, nonce), sig)


MAX_CURSOR_NUMBER = (1 << 63) - 1
MAX_CURSOR_DIGITS = 19


@dataclass(frozen=True, order=True)
class Cursor:
    """A position in the change feed: (transaction id, sequence). Opaque to the kiosk.

    On SQLite ``xid`` is always 0 and ``seq`` orders everything (one writer); on PostgreSQL
    rows are ordered by the id of the transaction that wrote them, then by sequence.
    """

    xid: int = 0
    seq: int = 0

    def encode(self) -> str:
        """The cursor as it travels: ``v1.<xid>.<seq>``."""
        return f"{PROTOCOL}.{self.xid}.{self.seq}"

    @classmethod
    def decode(cls, text: str | None) -> Cursor:
        """Parse a cursor; an empty one is the start. Raises ValueError on anything else."""
        if not text:
            return cls()
        parts = text.split(".")
        if len(parts) != 3 or parts[0] != PROTOCOL:
            raise ValueError("not a v1 cursor")
        if not all(p.isascii() and p.isdigit() and len(p) <= MAX_CURSOR_DIGITS for p in parts[1:]):
            raise ValueError("not a v1 cursor")
        xid, seq = int(parts[1]), int(parts[2])
        if xid > MAX_CURSOR_NUMBER or seq > MAX_CURSOR_NUMBER:
            raise ValueError("cursor out of range")  # a database's 64-bit integers hold it
        return cls(xid, seq)


def version_tuple(text: str) -> tuple[int, ...]:
    """``"0.1.0"`` -> ``(0, 1, 0)``; anything unparsable sorts first."""
    try:
        return tuple(int(p) for p in text.split("."))
    except ValueError:
        return (0,)
