"""``application.create``: "I want this job", a command the server decides.

Places are counted one way on both sides (``kiosk.domain.places``): places left are the
places offered minus the workers hired; applicants are counted and shown, never refused.
"""

from __future__ import annotations

from sqlalchemy import select

from kiosk.domain.places import is_full
from kiosk.domain.registry import ApplicationCreate
from kiosk.sync import wire
from market import catalog
from market.handlers.base import Context, Item, Outcome, RejectedError, known_worker
from market.models import Application, Record

TYPE = "application.create"


def handle(ctx: Context, item: Item[ApplicationCreate]) -> Outcome:
    """Refuse a closed, full or unknown job and a second application; else record it."""
    p = item.payload
    known_worker(ctx, p.worker_id)
    job = ctx.s.get(Record, ("jobs", p.job_id))
    if job is None:
        raise RejectedError("unknown_job")
    if job.deleted or job.data.get("status", "open") != "open":
        raise RejectedError("closed")
    if is_full(int(job.data.get("slots_total", 1)), int(job.data.get("slots_taken", 0))):
        raise RejectedError("full")
    taken = ctx.s.scalar(
        select(Application.id).where(
            Application.worker_id == p.worker_id, Application.job_id == p.job_id
        )
    )
    if taken is not None:
        raise RejectedError("already_applied")
    ctx.s.add(
        Application(
            id=p.application_id,
            worker_id=p.worker_id,
            job_id=p.job_id,
            terminal_id=ctx.terminal_id,
            created_at=ctx.now,
        )
    )
    ctx.s.flush()
    catalog.recount(ctx.s, p.job_id, ctx.now)  # every kiosk sees how many applied
    return Outcome(wire.APPLIED, 1)
