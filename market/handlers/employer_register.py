"""``employer.register``: a person who hires, registered by station staff from the ID card
they tapped at the kiosk (issue 15, fast recruitment). The card was read in front of staff,
so the employer is verified as a person at once; they have no password for the web pages
until they sign up there (the same number is then refused as taken: staff can tell them)."""

from __future__ import annotations

from sqlalchemy import select

from kiosk.domain.registry import EmployerRegister
from kiosk.sync import wire
from market import feed
from market.employers import record_of
from market.handlers.base import Context, Item, Outcome, RejectedError
from market.models import EmployerAccount, Record

TYPE = "employer.register"
NO_PASSWORD = "!station"  # never a scrypt hash: web sign-in refuses it


def handle(ctx: Context, item: Item[EmployerRegister]) -> Outcome:
    """Refuse a number or phone already signed up; else publish the verified employer."""
    p = item.payload
    if ctx.s.get(Record, ("employers", p.employer_id)) is not None:
        raise RejectedError("already_registered")
    if ctx.s.scalar(select(EmployerAccount.id).where(EmployerAccount.id_hash == p.card_hash)):
        raise RejectedError("number_taken")
    if ctx.s.scalar(select(EmployerAccount.id).where(EmployerAccount.phone == p.phone)):
        raise RejectedError("phone_taken")
    ctx.s.add(
        EmployerAccount(
            id=p.employer_id,
            phone=p.phone,
            password_hash=NO_PASSWORD,
            kind="person",
            name=p.name.strip(),
            id_or_code=p.id_masked,
            id_hash=p.card_hash,
            created_at=ctx.now,
            verified_at=ctx.now,
        )
    )
    record = record_of(
        p.employer_id, "person", p.name.strip(), p.phone, p.id_masked,
        card_hash=p.card_hash, verified=True,
    )  # fmt: skip
    feed.write(ctx.s, "employers", p.employer_id, record, ctx.now)
    return Outcome(wire.APPLIED, 1)
