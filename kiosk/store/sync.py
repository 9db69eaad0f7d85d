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

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.domain.timeutil import LHASA_TZ
from kiosk.store import models as m

log = logging.getLogger(__name__)

FEED = "feed"

# collection -> (table, primary key, datetime columns)
TABLES: dict[str, tuple[type[m.Base], str, tuple[str, ...]]] = {
    "job_types": (m.JobTypeRow, "code", ()),
    "places": (m.PlaceRow, "code", ()),
    "employers": (m.EmployerRow, "id", ("updated_at",)),
    "trainings": (m.TrainingRow, "id", ("starts_at",)),
    "jobs": (m.JobRow, "id", ("starts_at", "ends_at", "posted_at")),
}

# worker.update field -> workers column
WORKER_FIELDS = {
    "phone": "phone",
    "language": "preferred_lang",
    "expected_wage": "expected_wage",
    "area": "home_place_code",
}


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
            name: {c.name for c in table.__table__.columns}
            for name, (table, _pk, _dts) in TABLES.items()
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
                    self._rejected(conn, row, res.error or "rejected")
                    rejected += 1
                else:
                    values.update(state="done", last_error=None)
                    if status == "conflict":
                        conflicts += self._conflict(conn, row, res, now)
                    self._applied(conn, row, res.server_version)
                    done += 1
                conn.execute(update(m.OutboxRow).where(m.OutboxRow.seq == row.seq).values(**values))
        return done, rejected, conflicts, retry

    @staticmethod
    def _applied(conn: Connection, row: Any, version: int | None) -> None:
        if row.type.startswith("worker.") and version is not None:
            conn.execute(
                update(m.WorkerRow).where(m.WorkerRow.id == row.entity_id).values(version=version)
            )
        elif row.type == "application.create":
            conn.execute(
                update(m.ApplicationRow)
                .where(m.ApplicationRow.id == row.entity_id)
                .values(status="sent")
            )

    @staticmethod
    def _rejected(conn: Connection, row: Any, reason: str) -> None:
        if row.type == "application.create":
            status = reason if reason in {"full", "closed"} else "rejected"
            conn.execute(
                update(m.ApplicationRow)
                .where(m.ApplicationRow.id == row.entity_id)
                .values(status=status)
            )
        log.warning("mutation %s (%s) rejected: %s", row.mutation_uuid, row.type, reason)

    @staticmethod
    def _conflict(conn: Connection, row: Any, res: ResultLike, now: dt.datetime) -> int:
        """The server won: keep our value for staff, take the server's value locally."""
        server_values = res.detail.get("server_values")
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
            if name in WORKER_FIELDS:
                column_values[WORKER_FIELDS[name]] = server_value
        if column_values:
            conn.execute(
                update(m.WorkerRow).where(m.WorkerRow.id == row.entity_id).values(**column_values)
            )
        return len(server_values)

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
        """Upsert and delete pulled rows and move the cursor, in one transaction.

        Consecutive upserts of one collection go to SQLite as one executemany, so a page of
        500 costs a handful of statements; order is kept (an employer before its jobs).
        """
        applied = 0
        with self.engine.begin() as conn:
            held = set(
                conn.execute(
                    select(m.OutboxRow.entity_id).where(m.OutboxRow.state == "pending")
                ).scalars()
            )
            known = {
                "job_types": set(conn.execute(select(m.JobTypeRow.code)).scalars()),
                "employers": set(conn.execute(select(m.EmployerRow.id)).scalars()),
                "places": set(conn.execute(select(m.PlaceRow.code)).scalars()),
            }
            run: list[dict[str, Any]] = []
            run_key: tuple[str, tuple[str, ...]] | None = None
            for ch in changes:
                if ch.id in held:
                    continue  # rule 5: never overwrite a row with a pending outbox entry
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
            applied += self._upsert(conn, run_key, run)
            self._set_cursor(conn, cursor, now)
        return applied

    @staticmethod
    def _upsert(
        conn: Connection, key: tuple[str, tuple[str, ...]] | None, rows: list[dict[str, Any]]
    ) -> int:
        if key is None or not rows:
            return 0
        collection, columns = key
        table, pk, _ = TABLES[collection]
        stmt = sqlite_insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=[pk], set_={c: stmt.excluded[c] for c in columns if c != pk}
        )
        conn.execute(stmt, rows)
        return len(rows)

    def _row(
        self, ch: ChangeLike, now: dt.datetime, known: dict[str, set[str]]
    ) -> dict[str, Any] | None:
        table, pk, dts = TABLES[ch.collection]
        data = ch.data or {}
        row = {k: v for k, v in data.items() if k in self._columns[ch.collection]}
        row[pk] = ch.id
        try:
            for name in dts:
                if name in row:
                    row[name] = _wall(row[name])
            if ch.collection == "employers":
                row["updated_at"] = now.astimezone(LHASA_TZ).replace(tzinfo=None)
            if "version" in self._columns[ch.collection]:
                row["version"] = ch.version
            if ch.collection == "jobs":
                self._check_refs(row, known)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("pulled %s %s skipped: %s", ch.collection, ch.id, exc)
            return None
        missing = [
            c.name
            for c in table.__table__.columns
            if not c.nullable and c.default is None and c.name not in row
        ]
        if missing:
            log.warning("pulled %s %s skipped: missing %s", ch.collection, ch.id, missing)
            return None
        return row

    @staticmethod
    def _check_refs(row: dict[str, Any], known: dict[str, set[str]]) -> None:
        if row.get("job_type_code") not in known["job_types"]:
            raise KeyError("unknown trade")
        if row.get("employer_id") not in known["employers"]:
            raise KeyError("unknown employer")
        if row.get("place_code") is not None and row["place_code"] not in known["places"]:
            row["place_code"] = None

    @staticmethod
    def _delete(conn: Connection, collection: str, ident: str) -> int:
        table, pk, _ = TABLES[collection]
        column = getattr(table, pk)
        if collection == "jobs":
            used = conn.execute(
                select(func.count()).where(m.ApplicationRow.job_id == ident)
            ).scalar_one()
            if used:  # applications point at it: keep it, closed
                conn.execute(
                    update(m.JobRow).where(m.JobRow.id == ident).values(status="withdrawn")
                )
                return 1
        try:
            with conn.begin_nested():
                return int(conn.execute(delete(table).where(column == ident)).rowcount)
        except Exception:  # noqa: BLE001 - still referenced locally: leave it, say so
            log.warning("pulled delete of %s %s kept: still referenced", collection, ident)
            return 0

    def sweep(self, seen: dict[str, set[str]]) -> int:
        """After a full re-pull: remove pulled rows the server no longer has."""
        removed = 0
        with self.engine.begin() as conn:
            for collection in ("jobs", "trainings", "employers"):
                table, pk, _ = TABLES[collection]
                ids = set(conn.execute(select(getattr(table, pk))).scalars())
                for ident in ids - seen.get(collection, set()):
                    removed += self._delete(conn, collection, ident)
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
