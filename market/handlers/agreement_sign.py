"""``agreement.sign``: a signed agreement, kept exactly as signed (its fingerprint is the
SHA-256 of the document, checked by the payload); a correction supersedes the one it names.
The agreement marks the worker hired for the job (the places rule, ``kiosk.domain.places``).
"""

from __future__ import annotations

import json
import logging

from kiosk.domain.registry import AgreementSign
from kiosk.sync import wire
from market import catalog
from market.handlers.base import Context, Item, Outcome, RejectedError, known_worker
from market.models import Agreement, Application, Record

TYPE = "agreement.sign"
log = logging.getLogger(__name__)


def _employer(ctx: Context, job_id: str) -> str | None:
    job = ctx.s.get(Record, ("jobs", job_id))
    return str(job.data.get("employer_id") or "") or None if job is not None else None


def handle(ctx: Context, item: Item[AgreementSign]) -> Outcome:
    """Keep the agreement; refuse a taken code, a document that names another code, or a
    correction of an unknown or already corrected agreement."""
    p = item.payload
    known_worker(ctx, p.worker_id)
    try:
        signed = json.loads(p.document)
        code = signed["agreement"]["code"]
    except (ValueError, KeyError, TypeError):
        raise RejectedError("document_unreadable") from None
    if code != p.code:
        raise RejectedError("code_mismatch")
    if ctx.s.get(Agreement, p.code) is not None:
        raise RejectedError("code_taken")
    if p.supersedes is not None:
        old = ctx.s.get(Agreement, p.supersedes, with_for_update=True)
        if old is None:
            raise RejectedError("unknown_superseded")
        if old.superseded_by is not None:
            raise RejectedError("already_superseded")
        old.superseded_by = p.code
    ctx.s.add(
        Agreement(
            code=p.code,
            id=p.agreement_id,
            fingerprint=p.fingerprint,
            document=p.document,
            worker_id=p.worker_id,
            job_id=p.job_id,
            application_id=p.application_id,
            terminal_id=ctx.terminal_id,
            received_at=ctx.now,
            employer_id=_employer(ctx, p.job_id),
        )
    )
    ctx.s.flush()
    if p.application_id and p.supersedes is None:
        app = ctx.s.get(Application, p.application_id)
        if app is not None and app.hired_at is None:
            try:
                catalog.hire(ctx.s, p.application_id, ctx.now, by="kiosk")
            except (LookupError, ValueError) as exc:  # signed all the same: the paper counts
                log.warning("agreement %s: not marked hired (%s)", p.code, exc)
    return Outcome(wire.APPLIED, 1)
