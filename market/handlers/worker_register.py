"""``worker.register``: a profile filed at a kiosk, appended as a fact."""

from __future__ import annotations

from kiosk.domain.registry import WorkerRegister
from kiosk.sync import wire
from market.handlers.base import Context, Item, Outcome, RejectedError
from market.models import Worker

TYPE = "worker.register"


def handle(ctx: Context, item: Item[WorkerRegister]) -> Outcome:
    """A new worker (``exists`` when the id is taken)."""
    p = item.payload
    if ctx.s.get(Worker, p.worker_id) is not None:
        raise RejectedError("exists")
    ctx.s.add(
        Worker(
            id=p.worker_id,
            terminal_id=ctx.terminal_id,
            data=p.to_wire(),
            field_versions={},
            version=1,
            updated_at=ctx.now,
        )
    )
    return Outcome(wire.APPLIED, 1)
