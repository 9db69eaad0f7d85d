"""``pay.confirm``: a worker's answer about an agreement's pay, kept beside earlier ones
(the market's credit record is built from them). Only the agreement's own worker answers.
"""

from __future__ import annotations

from kiosk.domain.registry import PayConfirm
from kiosk.sync import wire
from market.handlers.base import Context, Item, Outcome, RejectedError, known_worker
from market.models import Agreement, PayAnswer

TYPE = "pay.confirm"


def handle(ctx: Context, item: Item[PayConfirm]) -> Outcome:
    """Keep the answer; refuse one about an unknown agreement or another worker's."""
    p = item.payload
    known_worker(ctx, p.worker_id)
    agreement = ctx.s.get(Agreement, p.agreement_code)
    if agreement is None:
        raise RejectedError("unknown_agreement")
    if agreement.worker_id != p.worker_id:
        raise RejectedError("not_this_worker")
    ctx.s.add(
        PayAnswer(
            id=p.answer_id,
            agreement_code=p.agreement_code,
            worker_id=p.worker_id,
            answer=p.answer,
            terminal_id=ctx.terminal_id,
            received_at=ctx.now,
        )
    )
    return Outcome(wire.APPLIED, 1)
