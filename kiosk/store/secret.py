"""The per-installation secret that keys the look-up hashes of ID numbers and chips.

Losing it makes every stored hash useless: each registered worker would be unknown at their
next tap and file again, a duplicate on the server (issue 17). So the database keeps a check
value of the key it was keyed with (``kiosk_settings``), and a kiosk with registered workers
and no key, or with another key, refuses to start work and tells the technician how to put
the right one back (``kiosk-admin import-key`` with the copy ``kiosk-admin export-key``
made). A new key is made only for a database with nobody in it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from kiosk.domain.errors import StoreError, StoreErrorKind
from kiosk.domain.files import write_atomic
from kiosk.store import models as m
from kiosk.store.settings import KEY_CHECK, SettingsRepository

SECRET_BYTES = 32
EXPORT_HEADER = "gig-station-kiosk installation key v1"
RESTORE = (
    "restore the copy made with `kiosk-admin export-key FILE` using "
    "`kiosk-admin import-key FILE` (the kiosk will not file anyone until then)"
)


def key_check(secret: bytes) -> str:
    """A value that tells keys apart without revealing them (kept in the database)."""
    return hmac.new(secret, b"gig-station installation key check", hashlib.sha256).hexdigest()[:24]


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    if len(data) != SECRET_BYTES:
        raise ValueError(
            f"{path}: installation secret has {len(data)} bytes, expected {SECRET_BYTES}"
        )
    return data


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (mode 0600) whole or not at all."""
    write_atomic(path, data, 0o600)


def load_or_create_secret(path: Path) -> bytes:
    """Read the secret, creating it (mode 0600) when there is none; a damaged one is an
    error for a technician, never replaced. (``load_secret`` also checks the database.)"""
    if path.exists():
        return _read(path)
    data = secrets.token_bytes(SECRET_BYTES)
    _write_private(path, data)
    return data


def _registered(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(m.WorkerRow)) or 0)


def load_secret(path: Path, engine: Engine) -> bytes:
    """The key this database's hashes were made with; ``StoreError`` (``key_missing``,
    ``key_wrong``) when the file is gone or another, with the way to restore it."""
    settings = SettingsRepository(engine)
    expected = settings.get(KEY_CHECK)
    if not path.exists():
        workers = _registered(engine)
        if workers:
            raise StoreError(
                StoreErrorKind.KEY_MISSING,
                f"{path} is missing but {workers} workers are registered here: {RESTORE}",
            )
    secret = load_or_create_secret(path)
    check = key_check(secret)
    if expected is None:
        settings.put(KEY_CHECK, check)  # first start, or a database from before the check
    elif not hmac.compare_digest(expected, check):
        raise StoreError(
            StoreErrorKind.KEY_WRONG,
            f"{path} is not the key this kiosk's workers were registered with: {RESTORE}",
        )
    return secret


def export_key(path: Path, dest: Path) -> str:
    """Copy the key to ``dest`` (a USB stick) as text; returns its check value."""
    secret = _read(path)
    check = key_check(secret)
    _write_private(dest, f"{EXPORT_HEADER}\n{secret.hex()}\n{check}\n".encode())
    return check


def import_key(source: Path, path: Path, engine: Engine) -> str:
    """Put the exported key at ``source`` back as ``path``; returns its check value.

    Refused (``ValueError``, nothing written) when the file is not an export, is damaged,
    or is not the key this database was keyed with."""
    lines = [ln.strip() for ln in source.read_text(encoding="utf-8", errors="replace").splitlines()]
    if len(lines) < 3 or lines[0] != EXPORT_HEADER:
        raise ValueError(f"{source} is not a key written by `kiosk-admin export-key`")
    try:
        secret = bytes.fromhex(lines[1])
    except ValueError:
        raise ValueError(f"{source}: the key is damaged") from None
    check = key_check(secret)
    if len(secret) != SECRET_BYTES or not hmac.compare_digest(check, lines[2]):
        raise ValueError(f"{source}: the key is damaged")
    expected = SettingsRepository(engine).get(KEY_CHECK)
    if expected is not None and not hmac.compare_digest(expected, check):
        raise ValueError(f"{source} is another kiosk's key, not this one's (nothing changed)")
    _write_private(path, secret)
    SettingsRepository(engine).put(KEY_CHECK, check)
    return check
