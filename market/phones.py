"""A worker on their own phone (issue 15): signing in at ``/worker/`` with the phone number
on file and a one-time code the kiosk showed them, and what the phone page shows.

There is no SMS gateway here, so the kiosk's screen stands in for the text message: a
kiosk asks for a code during the worker's visit (``POST /v1/workers/phone-code``), the
worker types it with their phone number. A code lasts ``CODE_MINUTES``, serves once, and a
newer one voids the older; after ``MAX_TRIES`` wrong codes for a phone number, its codes are
void and the worker asks the kiosk for a new one. Codes and session tokens are kept only as
hashes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.domain.profile import phone_problem
from market import district
from market.models import (
    Agreement,
    Application,
    PayAnswer,
    Record,
    ScanCode,
    Worker,
    WorkerCode,
    WorkerSession,
)

CODE_MINUTES = 10
CODE_DIGITS = 6
MAX_TRIES = 5
SESSION_HOURS = 12
SCAN_SECONDS = 60
# What the phone's login code carries, so the kiosk knows a code of ours from another app's.
SCAN_PREFIX = "LHGIG1:"


class PhoneCodeError(ValueError):
    """Why no code (``unknown_worker``, ``no_phone``) or no sign-in (``wrong_code``,
    ``too_many``, ``phone``): a reason code the page or the kiosk words."""


@dataclass(frozen=True)
class MyApplication:
    """One of the worker's applications, as their phone shows it."""

    job_id: str
    trade_code: str
    employer: str
    starts_at: str
    address: str
    answer: str | None  # accepted, declined or None (waiting)
    hired: bool


@dataclass(frozen=True)
class MyAgreement:
    """One of the worker's signed agreements, with their last answer about its pay."""

    code: str
    trade_code: str
    employer: str
    starts_at: str
    pay: str | None  # paid, partly, unpaid or None (not answered yet)


def digest(text: str) -> str:
    """How a code or token is kept (sha256 hex); ``market.tickets`` keeps its tickets so."""
    return hashlib.sha256(text.encode()).hexdigest()


def aware(at: dt.datetime) -> dt.datetime:
    """A stored time with its zone (SQLite hands back UTC without it)."""
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


def issue_code(s: Session, worker_id: str, now: dt.datetime) -> tuple[str, dt.datetime]:
    """A new code for the worker (their older unused ones void): (code, expires at)."""
    worker = s.get(Worker, district.canonical(s, worker_id))
    if worker is None:
        raise PhoneCodeError("unknown_worker")
    phone = str(worker.data.get("phone") or "")
    if not phone or phone_problem(phone):
        raise PhoneCodeError("no_phone")
    s.execute(
        update(WorkerCode)
        .where(WorkerCode.worker_id == worker.id, WorkerCode.used_at.is_(None))
        .values(used_at=now)
    )
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    expires = now + dt.timedelta(minutes=CODE_MINUTES)
    s.add(
        WorkerCode(
            code_hash=_code_digest(phone, worker.id, code),
            worker_id=worker.id,
            phone_hash=digest(phone),
            expires_at=expires,
            tries=0,
        )
    )
    return code, expires


def _code_digest(phone: str, worker_id: str, code: str) -> str:
    return digest(f"worker-code:{phone}:{worker_id}:{code}")


def sign_in(s: Session, phone: str, code: str, now: dt.datetime) -> tuple[str, str]:
    """A new session's (cookie token, CSRF token) for the phone's live code; PhoneCodeError
    (``phone``, ``wrong_code``, ``too_many``) otherwise."""
    phone, code = phone.strip(), code.strip()
    if phone_problem(phone):
        raise PhoneCodeError("phone")
    live = [
        c
        for c in s.scalars(
            select(WorkerCode).where(
                WorkerCode.phone_hash == digest(phone), WorkerCode.used_at.is_(None)
            )
        )
        if aware(c.expires_at) > now
    ]
    if any(c.tries >= MAX_TRIES for c in live):
        raise PhoneCodeError("too_many")
    found = next(
        (
            c
            for c in live
            if hmac.compare_digest(c.code_hash, _code_digest(phone, c.worker_id, code))
        ),
        None,
    )
    if found is None:
        for c in live:
            c.tries += 1
            if c.tries >= MAX_TRIES:
                c.used_at = now
        raise PhoneCodeError("too_many" if any(c.used_at for c in live) else "wrong_code")
    found.used_at = now
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    s.add(
        WorkerSession(
            token_hash=digest(token),
            worker_id=found.worker_id,
            csrf=csrf,
            expires_at=now + dt.timedelta(hours=SESSION_HOURS),
        )
    )
    return token, csrf


