"""The pull side of the kiosk database: the feed cursor and the rows pulled into it.

Pulled rows never overwrite an entity with a pending outbox entry (SYNC.md rule 5); which
tables, keys, times and references each collection has comes from the registry.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import Column, Connection, Engine, Table, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError

from kiosk.domain.registry import COLLECTIONS
from kiosk.domain.storage import storage_kind
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.store import models as m
from kiosk.store.pull_checks import Refusals, row_refusal, shapes

log = logging.getLogger(__name__)

FEED = "feed"


def table_named(name: str) -> Table:
    """A kiosk table by name (the registry names tables)."""
    return m.Base.metadata.tables[name]


def primary_key(t: Table) -> Column[Any]:
    """The one primary-key column of ``t``."""
    (column,) = t.primary_key.columns
    return column


class ChangeLike(Protocol):
    """A pulled change (``kiosk.sync.client.Change`` fits)."""

    @property
    def collection(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def op(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def data(self) -> dict[str, Any] | None: ...


def _wall(value: Any) -> dt.datetime:
    """An ISO time from the server as the kiosk stores it: Lhasa wall time, no zone."""
    when = dt.datetime.fromisoformat(str(value))
    if when.tzinfo is not None:
        when = when.astimezone(LHASA_TZ).replace(tzinfo=None)
    return when


# What the database says of a row it will not take; a fault of the disk is none of these.
REFUSALS = (IntegrityError, StatementError, ValueError, TypeError)


def _raise_unless_refused(exc: Exception) -> None:
    """Raise ``exc`` again unless it is the row's fault (a fault of the disk or a busy
    database is no row's fault: the page is tried again whole)."""
    if storage_kind(exc) is not None or isinstance(exc, OperationalError):
        raise exc


