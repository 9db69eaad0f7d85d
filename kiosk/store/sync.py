"""The sync side of the kiosk database: outbox batches, results, the feed cursor, pulled rows.

Each call is one transaction: a page and its cursor commit together (SYNC.md rule 3); a
batch's results and their effects commit together. Pulled rows never overwrite an entity
with a pending outbox entry (rule 5). Nothing personal is logged.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import Column, Connection, Engine, Table, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.domain.registry import (
    COLLECTIONS,
    MUTATIONS,
    Effect,
    KeepServerValues,
    SetStatus,
    SetVersion,
)
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.store import models as m

log = logging.getLogger(__name__)

FEED = "feed"
PAGE_CHUNK = 100  # pulled rows per transaction: what bounds a UI write's wait on sync


def _table(name: str) -> Table:
    return m.Base.metadata.tables[name]


def _key(table: Table) -> Column[Any]:
    (column,) = table.primary_key.columns
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


class ResultLike(Protocol):
    """A server result (``kiosk.sync.client.Result`` fits)."""

    @property
    def mutation_uuid(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def server_version(self) -> int | None: ...
    @property
    def error(self) -> str | None: ...
    @property
    def detail(self) -> dict[str, Any]: ...


def _wall(value: Any) -> dt.datetime:
    """An ISO time from the server as the kiosk stores it: Lhasa wall time, no zone."""
    when = dt.datetime.fromisoformat(str(value))
    if when.tzinfo is not None:
        when = when.astimezone(LHASA_TZ).replace(tzinfo=None)
    return when


class SyncRepository:
    """Everything the sync engine reads and writes, one transaction per call."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._columns = {
            c.name: {col.name for col in _table(c.table).columns} for c in COLLECTIONS.values()
        }

    # -- push -------------------------------------------------------------------------

    def next_batch(self, max_items: int, max_bytes: int) -> tuple[str, list[dict[str, Any]]] | None:
        """The unanswered batch again (same key), else up to ``max_items`` new rows."""
        with self.engine.begin() as conn:
            rows = conn.execute(
                select(m.OutboxRow)
                .where(m.OutboxRow.state == "pending", m.OutboxRow.batch_uuid.is_not(None))
                .order_by(m.OutboxRow.seq)
            ).all()
            if rows:
                return rows[0].batch_uuid, [self._wire(r) for r in rows]
            rows = conn.execute(
                select(m.OutboxRow)
                .where(m.OutboxRow.state == "pending")
                .order_by(m.OutboxRow.seq)
                .limit(max_items)
            ).all()
            items: list[dict[str, Any]] = []
            size = 0
            for r in rows:
                item = self._wire(r)
                size += len(json.dumps(item, separators=(",", ":")).encode())
                if items and size > max_bytes:
                    break
                items.append(item)
            if not items:
                return None
            key = str(uuid.uuid4())
            conn.execute(
                update(m.OutboxRow)
                .where(m.OutboxRow.seq.in_([i["seq"] for i in items]))
                .values(batch_uuid=key)
            )
            return key, items

    @staticmethod
    def _wire(r: Any) -> dict[str, Any]:
        captured = r.captured_at_local
        return {
            "seq": r.seq,
            "mutation_uuid": r.mutation_uuid,
            "type": r.type,
            "entity_id": r.entity_id,
            "base_version": r.base_version,
            "payload": r.payload,
            "captured_at_local": captured.isoformat() if captured else None,
        }

    def record_results(
        self, batch_key: str, results: Sequence[ResultLike], now: dt.datetime
    ) -> tuple[int, int, int, int]:
        """Apply results; returns (done, rejected, conflicts, retry)."""
        done = rejected = conflicts = retry = 0
        by_uuid = {r.mutation_uuid: r for r in results}
        with self.engine.begin() as conn:
            rows = conn.execute(
                select(m.OutboxRow).where(m.OutboxRow.batch_uuid == batch_key)
            ).all()
            for row in rows:
                kind = MUTATIONS.get(row.type)  # None: a type this version no longer knows
                res = by_uuid.get(row.mutation_uuid)
                status = res.status if res else "retry_later"
                if status == "duplicate" and res is not None:
                    status = str(res.detail.get("original_status", "applied"))
                values: dict[str, Any] = {"attempts": row.attempts + 1}
                if res is None or status == "retry_later":
                    values.update(batch_uuid=None, last_error=res.error if res else "no_result")
                    retry += 1
                elif status == "rejected":
                    values.update(state="rejected", last_error=res.error or "rejected")
                    log.warning(
                        "mutation %s (%s) rejected: %s", row.mutation_uuid, row.type, res.error
                    )
                    self._effect(conn, kind.on_rejected if kind else None, row, res, now)
                    rejected += 1
                else:
                    values.update(state="done", last_error=None)
                    if status == "conflict" and kind is not None:
                        conflicts += self._effect(conn, kind.on_conflict, row, res, now)
                    self._effect(conn, kind.on_applied if kind else None, row, res, now)
                    done += 1
                conn.execute(update(m.OutboxRow).where(m.OutboxRow.seq == row.seq).values(**values))
        return done, rejected, conflicts, retry

    @staticmethod
    def _effect(
        conn: Connection, effect: Effect | None, row: Any, res: ResultLike | None, now: dt.datetime
    ) -> int:
        """Do what the registry says the kiosk does with this answer; returns conflicts kept."""
        if effect is None:
            return 0
        table = _table(effect.table)
        where = _key(table) == row.entity_id
        if isinstance(effect, SetVersion):
            if res is not None and res.server_version is not None:
                conn.execute(update(table).where(where).values(version=res.server_version))
            return 0
        if isinstance(effect, SetStatus):
            reason = res.error if res is not None else None
            status = reason if reason in effect.reasons else effect.status
            conn.execute(update(table).where(where).values(status=status))
            return 0
        return _keep_server_values(conn, effect, table, row, res=res, now=now)

    # -- pull -------------------------------------------------------------------------

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
        """Upsert and delete pulled rows, then move the cursor.

        The rows go in chunks of PAGE_CHUNK, each a short transaction of its own, so a UI
        write never waits for a whole page (``bench/db_writer.py``); the cursor commits with
        the last chunk, so a crash mid-page pulls the page again and its idempotent upserts
        apply again: nothing is skipped (SYNC.md rule 3's purpose). Consecutive upserts of
        one collection go to SQLite as one executemany; order is kept (an employer before
        its jobs).
        """
        applied = 0
        chunks = [changes[i : i + PAGE_CHUNK] for i in range(0, len(changes), PAGE_CHUNK)]
        known: dict[str, set[str]] | None = None
        for n, chunk in enumerate(chunks or [[]]):
            with self.engine.begin() as conn:
                if known is None:
                    known = self._known(conn)
                applied += self._apply(conn, chunk, now, known)
                if n == max(0, len(chunks) - 1):
                    self._set_cursor(conn, cursor, now)
        return applied

    @staticmethod
    def _known(conn: Connection) -> dict[str, set[str]]:
        """The keys of every collection a pulled row may refer to."""
        referenced = {r.collection for c in COLLECTIONS.values() for r in c.refs}
        return {
            name: set(conn.execute(select(_key(_table(COLLECTIONS[name].table)))).scalars())
            for name in referenced
        }

    def _apply(
        self,
        conn: Connection,
        changes: Sequence[ChangeLike],
        now: dt.datetime,
        known: dict[str, set[str]],
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
                applied += self._upsert(conn, run_key, run)
                run, run_key = [], None
                applied += self._delete(conn, ch.collection, ch.id)
                continue
            row = self._row(ch, now, known)
            if row is None:
                continue
            key = (ch.collection, tuple(sorted(row)))
            if key != run_key:
                applied += self._upsert(conn, run_key, run)
                run, run_key = [], key
            run.append(row)
            if ch.collection in known:
                known[ch.collection].add(ch.id)
        return applied + self._upsert(conn, run_key, run)

    @staticmethod
    def _upsert(
        conn: Connection, key: tuple[str, tuple[str, ...]] | None, rows: list[dict[str, Any]]
    ) -> int:
        if key is None or not rows:
            return 0
        collection, columns = key
        spec = COLLECTIONS[collection]
        table, pk = _table(spec.table), spec.key
        stmt = sqlite_insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=[pk], set_={c: stmt.excluded[c] for c in columns if c != pk}
        )
        conn.execute(stmt, rows)
        return len(rows)

    def _row(
        self, ch: ChangeLike, now: dt.datetime, known: dict[str, set[str]]
    ) -> dict[str, Any] | None:
        spec = COLLECTIONS[ch.collection]
        columns = self._columns[ch.collection]
        data = ch.data or {}
        row = {k: v for k, v in data.items() if k in columns}
        row[spec.key] = ch.id
        try:
            for name in spec.datetimes:
                if name in row:
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
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("pulled %s %s skipped: %s", ch.collection, ch.id, exc)
            return None
        missing = [
            c.name
            for c in _table(spec.table).columns
            if not c.nullable and c.default is None and c.name not in row
        ]
        if missing:
            log.warning("pulled %s %s skipped: missing %s", ch.collection, ch.id, missing)
            return None
        return row

    @staticmethod
    def _delete(conn: Connection, collection: str, ident: str) -> int:
        spec = COLLECTIONS[collection]
        table = _table(spec.table)
        where = _key(table) == ident
        if spec.kept_when_used is not None:
            user_table, user_column = spec.kept_when_used.split(".")
            used = conn.execute(
                select(func.count()).where(_table(user_table).c[user_column] == ident)
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
                ids = set(conn.execute(select(_key(_table(spec.table)))).scalars())
                for ident in ids - seen.get(spec.name, set()):
                    removed += self._delete(conn, spec.name, ident)
        return removed

    # -- figures ----------------------------------------------------------------------

    def waiting(self) -> tuple[int, int, int]:
        """(pending, rejected, conflicts)."""
        with self.engine.connect() as conn:
            counts = dict(
                conn.execute(
                    select(m.OutboxRow.state, func.count()).group_by(m.OutboxRow.state)
                ).all()
            )
            conflicts = conn.execute(select(func.count()).select_from(m.ConflictRow)).scalar_one()
        return int(counts.get("pending", 0)), int(counts.get("rejected", 0)), int(conflicts)

    def rejected(self, limit: int = 20) -> list[tuple[str, str, dt.datetime]]:
        """Mutations the server refused, for staff: (type, reason, when captured), newest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(m.OutboxRow.type, m.OutboxRow.last_error, m.OutboxRow.captured_at_local)
                .where(m.OutboxRow.state == "rejected")
                .order_by(m.OutboxRow.seq.desc())
                .limit(limit)
            ).all()
        return [(t, e or "", c) for t, e, c in rows]


def _keep_server_values(
    conn: Connection,
    effect: KeepServerValues,
    table: Table,
    row: Any,
    *,
    res: ResultLike | None,
    now: dt.datetime,
) -> int:
    """The server won: keep our value for staff, take the server's value locally."""
    server_values = res.detail.get("server_values") if res is not None else None
    if not isinstance(server_values, dict):
        return 0
    ours = row.payload.get("fields", {}) if isinstance(row.payload, dict) else {}
    column_values = {}
    for name, server_value in server_values.items():
        conn.execute(
            insert(m.ConflictRow).values(
                mutation_uuid=row.mutation_uuid,
                field=str(name)[:64],
                kiosk_value=json.dumps(ours.get(name), ensure_ascii=False),
                server_value=json.dumps(server_value, ensure_ascii=False),
                created_at=now,
            )
        )
        if name in effect.columns:
            column_values[effect.columns[name]] = server_value
    if column_values:
        conn.execute(update(table).where(_key(table) == row.entity_id).values(**column_values))
    return len(server_values)
