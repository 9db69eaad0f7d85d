"""Telling a fault of the storage (disk full, read-only, cannot open) from a damaged file.

Only SQLite's own verdict of corruption (``SQLITE_CORRUPT``, ``SQLITE_NOTADB``, or an
integrity check that is not "ok") makes a file damaged. Everything else the disk can do
leaves the file where it is: a damaged-looking full disk must never be set aside with the
work waiting in it (issue 17). Standard library only: the UI and the sync thread ask here.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from kiosk.domain.errors import StoreError, StoreErrorKind

LOW_SPACE_BYTES = 1 << 20  # below this, "disk I/O error" and "cannot open" mean "full"

_CORRUPT = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_FULL = {sqlite3.SQLITE_FULL}
_READ_ONLY = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM}
_OPEN_OR_IO = {sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR}
_OS = {
    errno.ENOSPC: StoreErrorKind.DISK_FULL,
    errno.EDQUOT: StoreErrorKind.DISK_FULL,
    errno.EROFS: StoreErrorKind.READ_ONLY,
    errno.EACCES: StoreErrorKind.READ_ONLY,
    errno.EPERM: StoreErrorKind.READ_ONLY,
    errno.EIO: StoreErrorKind.CANNOT_OPEN,
}

TECHNICIAN = {
    StoreErrorKind.DISK_FULL: "the disk holding {folder} is full",
    StoreErrorKind.READ_ONLY: "{folder} cannot be written (read-only or not the kiosk user's)",
    StoreErrorKind.CANNOT_OPEN: "the database in {folder} cannot be opened (disk error)",
}
NOTHING_MOVED = "; nothing was moved or lost: mend the disk and the kiosk serves again"


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc``, what it wraps (SQLAlchemy's ``orig``) and what caused it, without loops."""
    out: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or any(e is seen for seen in out):
            continue
        out.append(e)
        orig = getattr(e, "orig", None)
        todo += [orig if isinstance(orig, BaseException) else None, e.__cause__, e.__context__]
    return out


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code behind ``exc`` (None: not an SQLite failure)."""
    for e in _chain(exc):
        code = getattr(e, "sqlite_errorcode", None)
        if isinstance(e, sqlite3.Error) and isinstance(code, int):
            return code & 0xFF
    return None


def is_corruption(exc: BaseException) -> bool:
    """SQLite says the file itself is damaged."""
    return sqlite_code(exc) in _CORRUPT


def _folder_kind(folder: Path | None) -> StoreErrorKind:
    """Why the disk under ``folder`` fails, from the disk itself: full, read-only, or other."""
    if folder is None:
        return StoreErrorKind.CANNOT_OPEN
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        st = os.statvfs(probe)
    except OSError:
        return StoreErrorKind.CANNOT_OPEN
    if st.f_flag & os.ST_RDONLY or not os.access(probe, os.W_OK):
        return StoreErrorKind.READ_ONLY
    if st.f_bavail * st.f_frsize < LOW_SPACE_BYTES:
        return StoreErrorKind.DISK_FULL
    return StoreErrorKind.CANNOT_OPEN


def storage_kind(exc: BaseException, folder: Path | None = None) -> StoreErrorKind | None:
    """What is wrong with the storage when ``exc`` is a fault of the disk (None: not one).

    ``folder`` (the data folder) lets a vague "disk I/O error" be named: on a full disk
    SQLite often cannot create its shared-memory file and says only that.
    """
    known = next(
        (e.kind for e in _chain(exc) if isinstance(e, StoreError) and e.kind.storage), None
    )
    code = sqlite_code(exc)
    if known is not None or code is not None:
        if known is not None or code in _FULL:
            return known or StoreErrorKind.DISK_FULL
        if code in _READ_ONLY and folder is None:
            return StoreErrorKind.READ_ONLY
        return _folder_kind(folder) if code in _READ_ONLY | _OPEN_OR_IO else None
    kind = next(
        (_OS[e.errno] for e in _chain(exc) if isinstance(e, OSError) and e.errno in _OS), None
    )
    if kind is StoreErrorKind.CANNOT_OPEN:
        return _folder_kind(folder)
    return kind


def storage_error(exc: BaseException, folder: Path | None = None) -> StoreError | None:
    """``exc`` as the kiosk's typed storage error, with the technician's sentence (None:
    not a fault of the disk)."""
    kind = storage_kind(exc, folder)
    if kind is None:
        return None
    if isinstance(exc, StoreError) and exc.kind is kind:
        return exc
    where = str(folder) if folder is not None else "the data folder"
    return StoreError(kind, TECHNICIAN[kind].format(folder=where) + NOTHING_MOVED)
