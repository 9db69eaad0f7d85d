"""``complaint.file``: a wage-arrears complaint with the case number the kiosk printed.
It is never refused for what it lacks (no agreement, no employer: staff complete it); a
second one about the same agreement joins the first. Only the agreement's own worker files
about it.
"""

from __future__ import annotations

from sqlalchemy import select

from kiosk.domain.registry import ComplaintFile
from kiosk.sync import wire
from market import cases
from market.handlers.base import Context, Item, Outcome, RejectedError, known_worker
from market.models import Complaint

TYPE = "complaint.file"


def handle(ctx: Context, item: Item[ComplaintFile]) -> Outcome:
    """Keep the complaint and publish its case."""
    p = item.payload
    known_worker(ctx, p.worker_id)
    if p.agreement_code is not None:
        owner = cases.agreement_worker(ctx.s, p.agreement_code)
        if owner is not None and owner != p.worker_id:
            raise RejectedError("not_this_worker")
    if ctx.s.scalar(select(Complaint.id).where(Complaint.case_no == p.case_no)) is not None:
        raise RejectedError("case_no_taken")
    c = cases.file(ctx.s, p, ctx.terminal_id, ctx.now)
    return Outcome(wire.APPLIED, 1, detail={"joined_to": c.joined_to} if c.joined_to else {})
