"""Queueing a mutation for the market server inside the caller's transaction (SYNC.md rule 1)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Connection, insert

from kiosk.domain.registry import Payload, type_of
from kiosk.store import models as m


def queue_mutation(
    conn: Connection,
    payload: Payload,
    captured_at: dt.datetime,
    *,
    base_version: int | None = None,
) -> str:
    """Add one pending outbox row for a registered payload; return its fresh mutation UUID.

    The type, entity and schema version come from the registry, and the payload is checked
    as the server will check it, so a kiosk never queues what the server must refuse.
    """
    kind = type_of(payload)
    wire = payload.to_wire()
    kind.payload.from_wire(wire)  # raises PayloadError naming the field
    if kind.needs_base_version and base_version is None:
        raise ValueError(f"{kind.name} needs the version it was based on")
    mutation_uuid = str(uuid.uuid4())
    conn.execute(
        insert(m.OutboxRow).values(
            mutation_uuid=mutation_uuid,
            type=kind.name,
            entity_id=payload.entity_id,
            base_version=base_version,
            payload=wire,
            captured_at_local=captured_at,
            state="pending",
        )
    )
    return mutation_uuid
