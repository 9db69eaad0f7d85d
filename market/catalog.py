"""Posting, closing and importing what the market offers (jobs, employers, trades...)."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.cover import cover_problem
from kiosk.domain.credit import POINTS, START, Event
from kiosk.domain.entities import Employer
from kiosk.domain.places import is_full
from kiosk.domain.rows import job_terms_problem
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.services.demo_data import DemoCatalog, DemoGenerator
from market import answers, feed
from market.models import Application, Record, Worker

ASSETS = Path(__file__).resolve().parent.parent / "assets" / "data"


def plain(obj: Any) -> dict[str, Any]:
    """A dataclass as JSON-ready data: enums to values, datetimes to ISO 8601."""

    def conv(v: Any) -> Any:
        if isinstance(v, enum.Enum):
            return v.value
        if isinstance(v, dt.datetime):
            return v.isoformat()
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        return v

    return {k: conv(v) for k, v in asdict(obj).items()}


def imported(employer: Employer, on: dt.date) -> dict[str, Any]:
    """An employer as imported, its credit kept as the district's record from before this
    market (``kiosk.domain.credit``: one event that explains the imported score)."""
    cases = employer.unpaid_wage_cases
    points = employer.credit_score - START - cases * (POINTS[Event.COMPLAINT_UPHELD] or 0)
    return {
        **plain(employer),
        "credit_imported": {"on": on.isoformat(), "points": points, "cases": cases},
    }


def import_demo(s: Session, jobs: int, today: dt.date, seed: int, now: dt.datetime) -> int:
    """The kiosk's deterministic demo catalogue, workers included (same ids as a demo kiosk)."""
    from kiosk.idcard.demo import REGISTERED, SAMPLES  # noqa: PLC0415

    catalog = DemoCatalog.load(ASSETS)
    data = DemoGenerator(catalog, b"market-demo-data-not-a-kiosk-secret").generate(
        jobs=jobs, today=today, seed=seed, registered=[SAMPLES[k] for k in REGISTERED]
    )
    feed.write_many(s, "job_types", [(t.code, plain(t)) for t in data.job_types], now)
    feed.write_many(s, "places", [(p.code, plain(p)) for p in data.places], now)
    feed.write_many(s, "employers", [(e.id, imported(e, today)) for e in data.employers], now)
    feed.write_many(s, "trainings", [(t.id, plain(t)) for t in data.trainings], now)
    feed.write_many(s, "jobs", [(j.id, {**plain(j), "status": "open"}) for j in data.jobs], now)
    for w in data.workers:
        if s.get(Worker, w.id) is None:
            s.add(
                Worker(
                    id=w.id,
                    terminal_id="demo",
                    data=plain(w),
                    field_versions={},
                    version=1,
                    updated_at=now,
                )
            )
    return len(data.jobs)


def post_job(s: Session, *, now: dt.datetime, **terms: Any) -> str:
    """Post a day job (``job_data``'s terms); it reaches the kiosks with their next pull."""
    data = job_data(s, now=now, **terms)
    feed.write(s, "jobs", data["id"], data, now)
    return str(data["id"])


def job_data(
    s: Session,
    *,
    trade: str,
    employer_id: str,
    title: str,
    wage: int,
    starts_at: dt.datetime,
    days: int,
    slots: int,
    now: dt.datetime,
    place_code: str | None = None,
    cover: dict[str, Any] | None = None,
    address: str = "",
    description: str = "",
    job_id: str | None = None,
) -> dict[str, Any]:
    """A day job as the kiosks take it. ``ValueError`` names the first value no kiosk
    could take (``kiosk.domain.rows``); ``LookupError`` an unknown trade or employer.
    ``cover`` is the employer's accident policy (``kiosk.domain.cover``), if any;
    ``address`` the place's own when empty; ``job_id`` a kiosk's own id (a job posted at
    the station), else a new one."""
    problem = job_terms_problem(title=title, wage=wage, days=days, slots=slots)
    problem = problem or cover_problem(cover)
    if problem is not None:
        raise ValueError(problem)
    if s.get(Record, ("job_types", trade)) is None:
        raise LookupError(f"unknown trade {trade!r}")
    employer = s.get(Record, ("employers", employer_id))
    if employer is None or employer.deleted:
        raise LookupError(f"unknown employer {employer_id!r}")
    place = s.get(Record, ("places", place_code)) if place_code else None
    start = starts_at.astimezone(LHASA_TZ)
    job_id = job_id or str(uuid.uuid4())
    data = {
        "id": job_id,
        "job_type_code": trade,
        "employer_id": employer_id,
        "title_zh": title,
        "description_zh": description,
        "day_wage": wage,
        "pay_terms": "same_day",
        "duration": "one_day" if days == 1 else "multi_day",
        "starts_at": start.isoformat(),
        "ends_at": (start + dt.timedelta(days=days - 1, hours=8)).isoformat(),
        "hours_per_day": 8.0,
        "place_code": place_code,
        "address_zh": address
        or (place.data.get("name_zh", "拉萨市城关区") if place else "拉萨市城关区"),
        "lat": place.data["lat"] if place else 29.6525,
        "lon": place.data["lon"] if place else 91.1320,
        "slots_total": slots,
        "slots_taken": 0,
        "tools_provided": True,
        "meals_provided": False,
        "status": "open",
        "posted_at": now.astimezone(LHASA_TZ).isoformat(),
        "cover": cover,
    }
    return data


def close_job(s: Session, job_id: str, now: dt.datetime, *, delete: bool = False) -> None:
    """Close (still shown as closed) or withdraw (a tombstone) a job."""
    rec = s.get(Record, ("jobs", job_id))
    if rec is None or rec.deleted:
        raise LookupError(f"no job {job_id}")
    feed.write(s, "jobs", job_id, None if delete else {**rec.data, "status": "closed"}, now)


def recount(s: Session, job_id: str, now: dt.datetime) -> None:
    """Publish the job's applicants and hired counts (``kiosk.domain.places``) if they moved."""
    rec = s.get(Record, ("jobs", job_id))
    if rec is None or rec.deleted:
        return
    applicants = s.scalar(
        select(func.count()).select_from(Application).where(Application.job_id == job_id)
    )
    hired = s.scalar(
        select(func.count())
        .select_from(Application)
        .where(Application.job_id == job_id, Application.hired_at.is_not(None))
    )
    counts = {"applicants": int(applicants or 0), "slots_taken": int(hired or 0)}
    if any(rec.data.get(k) != v for k, v in counts.items()):
        feed.write(s, "jobs", job_id, {**rec.data, **counts}, now)


def hire(s: Session, application_id: str, now: dt.datetime, *, by: str = "online") -> str:
    """The employer took this applicant: one place fewer, for every kiosk. ``by`` says
    where: "online" (the market's side) or "kiosk" (an agreement signed there; the station's
    figures count these as its own placements). Returns the job id."""
    app = s.get(Application, application_id)
    if app is None:
        raise LookupError(f"no application {application_id}")
    if app.hired_at is not None:
        raise ValueError(f"application {application_id} is already hired")
    rec = s.get(Record, ("jobs", app.job_id))
    if rec is None or rec.deleted:
        raise LookupError(f"job {app.job_id} is gone")
    if is_full(int(rec.data.get("slots_total", 1)), int(rec.data.get("slots_taken", 0))):
        raise ValueError(f"job {app.job_id} has no place left")
    app.hired_at, app.hired_by = now, by
    if by == "online":  # the worker hears it at the next tap (a kiosk's hire is signed there)
        answers.answer(s, application_id, "accepted", now)
    s.flush()
    recount(s, app.job_id, now)
    return app.job_id
