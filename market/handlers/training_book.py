"""``training.book``: a seat in a course, or a place on its waiting list (the market
counts; ``market/training.py``). A second active booking of one course is refused."""

from __future__ import annotations

from kiosk.domain.registry import TrainingBook
from kiosk.sync import wire
from market import training
from market.handlers.base import Context, Item, Outcome, RejectedError, known_worker

TYPE = "training.book"


def handle(ctx: Context, item: Item[TrainingBook]) -> Outcome:
    """Book, answering the status (booked or waiting) and the place on the list."""
    p = item.payload
    known_worker(ctx, p.worker_id)
    try:
        status, place = training.book(
            ctx.s, p.booking_id, p.training_id, p.worker_id, terminal=ctx.terminal_id, now=ctx.now
        )
    except training.RefusedError as exc:
        raise RejectedError(exc.reason) from None
    return Outcome(wire.APPLIED, 1, detail={"status": status, "position": place})
