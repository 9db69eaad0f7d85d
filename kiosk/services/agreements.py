"""Agreements from jobs: the draft terms a job and its application give, and a signed
sample from the demo data (``kiosk-admin --demo agreement-pdf``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
from dataclasses import dataclass
from pathlib import Path

from kiosk.domain.agreement import (
    PERSON_KINDS,
    Disputes,
    EmployerParty,
    PayWhen,
    Provider,
    SignedAgreement,
    SignerRecord,
    Terms,
    WageBasis,
    WorkerParty,
    amend,
    changes,
    new_code,
)
from kiosk.domain.entities import Job, PayTerms
from kiosk.domain.signature import Point, Signature, check
from kiosk.domain.timeutil import LHASA_TZ

REST_AFTER_HOURS = 6.0  # a working day longer than this has an hour's rest


@dataclass(frozen=True)
class Where:
    """Where an agreement is signed, and where a dispute goes (from ``[agreement]`` and
    ``[terminal]``: ``kiosk.wiring.agreement_place``)."""

    disputes: Disputes
    station_code: str
    terminal: str


def draft(
    job: Job,
    worker: WorkerParty,
    employer: EmployerParty,
    where: Where,
    *,
    application_id: str | None,
    code: str | None = None,
) -> Terms:
    """The terms as the posting gives them (staff then change only what was agreed
    differently: ``kiosk.domain.agreement.amend``)."""
    start = job.starts_at.astimezone(LHASA_TZ)
    rest = 60 if job.hours_per_day > REST_AFTER_HOURS else 0
    end = start + dt.timedelta(hours=job.hours_per_day, minutes=rest)
    if end.date() != start.date():
        end = start.replace(hour=23, minute=59)
    pay = {
        PayTerms.SAME_DAY: PayWhen.SAME_DAY,
        PayTerms.ON_COMPLETION: PayWhen.ON_COMPLETION,
        PayTerms.WEEKLY: PayWhen.BY_DATE,
    }[job.pay_terms]
    first = start.date()
    return Terms(
        code=code or new_code(),
        job_id=job.id,
        application_id=application_id,
        worker=worker,
        employer=employer,
        trade_code=job.job_type_code,
        work_content=job.title_zh,
        place=job.address_zh,
        start_date=first,
        end_date=max(first, job.ends_at.astimezone(LHASA_TZ).date()),
        start_time=start.time().replace(second=0, microsecond=0),
        end_time=end.time().replace(second=0, microsecond=0),
        rest_minutes=rest,
        wage=job.day_wage,
        wage_basis=WageBasis.DAY,
        pay_when=pay,
        pay_by=first + dt.timedelta(days=7) if pay is PayWhen.BY_DATE else None,
        tools=Provider.EMPLOYER if job.tools_provided else Provider.WORKER,
        meals=Provider.EMPLOYER if job.meals_provided else Provider.NOBODY,
        transport=Provider.NOBODY,
        insurance_policy=job.cover.policy_line if job.cover else None,
        disputes=where.disputes,
        station_code=where.station_code,
        terminal=where.terminal,
    )


def sample_strokes(seed: int, width: int = 900, height: int = 300) -> Signature:
    """A generated scribble standing in for a signature in the demo (never a person's)."""
    strokes = []
    t = 0
    for k in range(3):
        points = []
        for i in range(60):
            a = i / 59
            x = 80 + k * 260 + a * 220
            y = height / 2 + math.sin(a * math.pi * (3 + k + seed % 3)) * 80 * (1 - a / 2)
            points.append(Point(round(x), round(y), t))
            t += 12
        strokes.append(tuple(points))
        t += 180
    return check(Signature(tuple(strokes), width, height))


def sample_agreement(where: Where, assets: Path, today: dt.date) -> SignedAgreement:
    """A signed agreement from the demo catalogue: the first moving job, a sample worker and
    employer, a wage agreed 20 yuan above the posting (so a change shows)."""
    from kiosk.services.demo_data import DemoCatalog, DemoGenerator  # noqa: PLC0415

    data = DemoGenerator(
        DemoCatalog.load(assets / "data"), hashlib.sha256(b"demo").digest()
    ).generate(jobs=40, today=today)
    job = next(j for j in data.jobs if j.day_wage >= 200)
    employer = next(e for e in data.employers if e.id == job.employer_id)
    worker = WorkerParty("扎西次仁", "540102********1234", "13908901234")
    party = EmployerParty(
        employer.name,
        "person" if employer.kind in PERSON_KINDS else "company",
        "540102********5678" if employer.kind in PERSON_KINDS else "91540100MA6T****0X",
        "13989001122",
        "拉萨市城关区金珠西路 88 号",
    )
    posted = draft(job, worker, party, where, application_id=None, code="K7PD-3XQM")
    terms = amend(posted, wage=posted.wage + 20)
    at = dt.datetime.combine(today, dt.time(9, 30), LHASA_TZ)

    def signer(role: str, seed: int, method: str) -> SignerRecord:
        key = hmac.new(b"demo", role.encode(), hashlib.sha256).hexdigest()
        return SignerRecord(role, method, key, sample_strokes(seed).record(), at)

    return SignedAgreement(
        terms,
        signer("worker", 1, "card"),
        signer("employer", 2, "phone"),
        tuple(changes(posted, terms)),
    )
