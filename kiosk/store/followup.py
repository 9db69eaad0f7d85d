"""The staff screen's lists (kiosk.domain.followup), read in one session: open complaints
filed here, agreements said "not paid" and not paid since, agreements not yet printed."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kiosk.domain.complaint import Status
from kiosk.domain.followup import FollowUp, Item
from kiosk.domain.privacy import mask_name
from kiosk.store import models as m
from kiosk.store.pay import still_unpaid

LIMIT = 50  # lines a list shows (the oldest first: the longest waiting)


class FollowUpRepository:
    """Reads what staff follow up."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def follow_up(self) -> FollowUp:
        """The three lists."""
        a, w, e = m.AgreementRow, m.WorkerRow, m.EmployerRow
        with Session(self.engine) as s:
            complaints = [
                Item(
                    c.case_no,
                    mask_name(name),
                    c.employer_name,
                    c.filed_at,
                    c.amount,
                    status or "pending",
                )
                for c, name, status in s.execute(
                    select(m.ComplaintRow, w.name, m.CaseRow.status)
                    .join(w, w.id == m.ComplaintRow.worker_id)
                    .outerjoin(m.CaseRow, m.CaseRow.case_no == m.ComplaintRow.case_no)
                    .order_by(m.ComplaintRow.filed_at, m.ComplaintRow.case_no)
                )
                if status != Status.RESOLVED.value
            ][:LIMIT]
            agreements = (
                select(a.code, w.name, e.name, a.signed_at)
                .join(w, w.id == a.worker_id)
                .join(e, e.id == a.employer_id)
                .where(a.code.is_not(None))
                .order_by(a.signed_at, a.code)
                .limit(LIMIT)
            )
            not_paid = [
                Item(code or "", mask_name(worker), employer, at)
                for code, worker, employer, at in s.execute(agreements.where(still_unpaid(a.code)))
            ]
            to_print = [
                Item(code or "", mask_name(worker), employer, at)
                for code, worker, employer, at in s.execute(
                    agreements.where(a.printed_at.is_(None))
                )
            ]
        return FollowUp(complaints, not_paid, to_print)
