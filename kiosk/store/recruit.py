"""Fast recruitment at the station (issue 15), kept at this kiosk: the employer found by
their card (or registered by staff), the job posted in a few touches, today's check-in
queue of workers in the room, the number called, and the called worker's "yes" as an
application, each written with its outbox row in one transaction (SYNC.md rule 1)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.orm import Session

from kiosk.domain.credit import Faces
from kiosk.domain.entities import Employer
from kiosk.domain.errors import JobUnavailableError
from kiosk.domain.recruit import PastJob, Waiting
from kiosk.domain.registry import ApplicationCreate, EmployerRegister, JobPost
from kiosk.store import models as m
from kiosk.store.jobs import employer_of
from kiosk.store.outbox import queue_mutation

PAST_SHOWN = 3  # past jobs offered to post again


class RecruitRepository:
    """What the recruitment desk reads and writes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- the employer ----------------------------------------------------------------------
    def employer_by_card(self, card_hash: str) -> Employer | None:
        """The person whose card hash this is (registered here, or pulled from the market)."""
        with Session(self.engine) as s:
            row = s.scalars(
                select(m.EmployerRow).where(m.EmployerRow.card_hash == card_hash).limit(1)
            ).first()
            return None if row is None else employer_of(row)

    def register(self, p: EmployerRegister, now: dt.datetime) -> Employer:
        """Keep a person who hires (verified: their card was read in front of staff) and
        queue them for the market."""
        with self.engine.begin() as conn:
            conn.execute(
                insert(m.EmployerRow).values(
                    id=p.employer_id, name=p.name, kind="person", licence_verified=True,
                    credit_score=80, unpaid_wage_cases=0, on_arrears_list=False,
                    phone=p.phone, id_or_code=p.id_masked, card_hash=p.card_hash,
                    updated_at=now,
                )
            )  # fmt: skip
            queue_mutation(conn, p, now)
        with Session(self.engine) as s:
            return employer_of(s.get_one(m.EmployerRow, p.employer_id))

    def past_jobs(self, employer_id: str) -> list[PastJob]:
        """Their latest jobs, one per trade and wage, newest first."""
        with Session(self.engine) as s:
            rows = s.execute(
                select(m.JobRow.job_type_code, m.JobRow.title_zh, m.JobRow.day_wage,
                       m.JobRow.slots_total)
                .where(m.JobRow.employer_id == employer_id)
                .order_by(m.JobRow.posted_at.desc(), m.JobRow.id)
                .limit(50)
            ).all()  # fmt: skip
        seen: set[tuple[str, int]] = set()
        out: list[PastJob] = []
        for trade, title, wage, slots in rows:
            if (trade, wage) not in seen:
                seen.add((trade, wage))
                out.append(PastJob(trade, title, wage, slots))
        return out[:PAST_SHOWN]

    def trade_name(self, code: str) -> str | None:
        """A trade's Chinese name (the job's title), None when the kiosk has no such trade."""
        with Session(self.engine) as s:
            row = s.get(m.JobTypeRow, code)
            return None if row is None else row.name_zh

    def post(self, p: JobPost, *, ends_at: dt.datetime, lat: float, lon: float,
             now: dt.datetime) -> None:  # fmt: skip
        """Keep the job (open at once: the room sees it) and queue it for the market."""
        start = dt.datetime.fromisoformat(p.starts_at)
        with self.engine.begin() as conn:
            conn.execute(
                insert(m.JobRow).values(
                    id=p.job_id, job_type_code=p.job_type_code, employer_id=p.employer_id,
                    title_zh=p.title_zh, description_zh="", day_wage=p.day_wage,
                    pay_terms="same_day", duration="one_day", starts_at=start,
                    ends_at=ends_at, hours_per_day=8.0, place_code=p.place_code,
                    address_zh=p.address_zh, lat=lat, lon=lon, slots_total=p.slots,
                    slots_taken=0, tools_provided=True, meals_provided=False, cover=None,
                    status="open", posted_at=now,
                )
            )  # fmt: skip
            queue_mutation(conn, p, now)

    # --- the room's queue ------------------------------------------------------------------
    def check_in(self, worker_id: str, day: dt.date, now: dt.datetime) -> tuple[int, bool]:
        """The worker's number in today's queue: the one they got at their first tap
        today (False), or the next one (True: new)."""
        with self.engine.begin() as conn:
            mine = conn.execute(
                select(m.CheckinRow.number).where(
                    m.CheckinRow.day == day, m.CheckinRow.worker_id == worker_id
                )
            ).scalar()
            if mine is not None:
                return int(mine), False
            last = conn.execute(
                select(func.max(m.CheckinRow.number)).where(m.CheckinRow.day == day)
            ).scalar()
            number = int(last or 0) + 1
            conn.execute(
                insert(m.CheckinRow).values(
                    day=day, number=number, worker_id=worker_id, checked_in_at=now
                )
            )
            return number, True

    def queue(self, day: dt.date, job_id: str, trade: str) -> list[Waiting]:
        """Today's checked-in workers not yet hired: those with the job's trade first,
        then by number (the order they came in)."""
        with Session(self.engine) as s:
            rows = s.execute(
                select(m.CheckinRow, m.WorkerRow.name)
                .join(m.WorkerRow, m.WorkerRow.id == m.CheckinRow.worker_id)
                .where(m.CheckinRow.day == day, m.CheckinRow.hired_for.is_(None))
                .order_by(m.CheckinRow.number)
            ).all()
            ids = [c.worker_id for c, _ in rows]
            skills: dict[str, list[tuple[str, int]]] = {}
            for sk in s.scalars(
                select(m.WorkerSkillRow).where(m.WorkerSkillRow.worker_id.in_(ids))
            ):
                skills.setdefault(sk.worker_id, []).append((sk.job_type_code, sk.years))
            ratings = {
                r.worker_id: Faces(r.good, r.ok, r.bad)
                for r in s.scalars(
                    select(m.WorkerRatingRow).where(m.WorkerRatingRow.worker_id.in_(ids))
                )
            }
        out = []
        for c, name in rows:
            trades = tuple(sorted(skills.get(c.worker_id, []), key=lambda t: (-t[1], t[0])))
            out.append(
                Waiting(
                    number=c.number, worker_id=c.worker_id, name=name, trades=trades,
                    fits=any(code == trade for code, _ in trades),
                    rating=ratings.get(c.worker_id, Faces()), called=c.called_for == job_id,
                )
            )  # fmt: skip
        return sorted(out, key=lambda w: (not w.fits, w.number))

    def call(self, day: dt.date, number: int, job_id: str, now: dt.datetime) -> str:
        """Number ``number`` is called for the job: the worker's id (LookupError: no one
        waiting with that number)."""
        with self.engine.begin() as conn:
            worker = conn.execute(
                select(m.CheckinRow.worker_id).where(
                    m.CheckinRow.day == day,
                    m.CheckinRow.number == number,
                    m.CheckinRow.hired_for.is_(None),
                )
            ).scalar()
            if worker is None:
                raise LookupError(f"no one waiting as number {number}")
            conn.execute(
                update(m.CheckinRow)
                .where(m.CheckinRow.day == day, m.CheckinRow.number == number)
                .values(called_at=now, called_for=job_id)
            )
            return str(worker)

    def accept(self, day: dt.date, number: int, job_id: str, now: dt.datetime) -> str:
        """The called worker tapped their card to take the job: their application (the
        one already made when the tap came twice), queued for the market, and they leave
        the queue. JobUnavailableError: the job is closed or gone."""
        with self.engine.begin() as conn:
            status = conn.execute(select(m.JobRow.status).where(m.JobRow.id == job_id)).scalar()
            if status != "open":
                raise JobUnavailableError(job_id)
            worker = conn.execute(
                select(m.CheckinRow.worker_id).where(
                    m.CheckinRow.day == day, m.CheckinRow.number == number
                )
            ).scalar_one()
            before = conn.execute(
                select(m.ApplicationRow.id).where(
                    m.ApplicationRow.worker_id == worker, m.ApplicationRow.job_id == job_id
                )
            ).scalar()
            conn.execute(
                update(m.CheckinRow)
                .where(m.CheckinRow.day == day, m.CheckinRow.number == number)
                .values(hired_for=job_id)
            )
            if before is not None:
                return str(before)
            application_id = str(uuid.uuid4())
            conn.execute(
                insert(m.ApplicationRow).values(
                    id=application_id, worker_id=worker, job_id=job_id, status="pending",
                    created_at=now,
                )
            )  # fmt: skip
            queue_mutation(conn, ApplicationCreate(application_id, worker, job_id), now)
            return application_id

    def worker_hashes(self, worker_id: str) -> tuple[str, str | None]:
        """A worker's keyed ID-number and chip hashes: is a tapped card theirs?"""
        with Session(self.engine) as s:
            row = s.get_one(m.WorkerRow, worker_id)
            return row.id_hash, row.chip_hash
