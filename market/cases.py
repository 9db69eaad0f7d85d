"""Wage-arrears complaints at the market (issue 14): kept as filed, joined when a second one
names the same agreement, completed, referred or resolved by staff, and published as the
``cases`` collection so the worker hears the outcome at any kiosk's next pull.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.complaint import Outcome, Status
from kiosk.domain.registry import ComplaintFile
from market import credit, feed
from market.models import Agreement, Complaint, Record


def _published(c: Complaint, lead: Complaint) -> dict[str, Any]:
    """What a kiosk keeps of a case: its state and outcome (the lead case's, when joined).
    Every kiosk pulls it, so nothing more: no amount, no employer, no name."""
    return {
        "case_no": c.case_no,
        "worker_id": c.worker_id,
        "status": lead.status,
        "outcome": lead.outcome,
        "joined_to": c.joined_to,
        "decided_at": lead.decided_at.isoformat() if lead.decided_at else None,
    }


def publish(s: Session, lead: Complaint, now: dt.datetime) -> None:
    """Write the case and every case joined to it into the feed."""
    joined = s.scalars(select(Complaint).where(Complaint.joined_to == lead.case_no))
    for c in (lead, *joined):
        feed.write(s, "cases", c.case_no, _published(c, lead), now)


def file(s: Session, p: ComplaintFile, terminal_id: str, now: dt.datetime) -> Complaint:
    """Keep a complaint; it joins the first open or decided one about the same agreement."""
    employer_id = p.employer_id
    if p.agreement_code is not None:
        employer_id = credit.employer_of_agreement(s, p.agreement_code) or employer_id
    first = (
        s.scalar(
            select(Complaint)
            .where(Complaint.agreement_code == p.agreement_code, Complaint.joined_to.is_(None))
            .order_by(Complaint.received_at, Complaint.id)
            .limit(1)
        )
        if p.agreement_code is not None
        else None
    )
    name = p.employer_name
    if employer_id is not None and not name:
        record = s.get(Record, ("employers", employer_id))
        name = str(record.data.get("name", "")) if record is not None else ""
    c = Complaint(
        id=p.complaint_id,
        case_no=p.case_no,
        worker_id=p.worker_id,
        agreement_code=p.agreement_code,
        employer_id=employer_id,
        employer_name=name,
        amount=p.amount,
        period_from=dt.date.fromisoformat(p.period_from) if p.period_from else None,
        period_to=dt.date.fromisoformat(p.period_to) if p.period_to else None,
        promised=p.promised,
        terminal_id=terminal_id,
        filed_at=dt.datetime.fromisoformat(p.filed_at),
        received_at=now,
        status=Status.OPEN.value,
        outcome_note="",
        joined_to=first.case_no if first is not None else None,
    )
    s.add(c)
    s.flush()
    lead = first if first is not None else c
    feed.write(s, "cases", c.case_no, _published(c, lead), now)
    return c


def lead_of(s: Session, case_no: str) -> Complaint:
    """The complaint with this case number (LookupError naming the one it joined)."""
    c = s.scalar(select(Complaint).where(Complaint.case_no == case_no.strip().upper()))
    if c is None:
        raise LookupError(f"no case {case_no}")
    if c.joined_to is not None:
        raise LookupError(f"case {c.case_no} joined case {c.joined_to}: decide that one")
    return c


def decide(s: Session, case_no: str, outcome: Outcome, note: str, now: dt.datetime) -> Complaint:
    """Refer or resolve a case; the worker hears it at their next visit; an upheld one
    counts in the employer's credit."""
    c = lead_of(s, case_no)
    c.outcome, c.status, c.outcome_note, c.decided_at = (
        outcome.value,
        outcome.status.value,
        note,
        now,
    )
    for joined in s.scalars(select(Complaint).where(Complaint.joined_to == c.case_no)):
        joined.outcome, joined.status, joined.decided_at = c.outcome, c.status, now
    s.flush()
    publish(s, c, now)
    if c.employer_id is not None:
        credit.refresh(s, c.employer_id, now)
    return c


def complete(s: Session, case_no: str, employer_id: str, now: dt.datetime) -> Complaint:
    """Staff name the employer of a complaint filed without one."""
    c = lead_of(s, case_no)
    record = s.get(Record, ("employers", employer_id))
    if record is None or record.deleted:
        raise LookupError(f"unknown employer {employer_id}")
    before = c.employer_id
    c.employer_id, c.employer_name = employer_id, str(record.data.get("name", ""))
    s.flush()
    for who in {before, employer_id} - {None}:
        credit.refresh(s, str(who), now)
    return c


def listing(s: Session, status: str | None) -> list[Complaint]:
    """Complaints, oldest first, in one status or all."""
    q = select(Complaint).order_by(Complaint.received_at, Complaint.case_no)
    if status is not None:
        q = q.where(Complaint.status == status)
    return list(s.scalars(q))


def agreement_worker(s: Session, code: str) -> str | None:
    """The worker of an agreement the market holds."""
    a = s.get(Agreement, code)
    return a.worker_id if a is not None else None
