"""Employers on the market's own pages (issue 15): signing up, signing in, posting a job,
the applicants and the answer.

An employer signs up as a person (ID number, kept masked with a keyed hash) or a company
(unified social credit code, public). They may post at once, but their jobs are held
(``held_jobs``) until staff verify them in ``market-admin``; verifying publishes the held
jobs and marks the employer verified for every kiosk. Applicants are shown as a kiosk
would show them to a stranger: the name's first character, trades and years, and the
agreements signed before; never an ID number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain import idnumber
from kiosk.domain.credit import START
from kiosk.domain.privacy import keyed_hash, mask_name
from market import catalog, district, feed
from market.models import Agreement, Application, EmployerAccount, EmployerSession, HeldJob, Record
from market.models import Worker as WorkerRow

SESSION_HOURS = 12
PHONE = re.compile(r"^1[3-9]\d{9}$")
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
KINDS = ("person", "company")


class SignUpError(ValueError):
    """What is wrong with a sign-up, as a reason code the page words."""


@dataclass(frozen=True)
class Applicant:
    """One applicant as the employer sees them."""

    application_id: str
    name: str  # the first character only
    skills: list[tuple[str, int]]  # (trade code, years), the most years first
    agreements: int  # agreements signed before, anywhere
    answer: str | None
    hired: bool


def _hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt${salt.hex()}${digest.hex()}"


def _password_ok(stored: str, password: str) -> bool:
    try:
        _scheme, salt, _digest = stored.split("$")
        again = _hash_password(password, bytes.fromhex(salt))
    except ValueError:
        return False
    return hmac.compare_digest(again, stored)


def sign_up(
    s: Session, *, kind: str, name: str, phone: str, number: str, password: str, now: dt.datetime
) -> str:
    """A new employer (not yet verified); its id. SignUpError with the reason otherwise."""
    name, phone, number = name.strip(), phone.strip(), number.strip().upper()
    if kind not in KINDS:
        raise SignUpError("kind")
    if not 2 <= len(name) <= 64:
        raise SignUpError("name")
    if not PHONE.fullmatch(phone):
        raise SignUpError("phone")
    if kind == "person" and not idnumber.is_valid(number):
        raise SignUpError("id_number")
    if kind == "company" and not CREDIT_CODE.fullmatch(number):
        raise SignUpError("credit_code")
    if len(password) < 8:
        raise SignUpError("password")
    id_hash = keyed_hash(bytes.fromhex(district.lookup_key(s)), "employer", number)
    if s.scalar(select(EmployerAccount.id).where(EmployerAccount.phone == phone)):
        raise SignUpError("phone_taken")
    if s.scalar(select(EmployerAccount.id).where(EmployerAccount.id_hash == id_hash)):
        raise SignUpError("number_taken")
    shown = idnumber.mask(number) if kind == "person" else number
    employer_id = str(uuid.uuid4())
    s.add(
        EmployerAccount(
            id=employer_id,
            phone=phone,
            password_hash=_hash_password(password),
            kind=kind,
            name=name,
            id_or_code=shown,
            id_hash=id_hash,
            created_at=now,
        )
    )
    card = id_hash if kind == "person" else None  # a person's card finds them at a kiosk
    record = record_of(employer_id, kind, name, phone, shown, card_hash=card)
    feed.write(s, "employers", employer_id, record, now)
    return employer_id


def record_of(
    employer_id: str, kind: str, name: str, phone: str, shown: str, *,
    card_hash: str | None = None, verified: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """The employer as every kiosk pulls it (``kiosk.domain.entities.Employer``). A
    person's ``card_hash`` is the keyed hash of their ID number under the district's key:
    the kiosk finds them by it when they tap their card to hire (issue 15)."""
    return {
        "id": employer_id, "name": name, "kind": kind, "licence_verified": verified,
        "credit_score": START, "unpaid_wage_cases": 0, "on_arrears_list": False,
        "phone": phone, "address": "", "id_or_code": shown, "rated": [0, 0, 0],
        "paid_on_time": 0, "card_hash": card_hash,
    }  # fmt: skip


def sign_in(s: Session, phone: str, password: str, now: dt.datetime) -> tuple[str, str] | None:
    """A new session's (cookie token, CSRF token), or None: wrong phone or password."""
    account = s.scalar(select(EmployerAccount).where(EmployerAccount.phone == phone.strip()))
    if account is None or not _password_ok(account.password_hash, password):
        return None
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    s.add(
        EmployerSession(
            token_hash=_token_hash(token),
            employer_id=account.id,
            csrf=csrf,
            expires_at=now + dt.timedelta(hours=SESSION_HOURS),
        )
    )
    return token, csrf


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_of(s: Session, token: str | None, now: dt.datetime) -> EmployerSession | None:
    """The live session of a cookie's token (None: none, or expired)."""
    if not token:
        return None
    found = s.get(EmployerSession, _token_hash(token))
    if found is None:
        return None
    expires = found.expires_at
    if expires.tzinfo is None:  # SQLite hands back UTC without its zone
        expires = expires.replace(tzinfo=dt.UTC)
    return found if expires > now else None


