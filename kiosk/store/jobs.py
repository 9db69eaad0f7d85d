"""Jobs for matching, and applications written with their outbox row in one transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Engine, exists, func, insert, select
from sqlalchemy.orm import Session

from kiosk.domain.applications import MyApplication, answered_first, state_of
from kiosk.domain.cover import Cover
from kiosk.domain.credit import Faces
from kiosk.domain.entities import Duration, Employer, Job, PayTerms
from kiosk.domain.errors import AlreadyAppliedError, JobUnavailableError
from kiosk.domain.matching import Candidate
from kiosk.domain.registry import ApplicationCreate
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.store import models as m
from kiosk.store.outbox import queue_mutation
from kiosk.store.pay import still_unpaid


def local_time(value: dt.datetime) -> dt.datetime:
    """SQLite keeps wall time without a zone; the kiosk's wall time is Lhasa's (UTC+8)."""
    return value.replace(tzinfo=LHASA_TZ) if value.tzinfo is None else value.astimezone(LHASA_TZ)


def job_of(row: m.JobRow) -> Job:
    """A job row as the domain's Job."""
    return Job(
        id=row.id,
        job_type_code=row.job_type_code,
        employer_id=row.employer_id,
        title_zh=row.title_zh,
        day_wage=row.day_wage,
        pay_terms=PayTerms(row.pay_terms),
        duration=Duration(row.duration),
        starts_at=local_time(row.starts_at),
        ends_at=local_time(row.ends_at),
        hours_per_day=row.hours_per_day,
        place_code=row.place_code,
        address_zh=row.address_zh,
        lat=row.lat,
        lon=row.lon,
        slots_total=row.slots_total,
        slots_taken=row.slots_taken,
        posted_at=local_time(row.posted_at),
        tools_provided=row.tools_provided,
        meals_provided=row.meals_provided,
        cover=Cover.from_wire(row.cover),
    )


def employer_of(row: m.EmployerRow) -> Employer:
    """An employer row as the domain's Employer."""
    return Employer(
        row.id,
        row.name,
        row.kind,
        row.licence_verified,
        row.credit_score,
        row.unpaid_wage_cases,
        row.on_arrears_list,
        row.phone,
        row.address,
        row.id_or_code,
        _rated(row.ratings),
        int((row.ratings or {}).get("on_time", 0)),
    )


def _rated(counts: dict[str, Any] | None) -> tuple[int, int, int]:
    """Faces counted by the market (good, ok, bad); nothing pulled yet: none."""
    c = counts or {}
    return int(c.get("good", 0)), int(c.get("ok", 0)), int(c.get("bad", 0))


