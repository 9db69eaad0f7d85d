"""What every mutation handler gets and returns, and the checks they share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.registry import Payload
from kiosk.sync import wire
from market.models import MutationLog, Worker

P = TypeVar("P", bound=Payload)


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


@dataclass(frozen=True)
class Item(Generic[P]):
    """One mutation with its payload already checked against the registry."""

    seq: int
    mutation_uuid: str
    entity_id: str
    base_version: int | None
    payload: P


def known_worker(ctx: Context, worker_id: str) -> Worker:
    """The worker a mutation names; ``dependency_failed`` when their registration was refused."""
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
