"""Keyed hashes for looking people up without keeping their numbers (PIPL; IDCARD.md)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable


def keyed_hash(secret: bytes, kind: str, value: str) -> str:
    """HMAC-SHA256 of ``value`` under the installation secret, separated by ``kind``.

    ``kind`` ("id" or "chip") keeps an ID number and a chip serial that happen to share
    digits from ever colliding.
    """
    if len(secret) < 16:
        raise ValueError("installation secret too short")
    msg = f"{kind}:{value.strip().upper()}".encode()
    return hmac.new(secret, msg, hashlib.sha256).hexdigest()


def mask_name(name: str) -> str:
    """First character only (扎＊＊＊): enough for staff to recognise the person before
    them, not for a bystander to read a stranger's name off the screen."""
    return name[:1] + "＊" * (len(name) - 1) if name else ""


# Hashed under the district's key once known: a worker's ID number ("id"), and a person
# who hires, by theirs ("employer": the market keeps the same hash of web sign-ups).
DISTRICT_KINDS = frozenset({"id", "employer"})


class KeyRing:
    """The keys a kiosk hashes with: ID numbers under the district's look-up key once the
    market has handed it out (one person, one hash at every station), everything else (chip
    serials, phone numbers) under the installation secret. Called as ``ring(kind, value)``.

    ``older`` is the hash a worker filed before the district's key arrived was stored under:
    the kiosk finds them by it once more and moves them to the new one (issue 17).
    """

    def __init__(self, secret: bytes, district: bytes | None = None) -> None:
        self.secret = secret
        self.district = district

    def learn(self, district: bytes) -> None:
        """The district's key, now known (from the sync thread: one assignment)."""
        if len(district) < 16:
            raise ValueError("district key too short")
        self.district = district

    def __call__(self, kind: str, value: str) -> str:
        district = self.district
        if kind in DISTRICT_KINDS and district is not None:
            return keyed_hash(district, kind, value)
        return keyed_hash(self.secret, kind, value)

    def older(self, kind: str, value: str) -> str | None:
        """The hash under the installation secret, when it differs from the current one."""
        return keyed_hash(self.secret, kind, value) if kind == "id" and self.district else None

    def every(self, kind: str, value: str) -> tuple[str, ...]:
        """Every hash this value may have been stored under, the current one first."""
        older = self.older(kind, value)
        return (self(kind, value),) if older is None else (self(kind, value), older)


Hasher = Callable[[str, str], str]  # (kind, value) -> keyed hash; a KeyRing is one


def older_hash(hasher: Hasher, kind: str, value: str) -> str | None:
    """The hash ``value`` had before the district's key arrived (None: the same one)."""
    return hasher.older(kind, value) if isinstance(hasher, KeyRing) else None


def every_hash(hasher: Hasher, kind: str, value: str) -> tuple[str, ...]:
    """Every hash ``value`` may be stored under, the current one first."""
    return hasher.every(kind, value) if isinstance(hasher, KeyRing) else (hasher(kind, value),)


def district_known(hasher: Hasher) -> bool:
    """ID numbers hash under the district's key: the market can find them."""
    return isinstance(hasher, KeyRing) and hasher.district is not None
