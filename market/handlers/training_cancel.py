"""``training.cancel``: a booking given up; a freed seat goes to the first waiting. A
booking cancelled already is cancelled again without effect (exactly once)."""

from __future__ import annotations

from kiosk.domain.registry import TrainingCancel
from kiosk.sync import wire
from market import training
from market.handlers.base import Context, Item, Outcome, RejectedError, known_worker

TYPE = "training.cancel"


def handle(ctx: Context, item: Item[TrainingCancel]) -> Outcome:
    """Cancel; only the booking's own worker may."""
    p = item.payload
    known_worker(ctx, p.worker_id)
    try:
        training.cancel(ctx.s, p.booking_id, p.worker_id, ctx.now)
    except training.RefusedError as exc:
        raise RejectedError(exc.reason) from None
    return Outcome(wire.APPLIED, 1)
