"""``worker.bind_card``: staff bound a chip-only card to a registered worker."""

from __future__ import annotations

from kiosk.domain.registry import WorkerBindCard
from kiosk.sync import wire
from market.handlers.base import Context, Item, Outcome, known_worker

TYPE = "worker.bind_card"


def handle(ctx: Context, item: Item[WorkerBindCard]) -> Outcome:
    """The chip's keyed hash joins the worker's record; a new version."""
    worker = known_worker(ctx, item.payload.worker_id)
    worker.data = {**worker.data, "chip_hash": item.payload.chip_hash}
    worker.version += 1
    worker.updated_at = ctx.now
    return Outcome(wire.APPLIED, worker.version)
