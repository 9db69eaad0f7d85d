"""After the job in the kiosk's database (issue 14): complaints filed here, each kept with
its outbox mutation in one transaction; what the market decided about them (pulled
``cases``); ratings given here; the rights desk's sessions (pulled)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Engine, insert, or_, select, update
from sqlalchemy.orm import Session

from kiosk.domain.complaint import CaseNews, Draft, RightsSession, Status
from kiosk.domain.registry import ComplaintFile, RatingGive
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.store import models as m
from kiosk.store.outbox import queue_mutation
from kiosk.store.pay import signed_of


def _wall(when: dt.datetime) -> dt.datetime:
    return when.astimezone(LHASA_TZ).replace(tzinfo=None) if when.tzinfo else when


class TrustRepository:
    """Complaints, their cases, ratings given and the rights desk."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- complaints -----------------------------------------------------------------------
    def agreements(self, worker_id: str) -> list[tuple[str, str, str]]:
        """(code, signed document, employer id) of the worker's agreements not corrected by
        a later one, newest first."""
        with Session(self.engine) as s:
            rows = s.execute(
                select(m.AgreementRow.code, m.AgreementRow.document, m.AgreementRow.employer_id)
                .where(*signed_of(worker_id))
                .order_by(m.AgreementRow.signed_at.desc(), m.AgreementRow.code)
            ).all()
        return [(c, d, e) for c, d, e in rows if c and d]

    def employers(self, limit: int) -> list[tuple[str, str]]:
        """(id, name) of employers the kiosk knows, by name (the complaint's list)."""
        with Session(self.engine) as s:
            return [
                (i, n)
                for i, n in s.execute(
                    select(m.EmployerRow.id, m.EmployerRow.name)
                    .order_by(m.EmployerRow.name, m.EmployerRow.id)
                    .limit(limit)
                )
            ]

    def case_about(self, agreement_code: str) -> str | None:
        """The case number of the first complaint filed here about this agreement."""
        with Session(self.engine) as s:
            return s.scalar(
                select(m.ComplaintRow.case_no)
                .where(m.ComplaintRow.agreement_code == agreement_code)
                .order_by(m.ComplaintRow.filed_at, m.ComplaintRow.case_no)
                .limit(1)
            )

    def file(self, draft: Draft, worker_id: str, case_no: str, now: dt.datetime) -> str:
        """Keep the complaint and queue it for the market; its id."""
        complaint_id = str(uuid.uuid4())
        payload = ComplaintFile(
            complaint_id=complaint_id,
            case_no=case_no,
            worker_id=worker_id,
            filed_at=now.isoformat(),
            agreement_code=draft.agreement_code,
            employer_id=draft.employer_id,
            employer_name=draft.employer_name,
            amount=draft.amount,
            period_from=draft.period_from.isoformat() if draft.period_from else None,
            period_to=draft.period_to.isoformat() if draft.period_to else None,
            promised=draft.promised,
        )
        payload.check()
        with self.engine.begin() as conn:
            conn.execute(
                insert(m.ComplaintRow).values(
                    id=complaint_id,
                    case_no=case_no,
                    worker_id=worker_id,
                    agreement_code=draft.agreement_code,
                    employer_id=draft.employer_id,
                    employer_name=draft.employer_name,
                    amount=draft.amount,
                    period_from=draft.period_from,
                    period_to=draft.period_to,
                    promised=draft.promised,
                    filed_at=_wall(now),
                    status="pending",
                )
            )
            queue_mutation(conn, payload, now)
        return complaint_id

    def news(self, worker_id: str) -> list[CaseNews]:
        """Decisions about the worker's cases not yet told here, oldest case first."""
        with Session(self.engine) as s:
            rows = s.scalars(
                select(m.CaseRow)
                .where(
                    m.CaseRow.worker_id == worker_id,
                    m.CaseRow.status != Status.OPEN.value,
                )
                .order_by(m.CaseRow.decided_at, m.CaseRow.case_no)
            ).all()
            own = {r.case_no for r in rows}
            # A complaint that joined one of the worker's own cases is that case: told once.
            found = [
                CaseNews(r.case_no, r.status, r.outcome)
                for r in rows
                if r.joined_to is None or r.joined_to not in own
            ]
            told = {r.case_no: r.told for r in rows}
        return [n for n in found if told[n.case_no] != n.mark]

    def told(self, news: CaseNews) -> None:
        """The worker heard this decision here."""
        with self.engine.begin() as conn:
            conn.execute(
                update(m.CaseRow)
                .where(or_(m.CaseRow.case_no == news.case_no, m.CaseRow.joined_to == news.case_no))
                .values(told=news.mark)
            )

    # --- ratings --------------------------------------------------------------------------
    def rate(
        self, code: str, worker_id: str, face: str, tags: dict[str, bool], now: dt.datetime
    ) -> None:
        """Keep (or change) the worker's rating of the agreement's employer; queue it."""
        with self.engine.begin() as conn:
            rating_id = conn.execute(
                select(m.RatingGivenRow.id).where(m.RatingGivenRow.agreement_code == code)
            ).scalar()
            values = {"face": face, "tags": dict(tags), "rated_at": _wall(now), "status": "pending"}
            if rating_id is None:
                rating_id = str(uuid.uuid4())
                conn.execute(
                    insert(m.RatingGivenRow).values(
                        id=rating_id, agreement_code=code, worker_id=worker_id, **values
                    )
                )
            else:
                conn.execute(
                    update(m.RatingGivenRow)
                    .where(m.RatingGivenRow.id == rating_id)
                    .values(**values)
                )
            queue_mutation(conn, RatingGive(rating_id, code, worker_id, face, dict(tags)), now)

    # --- the rights desk ------------------------------------------------------------------
    def next_session(self, now: dt.datetime) -> RightsSession | None:
        """The rights-desk session now on or next (None: none pulled)."""
        with Session(self.engine) as s:
            row = s.scalar(
                select(m.RightsSessionRow)
                .where(m.RightsSessionRow.ends_at > _wall(now))
                .order_by(m.RightsSessionRow.starts_at, m.RightsSessionRow.id)
                .limit(1)
            )
            return (
                None
                if row is None
                else RightsSession(row.starts_at, row.ends_at, row.who, row.place)
            )