class JobRepository:
    """Reads open jobs with their employers and applicant counts; writes applications."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def candidates(self, since: dt.datetime) -> list[Candidate]:
        """Open jobs starting after ``since``, each with its employer and applicants."""
        with Session(self.engine) as s:
            employers = {e.id: employer_of(e) for e in s.scalars(select(m.EmployerRow))}
            counts = dict(
                s.execute(
                    select(m.ApplicationRow.job_id, func.count()).group_by(m.ApplicationRow.job_id)
                ).all()
            )
            wall = since.astimezone(LHASA_TZ).replace(tzinfo=None)
            rows = s.scalars(
                select(m.JobRow).where(m.JobRow.status == "open", m.JobRow.starts_at >= wall)
            )
            # Applicants: the market's count, or ours while our applications are unsent.
            return [
                Candidate(
                    job_of(r), employers[r.employer_id], max(r.applicants, counts.get(r.id, 0))
                )
                for r in rows
            ]

    def applied_job_ids(self, worker_id: str) -> set[str]:
        """Jobs this worker already applied for."""
        with Session(self.engine) as s:
            ids = s.scalars(
                select(m.ApplicationRow.job_id).where(m.ApplicationRow.worker_id == worker_id)
            )
            return set(ids)

    def apply(self, worker_id: str, job_id: str, now: dt.datetime) -> str:
        """Record "I want this job" and its outbox mutation together (SYNC.md rule 1)."""
        application_id = str(uuid.uuid4())
        with self.engine.begin() as conn:
            # Asked, not guessed from an IntegrityError: a closed or vanished job and a
            # second tap are different things to tell the worker (one transaction, one writer).
            status = conn.execute(select(m.JobRow.status).where(m.JobRow.id == job_id)).scalar()
            if status != "open":
                raise JobUnavailableError(job_id)
            before = conn.execute(
                select(m.ApplicationRow.id).where(
                    m.ApplicationRow.worker_id == worker_id, m.ApplicationRow.job_id == job_id
                )
            ).scalar()
            if before is not None:
                raise AlreadyAppliedError(job_id)
            conn.execute(
                insert(m.ApplicationRow).values(
                    id=application_id,
                    worker_id=worker_id,
                    job_id=job_id,
                    status="pending",
                    created_at=now,
                )
            )
            queue_mutation(conn, ApplicationCreate(application_id, worker_id, job_id), now)
        return application_id

    def my_applications(self, worker_id: str, ending_after: dt.datetime) -> list[MyApplication]:
        """The worker's applications for jobs that end after ``ending_after``, soonest
        first (a job's id breaks ties, so the order never depends on the rows'), each with
        the employer's answer once pulled; then the answers to applications made at other
        stations, which this kiosk knows only by their answer."""
        cutoff = ending_after.astimezone(LHASA_TZ).replace(tzinfo=None)
        with Session(self.engine) as s:
            signed = (
                exists().where(m.AgreementRow.application_id == m.ApplicationRow.id).label("signed")
            )
            rows = s.execute(
                select(m.ApplicationRow, m.JobRow, m.EmployerRow.name, signed, m.AnswerRow.answer)
                .join(m.JobRow, m.JobRow.id == m.ApplicationRow.job_id)
                .join(m.EmployerRow, m.EmployerRow.id == m.JobRow.employer_id)
                .outerjoin(m.AnswerRow, m.AnswerRow.id == m.ApplicationRow.id)
                .where(m.ApplicationRow.worker_id == worker_id, m.JobRow.ends_at > cutoff)
                .order_by(m.JobRow.starts_at, m.JobRow.id)
            ).all()
            mine = [
                MyApplication(
                    id=app.id,
                    job=job_of(job),
                    employer_name=name,
                    state=state_of(app.status, signed=bool(was_signed), answer=answer),
                    applied_at=local_time(app.created_at),
                )
                for app, job, name, was_signed, answer in rows
            ]
            elsewhere = s.execute(
                select(m.AnswerRow, m.JobRow, m.EmployerRow.name)
                .join(m.JobRow, m.JobRow.id == m.AnswerRow.job_id)
                .join(m.EmployerRow, m.EmployerRow.id == m.JobRow.employer_id)
                .where(
                    m.AnswerRow.worker_id == worker_id,
                    m.JobRow.ends_at > cutoff,
                    ~exists().where(m.ApplicationRow.id == m.AnswerRow.id),
                )
                .order_by(m.JobRow.starts_at, m.JobRow.id)
            ).all()
            mine += [
                MyApplication(
                    id=answer.id,
                    job=job_of(job),
                    employer_name=name,
                    state=state_of("sent", answer=answer.answer),
                    applied_at=local_time(answer.answered_at),
                )
                for answer, job, name in elsewhere
            ]
            return answered_first(sorted(mine, key=lambda a: (a.job.starts_at, a.job.id)))

    def paid_days(self, worker_id: str, since: dt.datetime) -> int:
        """Days with a signed agreement since ``since`` (the fairness rule's "paid days"),
        less those the worker said were not paid (and not paid since): a worker who was
        not paid still needs the work."""
        with Session(self.engine) as s:
            days = s.scalars(
                select(func.date(m.AgreementRow.signed_at)).where(
                    m.AgreementRow.worker_id == worker_id,
                    m.AgreementRow.signed_at >= since.astimezone(LHASA_TZ).replace(tzinfo=None),
                    ~still_unpaid(m.AgreementRow.code),
                )
            ).all()
            return len(set(days))

    def rating(self, worker_id: str) -> Faces:
        """Employers' ratings of this worker, as pulled from the market."""
        with Session(self.engine) as s:
            row = s.get(m.WorkerRatingRow, worker_id)
            return Faces() if row is None else Faces(row.good, row.ok, row.bad)
