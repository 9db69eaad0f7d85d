"""``training.wish``: the trade a worker would like to learn; the latest said is kept, so
staff see which courses are wanted (``market-admin training-wishes``)."""

from __future__ import annotations

from kiosk.domain.registry import TrainingWish
from kiosk.sync import wire
from market.handlers.base import Context, Item, Outcome, RejectedError, known_worker
from market.models import Record
from market.models import TrainingWish as Wish

TYPE = "training.wish"


def handle(ctx: Context, item: Item[TrainingWish]) -> Outcome:
    """Keep the worker's wish (a known trade, or none)."""
    p = item.payload
    known_worker(ctx, p.worker_id)
    code = p.job_type_code
    if code is not None and ctx.s.get(Record, ("job_types", code)) is None:
        raise RejectedError("unknown_trade")
    wish = ctx.s.get(Wish, p.worker_id)
    if wish is None:
        ctx.s.add(
            Wish(
                worker_id=p.worker_id,
                job_type_code=code,
                terminal_id=ctx.terminal_id,
                said_at=ctx.now,
            )
        )
    else:
        wish.job_type_code, wish.terminal_id, wish.said_at = code, ctx.terminal_id, ctx.now
    return Outcome(wire.APPLIED, 1)
