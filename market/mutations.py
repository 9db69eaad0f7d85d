"""Applying a batch of kiosk mutations: per item, in ``seq`` order, each in a SAVEPOINT.

Each item's payload is checked against the registry (``kiosk.domain.registry``) and handed
to the one handler of its type (``market.handlers``). Every result is stored forever under
``(terminal_id, mutation_uuid)`` so a replay, however late, answers ``duplicate``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from kiosk.domain.registry import MUTATIONS, PayloadError
from kiosk.sync import wire
from market import district
from market.handlers import HANDLERS, Handler
from market.handlers.base import Context, Item, Outcome, RejectedError
from market.models import MutationLog

log = logging.getLogger(__name__)


def _checked(s: Session, item: dict[str, Any]) -> tuple[Handler, Item[Any]]:
    """The handler and the typed item, or RejectedError (unknown type, bad payload). A
    worker id the market merged into another worker is read as that worker's."""
    kind = MUTATIONS.get(item["type"])
    handler = HANDLERS.get(item["type"])
    if kind is None or handler is None:
        raise RejectedError("unknown_type")
    try:
        payload = kind.payload.from_wire(item["payload"])
    except PayloadError as exc:
        raise RejectedError(exc.reason) from None
    if payload.entity_id != item["entity_id"]:
        raise RejectedError(f"invalid_payload:{payload.entity_field}")
    base = item.get("base_version")
    if base is not None and (not isinstance(base, int) or isinstance(base, bool)):
        raise RejectedError("invalid_payload:base_version")
    entity = item["entity_id"]
    named = getattr(payload, "worker_id", None)
    if isinstance(named, str) and (one := district.canonical(s, named)) != named:
        payload = dataclasses.replace(payload, **{"worker_id": one})
        entity = one if payload.entity_field == "worker_id" else entity
    return handler, Item(item["seq"], item["mutation_uuid"], entity, base, payload)


MAX_SEQ = (1 << 63) - 1
MAX_ID = 36  # no entity id of ours is longer (a UUID; MutationLog.entity_id holds 36)


def _storable(value: Any, depth: int = 0) -> bool:
    """No NUL anywhere (PostgreSQL's text and jsonb refuse it), no absurd nesting, no
    number a database cannot hold."""
    if isinstance(value, dict | list):
        items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
        return depth < MAX_DEPTH and all(_storable(v, depth + 1) for v in items)
    if isinstance(value, str):
        return "\x00" not in value
    if isinstance(value, int) and not isinstance(value, bool):
        return -MAX_SEQ <= value <= MAX_SEQ
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, bool) or value is None


MAX_DEPTH = 8
_ENVELOPE = (("seq", int), ("mutation_uuid", str), ("type", str), ("entity_id", str))


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _shape(item: Any) -> str | None:
    """None when the envelope is usable, else the reason it is not."""
    if not isinstance(item, dict):
        return "invalid_envelope"
    for key, kind in _ENVELOPE:
        value = item.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            return f"invalid_envelope:{key}"
    checks = (
        (_is_uuid(item["mutation_uuid"]), "invalid_envelope:mutation_uuid"),
        (0 <= item["seq"] <= MAX_SEQ, "invalid_envelope:seq"),
        (0 < len(item["entity_id"]) <= MAX_ID, "invalid_envelope:entity_id"),
        (len(item["type"]) <= MAX_ID, "invalid_envelope:type"),
        (isinstance(item.get("payload"), dict), "invalid_payload"),
        (_storable(item), "invalid_value"),
    )
    return next((reason for ok, reason in checks if not ok), None)


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
    try:
        with s.begin_nested():
            handler, typed = _checked(s, item)
            outcome = handler(ctx, typed)
    except RejectedError as exc:
        outcome = Outcome(wire.REJECTED, error=exc.reason)
    except IntegrityError:
        outcome = Outcome(wire.REJECTED, error="constraint")
    except DataError:  # a value the database cannot hold (too long, out of range)
        outcome = Outcome(wire.REJECTED, error="invalid_value")
    except (TypeError, ValueError, KeyError, AttributeError):  # a payload no check foresaw
        log.warning("mutation %s refused: unusable payload", item["mutation_uuid"], exc_info=True)
        outcome = Outcome(wire.REJECTED, error="invalid_payload")
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
