"""Applying a batch of kiosk mutations: per item, in ``seq`` order, each in a SAVEPOINT.

Facts (registrations, card bindings) are appended; "apply" is a command the server decides
(``rejected: full``); profile edits are compared per field against ``base_version`` and the
server wins (``conflict`` with its values). Every result is stored forever under
``(terminal_id, mutation_uuid)`` so a replay, however late, answers ``duplicate``.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from kiosk.sync import wire
from market.models import Application, MutationLog, Record, Worker

log = logging.getLogger(__name__)

UPDATABLE = ("phone", "language", "expected_wage", "area", "availability", "skills")


class RejectedError(Exception):
    """A mutation the server refuses, with a machine-readable reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Outcome:
    """What one mutation came to."""

    status: str
    server_version: int | None = None
    error: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class Context:
    """The batch being applied."""

    s: Session
    terminal_id: str
    now: dt.datetime
    failed_entities: set[str] = field(default_factory=set)


def _need(payload: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = payload.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise RejectedError(f"invalid_payload:{key}")
    return value


def _worker(ctx: Context, worker_id: str) -> Worker:
    worker = ctx.s.get(Worker, worker_id)
    if worker is not None:
        return worker
    if worker_id in ctx.failed_entities or ctx.s.scalar(
        select(MutationLog.id).where(
            MutationLog.entity_id == worker_id,
            MutationLog.type == "worker.register",
            MutationLog.status == wire.REJECTED,
        )
    ):
        raise RejectedError("dependency_failed")
    raise RejectedError("unknown_worker")


def _register(ctx: Context, m: dict[str, Any]) -> Outcome:
    p = m["payload"]
    worker_id = _need(p, "worker_id", str)
    _need(p, "id_hash", str)
    _need(p, "name", str)
    if worker_id != m["entity_id"]:
        raise RejectedError("invalid_payload:worker_id")
    if ctx.s.get(Worker, worker_id) is not None:
        raise RejectedError("exists")
    ctx.s.add(
        Worker(
            id=worker_id,
            terminal_id=ctx.terminal_id,
            data=dict(p),
            field_versions={},
            version=1,
            updated_at=ctx.now,
        )
    )
    return Outcome(wire.APPLIED, 1)


def _bind_card(ctx: Context, m: dict[str, Any]) -> Outcome:
    p = m["payload"]
    worker = _worker(ctx, _need(p, "worker_id", str))
    chip = _need(p, "chip_hash", str)
    worker.data = {**worker.data, "chip_hash": chip}
    worker.version += 1
    worker.updated_at = ctx.now
    return Outcome(wire.APPLIED, worker.version)


def _update(ctx: Context, m: dict[str, Any]) -> Outcome:
    p = m["payload"]
    worker = _worker(ctx, _need(p, "worker_id", str))
    fields = _need(p, "fields", dict)
    base = m.get("base_version")
    if not isinstance(base, int) or isinstance(base, bool):
        raise RejectedError("invalid_payload:base_version")
    new_version = worker.version + 1
    data, versions = dict(worker.data), dict(worker.field_versions)
    conflicts: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in UPDATABLE:
            continue  # additive protocol: unknown fields are ignored
        last = versions.get(name) or {}
        changed_since = int(last.get("v", 0)) > base and last.get("t") != ctx.terminal_id
        if changed_since and data.get(name) != value:
            conflicts[name] = data.get(name)  # someone else changed it after our base
            continue
        data[name] = value
        versions[name] = {"v": new_version, "t": ctx.terminal_id}
    worker.data, worker.field_versions = data, versions
    worker.version = new_version
    worker.updated_at = ctx.now
    if conflicts:
        return Outcome(wire.CONFLICT, new_version, "server_newer", {"server_values": conflicts})
    return Outcome(wire.APPLIED, new_version)


def _apply_job(ctx: Context, m: dict[str, Any]) -> Outcome:
    p = m["payload"]
    app_id = _need(p, "application_id", str)
    worker_id = _need(p, "worker_id", str)
    job_id = _need(p, "job_id", str)
    _worker(ctx, worker_id)
    job = ctx.s.get(Record, ("jobs", job_id))
    if job is None:
        raise RejectedError("unknown_job")
    if job.deleted or job.data.get("status", "open") != "open":
        raise RejectedError("closed")
    if int(job.data.get("slots_taken", 0)) >= int(job.data.get("slots_total", 1)):
        raise RejectedError("full")
    taken = ctx.s.scalar(
        select(Application.id).where(
            Application.worker_id == worker_id, Application.job_id == job_id
        )
    )
    if taken is not None:
        raise RejectedError("already_applied")
    ctx.s.add(
        Application(
            id=app_id,
            worker_id=worker_id,
            job_id=job_id,
            terminal_id=ctx.terminal_id,
            created_at=ctx.now,
        )
    )
    return Outcome(wire.APPLIED, 1)


HANDLERS: dict[str, Callable[[Context, dict[str, Any]], Outcome]] = {
    "worker.register": _register,
    "worker.bind_card": _bind_card,
    "worker.update": _update,
    "application.create": _apply_job,
}


def _shape(item: Any) -> str | None:
    """None when the envelope is usable, else the reason it is not."""
    if not isinstance(item, dict):
        return "invalid_envelope"
    for key, kind in (("seq", int), ("mutation_uuid", str), ("type", str), ("entity_id", str)):
        if not isinstance(item.get(key), kind):
            return f"invalid_envelope:{key}"
    try:
        uuid.UUID(item["mutation_uuid"])
    except ValueError:
        return "invalid_envelope:mutation_uuid"
    if not isinstance(item.get("payload"), dict):
        return "invalid_payload"
    return None


def _result(seq: Any, mutation_uuid: Any, o: Outcome) -> dict[str, Any]:
    return {
        "seq": seq,
        "mutation_uuid": mutation_uuid,
        "status": o.status,
        "server_version": o.server_version,
        "error": o.error,
        "detail": o.detail or None,
    }


def apply_batch(
    s: Session, terminal_id: str, items: list[Any], now: dt.datetime
) -> list[dict[str, Any]]:
    """Apply ``items`` in seq order; one result per item, in the order received."""
    ctx = Context(s, terminal_id, now)
    order = sorted(
        range(len(items)),
        key=lambda i: (
            items[i]["seq"]
            if isinstance(items[i], dict) and isinstance(items[i].get("seq"), int)
            else -1
        ),
    )
    results: dict[int, dict[str, Any]] = {}
    for i in order:
        item = items[i]
        problem = _shape(item)
        if problem is not None:
            seq = item.get("seq") if isinstance(item, dict) else None
            muuid = item.get("mutation_uuid") if isinstance(item, dict) else None
            results[i] = _result(seq, muuid, Outcome(wire.REJECTED, error=problem))
            continue
        results[i] = _one(ctx, item)
    return [results[i] for i in range(len(items))]


def _one(ctx: Context, item: dict[str, Any]) -> dict[str, Any]:
    s = ctx.s
    seen = s.scalar(
        select(MutationLog).where(
            MutationLog.terminal_id == ctx.terminal_id,
            MutationLog.mutation_uuid == item["mutation_uuid"],
        )
    )
    if seen is not None:
        original = Outcome(wire.DUPLICATE, seen.server_version, seen.error, dict(seen.detail or {}))
        original.detail["original_status"] = seen.status
        if seen.status == wire.REJECTED:
            ctx.failed_entities.add(seen.entity_id)
        return _result(item["seq"], item["mutation_uuid"], original)
    handler = HANDLERS.get(item["type"])
    try:
        with s.begin_nested():
            if handler is None:
                raise RejectedError("unknown_type")
            outcome = handler(ctx, item)
    except RejectedError as exc:
        outcome = Outcome(wire.REJECTED, error=exc.reason)
    except IntegrityError:
        outcome = Outcome(wire.REJECTED, error="constraint")
    except OperationalError:
        log.warning("mutation %s deferred: database busy", item["mutation_uuid"])
        return _result(item["seq"], item["mutation_uuid"], Outcome(wire.RETRY_LATER, error="busy"))
    if outcome.status == wire.REJECTED:
        ctx.failed_entities.add(item["entity_id"])
    s.add(
        MutationLog(
            terminal_id=ctx.terminal_id,
            mutation_uuid=item["mutation_uuid"],
            type=item["type"][:32],
            entity_id=item["entity_id"][:36],
            status=outcome.status,
            server_version=outcome.server_version,
            error=outcome.error,
            detail=outcome.detail or None,
            payload=item["payload"],
            captured_at_local=str(item.get("captured_at_local", ""))[:40] or None,
            received_at=ctx.now,
        )
    )
    s.flush()
    return _result(item["seq"], item["mutation_uuid"], outcome)
