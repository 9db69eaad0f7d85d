"""Carrying what is still readable out of a damaged database into the fresh one.

When a file is really damaged, the waiting work in it (the outbox, the workers filed here,
their applications, agreements, pay answers, complaints...) must still reach the server
(issue 17). Every table of the new schema is read from the damaged copy row by row, past
unreadable stretches, and its readable rows go into the new database as they were (the
columns both have; rows that break a rule are left out). The feed cursor is not carried:
the next pull starts from the beginning, and its sweep removes whatever the server no longer
has. Only counts are logged, never a row.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from kiosk.store import models as m

log = logging.getLogger(__name__)

NOT_CARRIED = {"alembic_version", "sync_state"}
MAX_SKIPS = 40  # give up on a table after this many unreadable stretches
CHUNK = 500


def _rows(src: sqlite3.Connection, table: str, columns: list[str]) -> Iterator[tuple[Any, ...]]:
    """Readable rows in rowid order; an unreadable stretch is stepped over, growing steps."""
    names = ", ".join(f'"{c}"' for c in columns)
    last, step, skips = -(1 << 62), 1, 0
    while skips <= MAX_SKIPS:
        try:
            cur = src.execute(
                f'SELECT rowid, {names} FROM "{table}" WHERE rowid > ? ORDER BY rowid',
                (last,),
            )
            for row in cur:
                last, step = row[0], 1
                yield tuple(row[1:])
            return
        except sqlite3.DatabaseError:
            skips += 1
            last, step = last + step, step * 2


def _columns(src: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [str(r[1]) for r in src.execute(f'PRAGMA table_info("{table}")')]
    except sqlite3.DatabaseError:
        return []


def salvage(damaged: Path, engine: Engine) -> dict[str, int]:
    """Copy readable rows of ``damaged`` into ``engine``'s database; rows kept per table."""
    kept: dict[str, int] = {}
    try:
        src = sqlite3.connect(f"file:{damaged}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        log.error("damaged copy cannot be read at all (%s)", type(exc).__name__)
        return kept
    raw = engine.raw_connection()
    try:
        dst = raw.driver_connection
        assert isinstance(dst, sqlite3.Connection)
        dst.execute("PRAGMA foreign_keys=OFF")  # a parent may be among the unreadable rows
        for table in m.Base.metadata.sorted_tables:
            if table.name in NOT_CARRIED:
                continue
            have = set(_columns(src, table.name))
            columns = [c.name for c in table.columns if c.name in have]
            if not columns:
                continue
            kept[table.name] = _copy(src, dst, table.name, columns)
        dst.commit()
        dst.execute("PRAGMA foreign_keys=ON")
    finally:
        raw.close()
        src.close()
    kept = {name: n for name, n in kept.items() if n}
    log.warning("carried out of the damaged copy: %s", kept or "nothing readable")
    return kept


def _copy(src: sqlite3.Connection, dst: sqlite3.Connection, table: str, columns: list[str]) -> int:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({marks})'
    before = dst.total_changes
    chunk: list[tuple[Any, ...]] = []
    for row in _rows(src, table, columns):
        chunk.append(row)
        if len(chunk) >= CHUNK:
            dst.executemany(sql, chunk)
            chunk = []
    if chunk:
        dst.executemany(sql, chunk)
    return dst.total_changes - before
