"""Opening the kiosk database: durability settings, integrity check, migrations.

SYNC.md rule 1: WAL, ``synchronous=FULL`` and foreign keys on every connection. A file that
fails the integrity check is moved aside (kept for a technician, never deleted) and a fresh
database is started, so the kiosk keeps serving; the move is reported, never silent.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry

from kiosk.domain.errors import StoreError, StoreErrorKind

log = logging.getLogger(__name__)

MIGRATIONS = "kiosk.store:migrations"


@dataclass(frozen=True)
class OpenReport:
    """What happened while opening: where a damaged file was kept, which revision runs."""

    path: Path
    revision: str
    damaged_copy: Path | None = None


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


def integrity_problem(path: Path) -> str | None:
    """Run SQLite's own check; return what is wrong, or None for a sound file."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
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
        raise StoreError(StoreErrorKind.MIGRATION_FAILED, f"{type(exc).__name__}: {exc}") from exc


def open_database(path: Path, now: dt.datetime | None = None) -> tuple[Engine, OpenReport]:
    """Check, migrate and open the database at ``path``; see the module docstring."""
    now = now or dt.datetime.now()
    path.parent.mkdir(parents=True, exist_ok=True)
    damaged: Path | None = None
    if path.exists() and path.stat().st_size > 0:
        problem = integrity_problem(path)
        if problem is not None:
            damaged = _keep_damaged(path, now)
            log.error("database failed its integrity check (%s); kept as %s", problem, damaged)
    engine = make_engine(path)
    try:
        migrate(engine)
    except StoreError:
        engine.dispose()
        raise
    revision = current_revision(engine) or ""
    return engine, OpenReport(path=path, revision=revision, damaged_copy=damaged)


def pragma(engine: Engine, name: str) -> Any:
    """Read one PRAGMA on a fresh connection (for diagnostics and tests)."""
    with engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()
