"""The push side of the kiosk database: outbox batches, their results and what the kiosk
does with each answer (taken from the registry), and the figures staff see.

A batch's results and their effects commit together. The pull side (feed cursor, pulled
rows) is ``kiosk.store.pull``. Nothing personal is logged.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import Connection, Table, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.domain.registry import (
    MUTATIONS,
    Effect,
    KeepServerValues,
    SetStatus,
    SetVersion,
)
from kiosk.store import models as m
from kiosk.store.pull import PullRepository, primary_key, table_named
from kiosk.store.settings import LAST_SYNC, SettingsRepository

log = logging.getLogger(__name__)


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


class SyncRepository(PullRepository):
    """Everything the sync engine reads and writes: the outbox here, pulled rows in
    ``PullRepository``; one transaction per call."""

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
                    if res is not None:
                        _learn_worker_id(conn, row, res)
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
        table = table_named(effect.table)
        where = primary_key(table) == row.entity_id
        if isinstance(effect, SetVersion):
            if res is not None and res.server_version is not None:
                conn.execute(update(table).where(where).values(version=res.server_version))
            return 0
        if isinstance(effect, SetStatus):
            reason = res.error if res is not None else None
            status = reason if reason in effect.reasons else effect.status
            told = res.detail.get("status") if res is not None else None
            if told in effect.told:
                status = str(told)
            conn.execute(update(table).where(where).values(status=status))
            return 0
        return _keep_server_values(conn, effect, table, row, res=res, now=now)

    # -- figures ----------------------------------------------------------------------

    def set_aside(self, limit: int = 5) -> tuple[int, list[tuple[str, str, int, str]]]:
        """Pulled rows set aside: how many, and the latest (collection, id, version, why)."""
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(m.PulledRejectRow)).scalar_one()
            rows = conn.execute(
                select(m.PulledRejectRow)
                .order_by(m.PulledRejectRow.at.desc(), m.PulledRejectRow.row_id)
                .limit(limit)
            ).all()
        return int(total), [(r.collection, r.row_id, r.version, r.reason) for r in rows]

    def last_sync(self) -> dt.datetime | None:
        """When the last cycle completed (kept in ``kiosk_settings``; None: never)."""
        value = SettingsRepository(self.engine).get(LAST_SYNC)
        try:
            return None if value is None else dt.datetime.fromisoformat(value)
        except ValueError:
            return None

    def synced(self, at: dt.datetime) -> None:
        """A cycle completed at ``at``."""
        SettingsRepository(self.engine).put(LAST_SYNC, at.isoformat())

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
        conn.execute(
            update(table).where(primary_key(table) == row.entity_id).values(**column_values)
        )
    return len(server_values)


def _learn_worker_id(conn: Connection, row: Any, res: ResultLike) -> None:
    """The market merged the worker this mutation names into one filed first elsewhere:
    keep its id, so rows pulled under it reach the worker here (issue 17)."""
    one = res.detail.get("worker_id") if isinstance(res.detail, dict) else None
    local = row.payload.get("worker_id") if isinstance(row.payload, dict) else None
    if isinstance(one, str) and isinstance(local, str) and one != local and len(one) <= 36:
        stmt = sqlite_insert(m.WorkerAliasRow).values(market_id=one, local_id=local)
        conn.execute(stmt.on_conflict_do_nothing(index_elements=["market_id"]))
