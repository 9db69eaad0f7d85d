"""Opening the kiosk database: durability settings, integrity check, migrations.

SYNC.md rule 1: WAL, ``synchronous=FULL`` and foreign keys on every connection. A file that
SQLite itself finds damaged (integrity check, ``SQLITE_CORRUPT``, ``SQLITE_NOTADB``), or an
empty one, is moved aside (kept for a technician, never deleted), a fresh database is
started, and everything still readable in the damaged copy is carried into it
(``kiosk.store.salvage``); the move is reported, never silent. A fault of the disk (full,
read-only, cannot open) moves nothing: it is raised as a ``StoreError`` of that kind.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry

from kiosk.domain.errors import StoreError, StoreErrorKind
from kiosk.domain.storage import is_corruption, storage_error

log = logging.getLogger(__name__)

MIGRATIONS = "kiosk.store:migrations"


@dataclass(frozen=True)
class OpenReport:
    """What happened while opening: where a damaged file was kept, which revision runs."""

    path: Path
    revision: str
    damaged_copy: Path | None = None
    damage: str = ""  # what SQLite said was wrong with the copy
    salvaged: dict[str, int] = field(default_factory=dict)  # rows carried over, per table


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(path: Path) -> Engine:
    """An engine whose every connection has the durability pragmas set."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def unusable(exc: BaseException, path: Path) -> StoreError:
    """A failure that is not damage: the disk's fault when it is one, else "unavailable"."""
    return storage_error(exc, path.parent) or StoreError(
        StoreErrorKind.UNAVAILABLE, f"{type(exc).__name__}: {exc}"
    )


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def integrity_problem(path: Path) -> str | None:
    """Run SQLite's own check; what is wrong with the file, or None for a sound one.

    Raises ``StoreError`` when the check cannot run for a reason that is not the file's (a
    full or read-only disk, a locked file): such a file is never called damaged.
    """
    if path.stat().st_size == 0 and not _has_wal(path):
        return "empty file (0 bytes)"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2.0)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if is_corruption(exc):
            return str(exc)
        raise unusable(exc, path) from exc
    result = "; ".join(str(r[0]) for r in rows[:5])
    return None if result == "ok" else result


def _keep_damaged(path: Path, now: dt.datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    shutil.move(path, kept)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            shutil.move(side, kept.with_name(kept.name + suffix))
    return kept


def alembic_config(engine: Engine | None = None) -> AlembicConfig:
    """Alembic configured from the package itself (no ini file needed on a kiosk)."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", MIGRATIONS)
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def head_revision() -> str:
    """The newest migration shipped with this version of the kiosk."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    return head or ""


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None: empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the database to the newest revision inside one connection."""
    cfg = alembic_config(engine)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except Exception as exc:
        fault = storage_error(exc, Path(engine.url.database or ".").parent)
        if fault is not None:
            raise fault from exc
        raise StoreError(StoreErrorKind.MIGRATION_FAILED, f"{type(exc).__name__}: {exc}") from exc


def open_database(path: Path, now: dt.datetime | None = None) -> tuple[Engine, OpenReport]:
    """Check, migrate and open the database at ``path``; see the module docstring."""
    from kiosk.store.salvage import salvage  # noqa: PLC0415 - needed only after damage

    now = now or dt.datetime.now()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise unusable(exc, path) from exc
    damaged: Path | None = None
    problem = integrity_problem(path) if path.exists() else None
    if problem is not None:
        try:
            damaged = _keep_damaged(path, now)
        except OSError as exc:
            raise unusable(exc, path) from exc
        log.error("database failed its integrity check (%s); kept as %s", problem, damaged)
    engine = make_engine(path)
    try:
        migrate(engine)
    except StoreError:
        engine.dispose()
        raise
    salvaged = salvage(damaged, engine) if damaged is not None else {}
    revision = current_revision(engine) or ""
    report = OpenReport(path, revision, damaged, problem or "", salvaged)
    return engine, report


MIN_FREE_BYTES = 2 << 20  # the kiosk takes work (again) only with this much room
LOW_FREE_BYTES = 64 << 20  # below this, `kiosk --check` warns


def free_bytes(folder: Path) -> int:
    """Room left for the kiosk on the disk holding ``folder``."""
    st = os.statvfs(folder)
    return st.f_bavail * st.f_frsize


def pragma(engine: Engine, name: str) -> Any:
    """Read one PRAGMA on a fresh connection (for diagnostics and tests)."""
    with engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()
