"""Staff and technician PINs: hashed with a salt, and locked after repeated failures.

A kiosk stands in a public room; a PIN of 4-8 digits is weak on its own, so the lockout is
what protects it. Hashes use scrypt from the standard library.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace

from kiosk.domain.errors import AuthError, AuthErrorKind

PIN_MIN, PIN_MAX = 4, 8
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def check_pin_format(pin: str) -> None:
    """Refuse anything but 4-8 ASCII digits."""
    if not (PIN_MIN <= len(pin) <= PIN_MAX and pin.isascii() and pin.isdigit()):
        raise AuthError(AuthErrorKind.BAD_FORMAT)


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """Return ``scrypt$<salt hex>$<hash hex>`` for storage."""
    check_pin_format(pin)
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    """Compare in constant time; a malformed stored value never matches."""
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
        salt = bytes.fromhex(salt_hex)
    except ValueError:
        return False
    if scheme != "scrypt" or not pin.isdigit():
        return False
    digest = hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)
    return hmac.compare_digest(digest.hex(), digest_hex)


@dataclass(frozen=True)
class LockoutPolicy:
    """How many wrong PINs in a row lock the role, and for how long."""

    max_failures: int = 5
    lockout_seconds: int = 300


@dataclass(frozen=True)
class PinRecord:
    """The stored state of one role's PIN."""

    pin_hash: str | None
    failures: int = 0
    locked_until: float = 0.0


def attempt(
    record: PinRecord, pin: str, now: float, policy: LockoutPolicy
) -> tuple[PinRecord, AuthError | None]:
    """Judge one PIN entry; return the new record and the error, if refused.

    The caller stores the new record in both cases, so failures survive a restart.
    """
    if record.pin_hash is None:
        return record, AuthError(AuthErrorKind.NO_PIN_SET)
    if now < record.locked_until:
        return record, AuthError(
            AuthErrorKind.LOCKED_OUT, retry_after_s=int(record.locked_until - now) + 1
        )
    if pin_matches(pin, record.pin_hash):
        return replace(record, failures=0, locked_until=0.0), None
    failures = record.failures + 1
    if failures >= policy.max_failures:
        locked = replace(record, failures=0, locked_until=now + policy.lockout_seconds)
        return locked, AuthError(AuthErrorKind.LOCKED_OUT, retry_after_s=policy.lockout_seconds)
    return replace(record, failures=failures), AuthError(
        AuthErrorKind.WRONG_PIN, remaining=policy.max_failures - failures
    )
