"""``pay.confirm``: a worker's answer about an agreement's pay, kept beside earlier ones;
the employer's credit moves with them (``market.credit``). Only the agreement's own worker
answers.
"""

from __future__ import annotations

from kiosk.domain.registry import PayConfirm
from kiosk.sync import wire
from market import credit
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
    employer_id = credit.employer_of_agreement(ctx.s, p.agreement_code)
    if employer_id is not None:
        credit.refresh(ctx.s, employer_id, ctx.now)
    return Outcome(wire.APPLIED, 1)
