"""``worker.register``: a profile filed at a kiosk, appended as a fact.

The same person filed at another kiosk first (the look-up hash is the district's): this one
is merged into that worker, and the reply names the one id (``detail.worker_id``).
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from kiosk.domain.registry import WorkerRegister
from kiosk.sync import wire
from market import district
from market.handlers.base import Context, Item, Outcome, RejectedError
from market.models import Worker

TYPE = "worker.register"


def handle(ctx: Context, item: Item[WorkerRegister]) -> Outcome:
    """A new worker (``exists`` when the id is taken), or an alias of the one filed first."""
    p = item.payload
    if ctx.s.get(Worker, p.worker_id) is not None:
        raise RejectedError("exists")
    first = district.by_hash(ctx.s, p.id_hash)
    if first is None:
        try:
            with ctx.s.begin_nested():
                ctx.s.add(
                    Worker(
                        id=p.worker_id,
                        terminal_id=ctx.terminal_id,
                        data=p.to_wire(),
                        field_versions={},
                        version=1,
                        updated_at=ctx.now,
                        id_hash=p.id_hash,
                    )
                )
            return Outcome(wire.APPLIED, 1)
        except IntegrityError:  # another server process filed the same person just now
            first = district.by_hash(ctx.s, p.id_hash)
            if first is None:
                raise
    district.alias(ctx.s, first, p.worker_id, (ctx.terminal_id, p.to_wire()), ctx.now)
    return Outcome(wire.APPLIED, first.version, detail={"worker_id": first.id})
