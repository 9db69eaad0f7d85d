"""Outbox rows the kiosk's registry would never queue, to prove the server refuses them alone."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Connection, insert

from kiosk.store import models as m


def queue_unchecked(
    conn: Connection, kind: str, entity_id: str, payload: dict[str, Any], at: dt.datetime
) -> str:
    """A pending outbox row written as-is (no registry check); returns its mutation UUID."""
    mutation_uuid = str(uuid.uuid4())
    conn.execute(
        insert(m.OutboxRow).values(
            mutation_uuid=mutation_uuid,
            type=kind,
            entity_id=entity_id,
            payload=payload,
            captured_at_local=at,
            state="pending",
        )
    )
    return mutation_uuid