class PullRepository:
    """The feed cursor and pulled rows, one transaction per call."""

    def __init__(self, engine: Engine, *, checkpoint: bool = True) -> None:
        self.engine = engine
        self.checkpoints = checkpoint  # after each page (bench/db_writer.py compares without)
        self._columns = {
            c.name: {col.name for col in table_named(c.table).columns} for c in COLLECTIONS.values()
        }
        self._shapes = {c.name: shapes(table_named(c.table)) for c in COLLECTIONS.values()}
        self._aliases: dict[str, str] = {}  # the market's id -> the worker filed here

    def feed_cursor(self) -> str | None:
        """The committed feed cursor (None: pull everything)."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(m.SyncStateRow.cursor).where(m.SyncStateRow.collection == FEED)
            ).scalar()

    def _set_cursor(self, conn: Connection, cursor: str | None, now: dt.datetime) -> None:
        stmt = sqlite_insert(m.SyncStateRow).values(
            collection=FEED, cursor=cursor, last_pull_at=now
        )
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["collection"], set_={"cursor": cursor, "last_pull_at": now}
            )
        )

    def restart_feed(self, now: dt.datetime) -> None:
        """Forget the cursor: the next pull starts from the beginning."""
        with self.engine.begin() as conn:
            self._set_cursor(conn, None, now)

    def apply_page(self, changes: Sequence[ChangeLike], cursor: str, now: dt.datetime) -> int:
        """Upsert and delete pulled rows and move the cursor, in one transaction (SYNC.md
        rule 3); then checkpoint the WAL here, on the sync thread (``checkpoint``).

        Consecutive upserts of one collection go to SQLite as one executemany; order is kept
        (an employer before its jobs).
        """
        with self.engine.begin() as conn:
            refusals = Refusals(conn, now)
            self._aliases = dict(
                conn.execute(select(m.WorkerAliasRow.market_id, m.WorkerAliasRow.local_id)).all()
            )
            applied = self._apply(conn, changes, now, self._known(conn), refusals)
            self._set_cursor(conn, cursor, now)
        if self.checkpoints:
            self.checkpoint()
        return applied

    def checkpoint(self) -> None:
        """Copy the WAL into the database now, on the sync thread, waiting for no one
        (PASSIVE). Otherwise the commit that finds the WAL past 1,000 pages does it, and
        during a large pull that is often a UI write, which then takes 50-70 ms instead of
        10-20 (``bench/db_writer.py``)."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")

    @staticmethod
    def _known(conn: Connection) -> dict[str, set[str]]:
        """The keys of every collection a pulled row may refer to."""
        referenced = {r.collection for c in COLLECTIONS.values() for r in c.refs}
        return {
            name: set(
                conn.execute(select(primary_key(table_named(COLLECTIONS[name].table)))).scalars()
            )
            for name in referenced
        }

    def _apply(
        self,
        conn: Connection,
        changes: Sequence[ChangeLike],
        now: dt.datetime,
        known: dict[str, set[str]],
        refusals: Refusals,
    ) -> int:
        applied = 0
        held = set(
            conn.execute(
                select(m.OutboxRow.entity_id).where(m.OutboxRow.state == "pending")
            ).scalars()
        )
        run: list[dict[str, Any]] = []
        run_key: tuple[str, tuple[str, ...]] | None = None
        for ch in changes:
            if ch.id in held:
                continue  # rule 5: never overwrite a row with a pending outbox entry
            if ch.collection not in COLLECTIONS:
                continue  # a newer server's collection: not ours to keep
            if ch.op == "delete":
                applied += self._upsert(conn, run_key, run, refusals)
                run, run_key = [], None
                applied += self._delete(conn, ch.collection, ch.id)
                refusals.cleared(ch.collection, [ch.id])
                continue
            row, problem = self._row(ch, now, known)
            if row is None:
                refusals.refuse(ch.collection, ch.id, ch.version, problem or "unusable")
                continue
            key = (ch.collection, tuple(sorted(row)))
            if key != run_key:
                applied += self._upsert(conn, run_key, run, refusals)
                run, run_key = [], key
            run.append(row)
            if ch.collection in known:
                known[ch.collection].add(ch.id)
        return applied + self._upsert(conn, run_key, run, refusals)

    @staticmethod
    def _upsert(
        conn: Connection,
        key: tuple[str, tuple[str, ...]] | None,
        rows: list[dict[str, Any]],
        refusals: Refusals,
    ) -> int:
        """The run in one statement; when the database refuses it, row by row, and each row
        it refuses is set aside (a fault of the disk is raised: that is no row's fault)."""
        if key is None or not rows:
            return 0
        collection, columns = key
        spec = COLLECTIONS[collection]
        table, pk = table_named(spec.table), spec.key
        stmt = sqlite_insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=[pk], set_={c: stmt.excluded[c] for c in columns if c != pk}
        )
        try:
            with conn.begin_nested():
                conn.execute(stmt, rows)
        except REFUSALS as exc:
            _raise_unless_refused(exc)
            kept = []
            for row in rows:
                try:
                    with conn.begin_nested():
                        conn.execute(stmt, [row])
                    kept.append(row)
                except REFUSALS as one:
                    _raise_unless_refused(one)
                    reason = f"refused by the database ({type(one).__name__})"
                    refusals.refuse(collection, str(row[pk]), int(row.get("version", 0)), reason)
            rows = kept
        refusals.cleared(collection, [str(r[pk]) for r in rows])
        return len(rows)

    def _row(
        self, ch: ChangeLike, now: dt.datetime, known: dict[str, set[str]]
    ) -> tuple[dict[str, Any] | None, str | None]:
        """The row to keep, or None and why it cannot be kept."""
        spec = COLLECTIONS[ch.collection]
        columns = self._columns[ch.collection]
        data = ch.data or {}
        row = {k: v for k, v in data.items() if k in columns}
        row[spec.key] = ch.id
        if row.get("worker_id") in self._aliases:  # merged at the market into one filed here
            row["worker_id"] = self._aliases[row["worker_id"]]
        try:
            for name in spec.datetimes:
                if row.get(name) is not None:
                    row[name] = _wall(row[name])
            if spec.stamped is not None:
                row[spec.stamped] = now.astimezone(LHASA_TZ).replace(tzinfo=None)
            if "version" in columns:
                row["version"] = ch.version
            for ref in spec.refs:
                if row.get(ref.column) in known[ref.collection]:
                    continue
                if ref.required:
                    raise KeyError(f"unknown {ref.collection} in {ref.column}")
                if row.get(ref.column) is not None:
                    row[ref.column] = None
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            return None, str(exc) or type(exc).__name__
        missing = [
            c.name
            for c in table_named(spec.table).columns
            if not c.nullable and c.default is None and c.name not in row
        ]
        if missing:
            return None, f"missing {', '.join(missing)}"
        problem = row_refusal(ch.collection, self._shapes[ch.collection], row)
        return (None, problem) if problem is not None else (row, None)

    @staticmethod
    def _delete(conn: Connection, collection: str, ident: str) -> int:
        spec = COLLECTIONS[collection]
        table = table_named(spec.table)
        where = primary_key(table) == ident
        if spec.kept_when_used is not None:
            user_table, user_column = spec.kept_when_used.split(".")
            used = conn.execute(
                select(func.count()).where(table_named(user_table).c[user_column] == ident)
            ).scalar_one()
            if used:  # rows here point at it: keep it, withdrawn
                conn.execute(update(table).where(where).values(status="withdrawn"))
                return 1
        try:
            with conn.begin_nested():
                return int(conn.execute(delete(table).where(where)).rowcount)
        except Exception:  # noqa: BLE001 - still referenced locally: leave it, say so
            log.warning("pulled delete of %s %s kept: still referenced", collection, ident)
            return 0

    def sweep(self, seen: dict[str, set[str]]) -> int:
        """After a full re-pull: remove pulled rows the server no longer has."""
        removed = 0
        with self.engine.begin() as conn:
            # Dependants first (jobs before their employers): the registry's order, reversed.
            for spec in reversed(list(COLLECTIONS.values())):
                if not spec.swept:
                    continue
                ids = set(conn.execute(select(primary_key(table_named(spec.table)))).scalars())
                for ident in ids - seen.get(spec.name, set()):
                    removed += self._delete(conn, spec.name, ident)
        return removed
