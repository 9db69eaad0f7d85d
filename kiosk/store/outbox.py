"""Queueing a mutation for the market server inside the caller's transaction (SYNC.md rule 1)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Connection, insert

from kiosk.store import models as m


def queue_mutation(
    conn: Connection,
    kind: str,
    entity_id: str,
    payload: dict[str, Any],
    captured_at: dt.datetime,
    *,
    base_version: int | None = None,
) -> str:
    """Add one pending outbox row with a fresh mutation UUID; return that UUID."""
    mutation_uuid = str(uuid.uuid4())
    conn.execute(
        insert(m.OutboxRow).values(
            mutation_uuid=mutation_uuid,
            type=kind,
            entity_id=entity_id,
            base_version=base_version,
            payload=payload,
            captured_at_local=captured_at,
            state="pending",
        )
    )
    return mutation_uuid
