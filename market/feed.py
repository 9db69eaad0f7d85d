"""The change feed behind ``GET /v1/changes`` (SYNC.md "Server side").

Each write of a pulled entity replaces that entity's previous change row, so the feed holds
the latest state of every entity plus tombstones, and a kiosk starting from nothing pulls
each entity once. Ordering differs by database, hidden here:

- SQLite has one writer, so the row sequence is commit order: ``xid`` stays 0.
- PostgreSQL sequences can commit out of order, so a reader serving ``seq > last`` would skip
  a row committed late. Rows are stamped with ``pg_current_xact_id()`` and only rows whose
  transaction is older than every running one (``xid < pg_snapshot_xmin(...)``) are served,
  ordered by (xid, seq): nothing can later appear behind a cursor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, text, tuple_
from sqlalchemy.orm import Session

from kiosk.sync.wire import Cursor
from market import notify
from market.models import Change, FeedMeta, Record


class CursorGoneError(Exception):
    """The cursor is older than the tombstone horizon (410 Gone)."""


@dataclass(frozen=True)
class Page:
    """One page of the feed."""

    changes: list[dict[str, Any]]
    next_cursor: Cursor
    has_more: bool


def _is_pg(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def write(
    s: Session,
    collection: str,
    entity_id: str,
    data: dict[str, Any] | None,
    now: dt.datetime,
) -> int:
    """Upsert (``data``) or delete (``None``) an entity and record it in the feed."""
    rec = s.get(Record, (collection, entity_id))
    if rec is None:
        if data is None:
            return 0
        rec = Record(collection=collection, id=entity_id, version=1, data=data, updated_at=now)
        s.add(rec)
    else:
        rec.version += 1
        rec.deleted = data is None
        if data is not None:
            rec.data = data
        rec.updated_at = now
    s.flush()
    s.execute(delete(Change).where(Change.collection == collection, Change.entity_id == entity_id))
    op = "upsert" if data is not None else "delete"
    _record_changes(s, collection, [(entity_id, op, rec.version, data)], now)
    return rec.version


def _record_changes(
    s: Session,
    collection: str,
    changes: list[tuple[str, str, int, dict[str, Any] | None]],
    now: dt.datetime,
) -> None:
    """Append feed rows (id, op, version, data); on PostgreSQL stamped with the writer's xid."""
    stmt = insert(Change)
    if _is_pg(s):
        stmt = stmt.values(xid=text("pg_current_xact_id()::text::bigint"))
    rows = [
        {"collection": collection, "entity_id": i, "op": op, "version": v, "data": d, "at": now}
        for i, op, v, d in changes
    ]
    s.execute(stmt, rows)
    notify.mark(s)


def read(s: Session, collections: list[str], cursor: Cursor, limit: int) -> Page:
    """The changes after ``cursor`` in the given collections, oldest first."""
    if cursor != Cursor() and cursor < horizon(s):
        raise CursorGoneError
    conds = [
        Change.collection.in_(collections),
        tuple_(Change.xid, Change.seq) > tuple_(cursor.xid, cursor.seq)
        if _is_pg(s)
        else or_(Change.xid > cursor.xid, and_(Change.xid == cursor.xid, Change.seq > cursor.seq)),
    ]
    if _is_pg(s):
        conds.append(Change.xid < text("pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))
    rows = s.scalars(
        select(Change).where(*conds).order_by(Change.xid, Change.seq).limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = [
        {
            "collection": r.collection,
            "id": r.entity_id,
            "op": r.op,
            "version": r.version,
            "data": r.data,
        }
        for r in rows
    ]
    last = Cursor(rows[-1].xid, rows[-1].seq) if rows else cursor
    return Page(changes, last, has_more)


def head(s: Session) -> Cursor:
    """The newest position a reader is served now (every collection): a cursor below it
    has something to pull, of some collection."""
    conds = []
    if _is_pg(s):
        conds.append(Change.xid < text("pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))
    row = s.execute(
        select(Change.xid, Change.seq)
        .where(*conds)
        .order_by(Change.xid.desc(), Change.seq.desc())
        .limit(1)
    ).first()
    return Cursor(int(row[0]), int(row[1])) if row else Cursor()


def horizon(s: Session) -> Cursor:
    """The oldest cursor still served."""
    meta = {m.key: m.value for m in s.scalars(select(FeedMeta))}
    return Cursor(meta.get("horizon_xid", 0), meta.get("horizon_seq", 0))


def compact(s: Session, before: dt.datetime) -> int:
    """Drop tombstones older than ``before``; cursors at or below them then answer 410."""
    last = s.execute(
        select(Change.xid, Change.seq)
        .where(Change.op == "delete", Change.at < before)
        .order_by(Change.xid.desc(), Change.seq.desc())
        .limit(1)
    ).first()
    if last is None:
        return 0
    gone = s.execute(delete(Change).where(Change.op == "delete", Change.at < before)).rowcount  # type: ignore[attr-defined]
    mark = Cursor(int(last[0]), int(last[1]))
    for key, value in (("horizon_xid", mark.xid), ("horizon_seq", mark.seq)):
        row = s.get(FeedMeta, key)
        if row is None:
            s.add(FeedMeta(key=key, value=value))
        else:
            row.value = value
    return int(gone)


def size(s: Session) -> int:
    """Rows in the feed (diagnostics)."""
    return int(s.scalar(select(func.count()).select_from(Change)) or 0)


def _rewrite(
    s: Session, collection: str, items: list[tuple[str, dict[str, Any]]], now: dt.datetime
) -> None:
    """Known entities' new states: versions moved, their old feed rows replaced, in three
    statements a chunk (a waiting list moving up writes one row per place)."""
    for start in range(0, len(items), 500):
        chunk = dict(items[start : start + 500])
        records = s.scalars(
            select(Record).where(Record.collection == collection, Record.id.in_(list(chunk)))
        ).all()
        for rec in records:
            rec.version += 1
            rec.deleted = False
            rec.data = chunk[rec.id]
            rec.updated_at = now
        s.flush()
        s.execute(
            delete(Change).where(Change.collection == collection, Change.entity_id.in_(list(chunk)))
        )
        rows: list[tuple[str, str, int, dict[str, Any] | None]] = [
            (r.id, "upsert", r.version, chunk[r.id]) for r in records
        ]
        _record_changes(s, collection, rows, now)


def write_many(
    s: Session, collection: str, items: list[tuple[str, dict[str, Any]]], now: dt.datetime
) -> int:
    """Bulk upsert (imports): new entities in two statements, known ones one by one."""
    ids = [i for i, _ in items]
    known = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        known |= set(
            s.scalars(
                select(Record.id).where(Record.collection == collection, Record.id.in_(chunk))
            )
        )
    fresh = [(i, d) for i, d in items if i not in known]
    _rewrite(s, collection, [(i, d) for i, d in items if i in known], now)
    if fresh:
        s.execute(
            insert(Record),
            [
                {
                    "collection": collection,
                    "id": i,
                    "version": 1,
                    "deleted": False,
                    "data": d,
                    "updated_at": now,
                }
                for i, d in fresh
            ],
        )
        _record_changes(s, collection, [(i, "upsert", 1, d) for i, d in fresh], now)
    return len(items)
