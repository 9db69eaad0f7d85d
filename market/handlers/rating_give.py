"""``rating.give``: a worker's rating of the employer after an agreement (one per
agreement; a later one replaces it). It moves the employer's credit."""

from __future__ import annotations

from kiosk.domain.registry import RatingGive
from kiosk.sync import wire
from market import cases, credit
from market.handlers.base import Context, Item, Outcome, RejectedError, known_worker

TYPE = "rating.give"


def handle(ctx: Context, item: Item[RatingGive]) -> Outcome:
    """Keep the rating; refuse one about an unknown agreement or another worker's."""
    p = item.payload
    known_worker(ctx, p.worker_id)
    owner = cases.agreement_worker(ctx.s, p.agreement_code)
    if owner is None:
        raise RejectedError("unknown_agreement")
    if owner != p.worker_id:
        raise RejectedError("not_this_worker")
    try:
        credit.rate_employer(
            ctx.s,
            rating_id=p.rating_id,
            code=p.agreement_code,
            worker_id=p.worker_id,
            face=p.face,
            tags=p.tags,
            now=ctx.now,
        )
    except LookupError:
        raise RejectedError("unknown_agreement") from None
    return Outcome(wire.APPLIED, 1)