def session_of(s: Session, token: str | None, now: dt.datetime) -> WorkerSession | None:
    """The live session of a cookie's token (None: none, or expired)."""
    found = s.get(WorkerSession, digest(token)) if token else None
    return found if found is not None and aware(found.expires_at) > now else None


def sign_out(s: Session, token: str | None) -> None:
    """End the session of this token."""
    found = s.get(WorkerSession, digest(token)) if token else None
    if found is not None:
        s.delete(found)
        s.flush()


def scan_code(s: Session, worker_id: str, now: dt.datetime) -> tuple[str, dt.datetime]:
    """A new code for the kiosk's scanner (the worker's older ones void): (the QR code's
    text, expires at). 128 random bits; kept as a hash."""
    s.execute(
        update(ScanCode)
        .where(ScanCode.worker_id == worker_id, ScanCode.used_at.is_(None))
        .values(used_at=now)
    )
    token = secrets.token_urlsafe(16)
    expires = now + dt.timedelta(seconds=SCAN_SECONDS)
    s.add(ScanCode(token_hash=digest(token), worker_id=worker_id, expires_at=expires))
    return f"{SCAN_PREFIX}{token}", expires


def redeem(s: Session, payload: str, terminal_id: str, now: dt.datetime) -> Worker:
    """The worker whose phone showed ``payload``, once; PhoneCodeError ``unknown_code``
    (not ours, or never issued), ``used`` (scanned before, or voided), ``expired``."""
    if not payload.startswith(SCAN_PREFIX):
        raise PhoneCodeError("unknown_code")
    found = s.get(ScanCode, digest(payload.removeprefix(SCAN_PREFIX)))
    if found is None:
        raise PhoneCodeError("unknown_code")
    if found.used_at is not None:
        raise PhoneCodeError("used")
    if aware(found.expires_at) <= now:
        raise PhoneCodeError("expired")
    found.used_at, found.used_by = now, terminal_id
    worker = s.get(Worker, district.canonical(s, found.worker_id))
    if worker is None:
        raise PhoneCodeError("unknown_code")
    return worker


def _jobs(s: Session, ids: set[str]) -> dict[str, dict[str, object]]:
    if not ids:
        return {}
    rows = s.scalars(select(Record).where(Record.collection == "jobs", Record.id.in_(ids)))
    return {r.id: dict(r.data) for r in rows}


def _employers(s: Session, jobs: dict[str, dict[str, object]]) -> dict[str, str]:
    ids = {str(j.get("employer_id")) for j in jobs.values()}
    rows = s.scalars(select(Record).where(Record.collection == "employers", Record.id.in_(ids)))
    return {r.id: str(r.data.get("name_zh") or r.data.get("name") or "") for r in rows}


def applications_of(s: Session, worker_id: str) -> list[MyApplication]:
    """The worker's applications, the soonest job first."""
    apps = list(s.scalars(select(Application).where(Application.worker_id == worker_id)))
    jobs = _jobs(s, {a.job_id for a in apps})
    names = _employers(s, jobs)
    out = []
    for a in apps:
        job = jobs.get(a.job_id, {})
        out.append(
            MyApplication(
                job_id=a.job_id,
                trade_code=str(job.get("job_type_code", "")),
                employer=names.get(str(job.get("employer_id")), ""),
                starts_at=str(job.get("starts_at", "")),
                address=str(job.get("address_zh") or job.get("address") or ""),
                answer=a.answer,
                hired=a.hired_at is not None,
            )
        )
    return sorted(out, key=lambda m: (m.starts_at, m.job_id))


def agreements_of(s: Session, worker_id: str) -> list[MyAgreement]:
    """The worker's signed agreements in force, the newest job first."""
    rows = list(
        s.scalars(
            select(Agreement).where(
                Agreement.worker_id == worker_id, Agreement.superseded_by.is_(None)
            )
        )
    )
    jobs = _jobs(s, {a.job_id for a in rows})
    names = _employers(s, jobs)
    pay: dict[str, str] = {}
    codes = [a.code for a in rows]
    if codes:
        answers = s.scalars(
            select(PayAnswer)
            .where(PayAnswer.agreement_code.in_(codes))
            .order_by(PayAnswer.received_at, PayAnswer.id)
        )
        pay = {p.agreement_code: p.answer for p in answers}  # the last answer wins
    out = [
        MyAgreement(
            code=a.code,
            trade_code=str(jobs.get(a.job_id, {}).get("job_type_code", "")),
            employer=names.get(str(jobs.get(a.job_id, {}).get("employer_id")), ""),
            starts_at=str(jobs.get(a.job_id, {}).get("starts_at", "")),
            pay=pay.get(a.code),
        )
        for a in rows
    ]
    return sorted(out, key=lambda m: (m.starts_at, m.code), reverse=True)
