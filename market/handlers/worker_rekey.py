"""``worker.rekey``: a worker filed before the kiosk had the district's look-up key tapped
their card again, and the kiosk sends the hash under the district's key.

Another worker already holds that hash (the same person filed at another kiosk): this one
is merged into it, and the reply names the one id (``detail.worker_id``).
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from kiosk.domain.registry import WorkerRekey
from kiosk.sync import wire
from market import district
from market.handlers.base import Context, Item, Outcome, known_worker

TYPE = "worker.rekey"


def handle(ctx: Context, item: Item[WorkerRekey]) -> Outcome:
    """Keep the new hash, or merge into the worker who has it."""
    worker = known_worker(ctx, item.payload.worker_id)
    id_hash = item.payload.id_hash
    holder = district.by_hash(ctx.s, id_hash)
    if holder is None or holder.id == worker.id:
        try:
            with ctx.s.begin_nested():
                worker.id_hash = id_hash
                worker.data = {**worker.data, "id_hash": id_hash}
                worker.version += 1
                worker.updated_at = ctx.now
            return Outcome(wire.APPLIED, worker.version)
        except IntegrityError:  # another server process filed the same person just now
            ctx.s.refresh(worker)
            holder = district.by_hash(ctx.s, id_hash)
            if holder is None:
                raise
    district.absorb(ctx.s, worker, holder, ctx.now)
    return Outcome(wire.APPLIED, holder.version, detail={"worker_id": holder.id})
