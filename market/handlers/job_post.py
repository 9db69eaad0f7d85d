"""``job.post``: a one-day job an employer posted at a station kiosk after tapping their ID
card there (issue 15, fast recruitment). Its id is the kiosk's, so the station's own row and
the market's are one job. A person whose card the kiosk read is verified by it (their held
web jobs are published too); a company's job waits for staff, as on the web pages."""

from __future__ import annotations

import datetime as dt

from kiosk.domain.registry import JobPost
from kiosk.sync import wire
from market import employers
from market.handlers.base import Context, Item, Outcome, RejectedError
from market.models import EmployerAccount, Record

TYPE = "job.post"


def handle(ctx: Context, item: Item[JobPost]) -> Outcome:
    """Refuse an unknown employer or trade and a reused id; else post (or hold) the job."""
    p = item.payload
    if ctx.s.get(Record, ("jobs", p.job_id)) is not None:
        raise RejectedError("already_posted")
    account = ctx.s.get(EmployerAccount, p.employer_id)
    if account is not None and account.kind == "person" and account.verified_at is None:
        employers.verify(ctx.s, p.employer_id, ctx.now)  # the card was read at the station
    try:
        employers.post(
            ctx.s, p.employer_id, ctx.now,
            job_id=p.job_id, trade=p.job_type_code, title=p.title_zh, wage=p.day_wage,
            starts_at=dt.datetime.fromisoformat(p.starts_at), days=1, slots=p.slots,
            place_code=p.place_code, address=p.address_zh,
        )  # fmt: skip
    except LookupError as exc:
        raise RejectedError(
            "unknown_trade" if "trade" in str(exc) else "unknown_employer"
        ) from None
    except ValueError:
        raise RejectedError("invalid_payload:day_wage") from None
    return Outcome(wire.APPLIED, 1)
