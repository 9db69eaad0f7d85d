"""``worker.rekey``: a worker filed before the kiosk had the district's look-up key tapped
their card again, and the kiosk sends the hash under the district's key.

Another worker already holds that hash (the same person filed at another kiosk): this one
is merged into it, and the reply names the one id (``detail.worker_id``).
"""

from __future__ import annotations

from kiosk.domain.registry import WorkerRekey
from kiosk.sync import wire
from market import district
from market.handlers.base import Context, Item, Outcome, known_worker

TYPE = "worker.rekey"


def handle(ctx: Context, item: Item[WorkerRekey]) -> Outcome:
    """Keep the new hash, or merge into the worker who has it."""
    worker = known_worker(ctx, item.payload.worker_id)
    holder = district.by_hash(ctx.s, item.payload.id_hash)
    if holder is not None and holder.id != worker.id:
        district.absorb(ctx.s, worker, holder, ctx.now)
        return Outcome(wire.APPLIED, holder.version, detail={"worker_id": holder.id})
    worker.id_hash = item.payload.id_hash
    worker.data = {**worker.data, "id_hash": item.payload.id_hash}
    worker.version += 1
    worker.updated_at = ctx.now
    return Outcome(wire.APPLIED, worker.version)
