"""Keyed hashes for looking people up without keeping their numbers (PIPL; IDCARD.md)."""

from __future__ import annotations

import hashlib
import hmac


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