def sign_out(s: Session, token: str | None) -> None:
    """End the session of this token."""
    if token:
        found = s.get(EmployerSession, _token_hash(token))
        if found is not None:
            s.delete(found)


def post(s: Session, employer_id: str, now: dt.datetime, **terms: Any) -> tuple[str, bool]:
    """Post a job (``catalog.job_data``'s terms): (its id, published). An employer staff
    have not verified yet has it held until they do."""
    data = catalog.job_data(s, employer_id=employer_id, now=now, **terms)
    account = s.get(EmployerAccount, employer_id)
    if account is not None and account.verified_at is None:
        s.add(HeldJob(id=data["id"], employer_id=employer_id, data=data, created_at=now))
        return str(data["id"]), False
    feed.write(s, "jobs", data["id"], data, now)
    return str(data["id"]), True


def verify(s: Session, employer_id: str, now: dt.datetime) -> int:
    """Staff checked the employer's papers: verified for every kiosk, and their held jobs
    published (how many). LookupError: no such employer signed up."""
    account = s.get(EmployerAccount, employer_id)
    record = s.get(Record, ("employers", employer_id))
    if account is None or record is None:
        raise LookupError(f"no employer {employer_id} signed up")
    account.verified_at = account.verified_at or now
    if not record.data.get("licence_verified"):
        feed.write(s, "employers", employer_id, {**record.data, "licence_verified": True}, now)
    held = list(s.scalars(select(HeldJob).where(HeldJob.employer_id == employer_id)))
    for job in sorted(held, key=lambda j: (j.created_at, j.id)):
        feed.write(s, "jobs", job.id, {**job.data, "posted_at": now.isoformat()}, now)
        s.delete(job)
    return len(held)


def unverified(s: Session) -> list[EmployerAccount]:
    """Employers waiting for staff, oldest first."""
    return list(
        s.scalars(
            select(EmployerAccount)
            .where(EmployerAccount.verified_at.is_(None))
            .order_by(EmployerAccount.created_at, EmployerAccount.id)
        )
    )


def jobs_of(s: Session, employer_id: str) -> list[dict[str, Any]]:
    """The employer's jobs, soonest first: published ones and held ones (``held``)."""
    published = [
        {**r.data, "held": False}
        for r in s.scalars(
            select(Record).where(Record.collection == "jobs", Record.deleted.is_(False))
        )
        if r.data.get("employer_id") == employer_id
    ]
    held = [
        {**h.data, "held": True}
        for h in s.scalars(select(HeldJob).where(HeldJob.employer_id == employer_id))
    ]
    return sorted([*published, *held], key=lambda d: (str(d["starts_at"]), str(d["id"])))


def applicants(s: Session, employer_id: str, job_id: str) -> list[Applicant] | None:
    """Who applied for the employer's job, in the order they applied (None: not theirs)."""
    job = s.get(Record, ("jobs", job_id))
    if job is None or job.data.get("employer_id") != employer_id:
        return None
    rows = s.execute(
        select(Application, WorkerRow)
        .join(WorkerRow, WorkerRow.id == Application.worker_id)
        .where(Application.job_id == job_id)
        .order_by(Application.created_at, Application.id)
    ).all()
    signed = dict(  # agreements each applicant signed before, in one query
        s.execute(
            select(Agreement.worker_id, func.count())
            .where(
                Agreement.worker_id.in_([w.id for _a, w in rows]),
                Agreement.superseded_by.is_(None),
            )
            .group_by(Agreement.worker_id)
        ).all()
    )
    found = []
    for app, worker in rows:
        skills = dict(worker.data.get("skills") or {})
        found.append(
            Applicant(
                application_id=app.id,
                name=mask_name(str(worker.data.get("name", ""))),
                skills=sorted(((k, int(v)) for k, v in skills.items()), key=lambda x: -x[1]),
                agreements=int(signed.get(worker.id, 0)),
                answer=app.answer,
                hired=app.hired_at is not None,
            )
        )
    return found


def owns_application(s: Session, employer_id: str, application_id: str) -> bool:
    """Whether the application is for one of this employer's jobs."""
    app = s.get(Application, application_id)
    if app is None:
        return False
    job = s.get(Record, ("jobs", app.job_id))
    return job is not None and job.data.get("employer_id") == employer_id
