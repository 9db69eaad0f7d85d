"""Signed agreements in the kiosk's database: the row and its outbox mutation in one
transaction (a crash leaves nothing or the whole signed agreement), never changed after."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Engine, exists, insert, select, update
from sqlalchemy.orm import Session

from kiosk.domain.agreement import SignedAgreement
from kiosk.domain.registry import AgreementSign
from kiosk.domain.signing import Parties, Signable
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.store import models as m
from kiosk.store.jobs import employer_of, job_of, local_time
from kiosk.store.outbox import queue_mutation

# Applications an agreement may follow: saved, or at the market, not refused.
OPEN_STATUSES = ("pending", "sent")


class AgreementRepository:
    """Keeps signed agreements and says whether the market has them."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save(
        self,
        agreement: SignedAgreement,
        *,
        worker_id: str,
        employer_id: str,
        now: dt.datetime,
    ) -> str:
        """Keep a signed agreement and queue it for the market; its id."""
        terms = agreement.terms
        agreement_id = str(uuid.uuid4())
        document = agreement.document().decode()
        with self.engine.begin() as conn:
            conn.execute(
                insert(m.AgreementRow).values(
                    id=agreement_id,
                    application_id=terms.application_id,
                    worker_id=worker_id,
                    employer_id=employer_id,
                    job_id=terms.job_id,
                    template_version=terms.template,
                    text_sha256=agreement.fingerprint,
                    signed_at=agreement.signed_at.replace(tzinfo=None),
                    code=terms.code,
                    document=document,
                    status="pending",
                    supersedes_code=terms.supersedes,
                )
            )
            queue_mutation(
                conn,
                AgreementSign(
                    agreement_id=agreement_id,
                    code=terms.code,
                    worker_id=worker_id,
                    job_id=terms.job_id,
                    document=document,
                    fingerprint=agreement.fingerprint,
                    application_id=terms.application_id,
                    supersedes=terms.supersedes,
                ),
                now,
            )
        return agreement_id

    def signable(self, ending_after: dt.datetime, limit: int) -> list[Signable]:
        """Open applications for jobs that end after ``ending_after`` with no agreement yet,
        soonest first (the application's id breaks ties: never the rows' order)."""
        cutoff = ending_after.astimezone(LHASA_TZ).replace(tzinfo=None)
        signed = exists().where(m.AgreementRow.application_id == m.ApplicationRow.id)
        with Session(self.engine) as s:
            rows = s.execute(
                select(m.ApplicationRow.id, m.WorkerRow, m.JobRow, m.EmployerRow.name)
                .join(m.JobRow, m.JobRow.id == m.ApplicationRow.job_id)
                .join(m.WorkerRow, m.WorkerRow.id == m.ApplicationRow.worker_id)
                .join(m.EmployerRow, m.EmployerRow.id == m.JobRow.employer_id)
                .where(
                    m.ApplicationRow.status.in_(OPEN_STATUSES),
                    m.JobRow.ends_at > cutoff,
                    ~signed,
                )
                .order_by(m.JobRow.starts_at, m.ApplicationRow.id)
                .limit(limit)
            ).all()
            return [
                Signable(
                    app_id,
                    worker.name,
                    worker.id_masked,
                    employer,
                    job.job_type_code,
                    local_time(job.starts_at),
                    local_time(job.ends_at),
                )
                for app_id, worker, job, employer in rows
            ]

    def parties(self, application_id: str) -> Parties | None:
        """The job, employer and worker of an open application (None: unknown, refused or
        already signed)."""
        signed = exists().where(m.AgreementRow.application_id == application_id)
        with Session(self.engine) as s:
            row = s.execute(
                select(m.ApplicationRow, m.WorkerRow, m.JobRow, m.EmployerRow)
                .join(m.JobRow, m.JobRow.id == m.ApplicationRow.job_id)
                .join(m.WorkerRow, m.WorkerRow.id == m.ApplicationRow.worker_id)
                .join(m.EmployerRow, m.EmployerRow.id == m.JobRow.employer_id)
                .where(
                    m.ApplicationRow.id == application_id,
                    m.ApplicationRow.status.in_(OPEN_STATUSES),
                    ~signed,
                )
            ).first()
            if row is None:
                return None
            app, worker, job, employer = row
            return Parties(
                app.id,
                job_of(job),
                employer_of(employer),
                worker.id,
                worker.name,
                worker.id_masked,
                worker.phone or "",
                worker.id_hash,
                worker.chip_hash,
            )

    def status(self, code: str) -> str | None:
        """ "pending" (not yet at the market), "sent", "rejected", or None when unknown."""
        with Session(self.engine) as s:
            return s.scalar(select(m.AgreementRow.status).where(m.AgreementRow.code == code))

    def printed(self, code: str, now: dt.datetime) -> None:
        """The agreement came off the printer (the first time counts)."""
        with self.engine.begin() as conn:
            conn.execute(
                update(m.AgreementRow)
                .where(m.AgreementRow.code == code, m.AgreementRow.printed_at.is_(None))
                .values(printed_at=now.astimezone(LHASA_TZ).replace(tzinfo=None))
            )

    def document(self, code: str) -> bytes | None:
        """The signed document, exactly as signed (for a reprint)."""
        with Session(self.engine) as s:
            text = s.scalar(select(m.AgreementRow.document).where(m.AgreementRow.code == code))
        return text.encode() if text is not None else None
