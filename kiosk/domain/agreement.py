"""The simple employment agreement (简易用工协议): its terms, the rules they must meet, and
the canonical form whose SHA-256 is the agreement's fingerprint (TRUST.md, LHASA.md §5).

Pure: the minimum hourly wage, the dispute contacts and today's date come from the caller
(configuration and the clock), never from here. Nothing changes after signing: a
correction is a new agreement whose ``supersedes`` names the old one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import math
import re
import secrets
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

TEMPLATE_VERSION = "1"
MAX_PAY_DAYS = 15  # Labour Contract Law art. 72: the pay cycle is at most 15 days
MAX_HOURS = 12.0
MAX_PAST_DAYS = 7  # an agreement may record work that began this week
MAX_SPAN_DAYS = 180
MAX_CONTENT = 200
PHONE = re.compile(r"1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}")
# No 0/O, 1/I/L: the code is read off paper and typed (the alphabet of kiosk enrolment).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE = re.compile(rf"[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}")
# Only these may differ from the posting, and each difference is shown (and printed).
AMENDABLE = ("wage", "start_date", "end_date", "start_time", "end_time")
EMPLOYER_KINDS = ("person", "company")
# Employer kinds (kiosk.domain.entities.Employer.kind) that are a person, not a company: the
# demo's households and those who signed up, or were registered at a station, as one.
PERSON_KINDS = frozenset({"household", "person"})
ROLES = ("worker", "employer")
SIGN_METHODS = ("card", "phone")  # an ID-card tap, or staff checking the registered phone
# Every rule's code (catalog ``agreement.problem.<code>``, with the Problem's values).
PROBLEMS = (
    "wage_minimum",
    "dates_order",
    "dates_span",
    "start_past",
    "hours",
    "pay_by",
    "pay_cycle",
    "work_content",
    "insurance_policy",
    "worker_name",
    "worker_phone",
    "employer_name",
    "employer_id",
    "employer_phone",
    "employer_address",
)


class WageBasis(Enum):
    """What the wage is for."""

    DAY = "day"
    JOB = "job"


class PayWhen(Enum):
    """When the wage is paid."""

    SAME_DAY = "same_day"
    ON_COMPLETION = "on_completion"
    BY_DATE = "by_date"


class Provider(Enum):
    """Who provides tools, meals or transport."""

    EMPLOYER = "employer"
    WORKER = "worker"
    NOBODY = "nobody"


@dataclass(frozen=True)
class WorkerParty:
    """The worker as the agreement names them (the ID number masked)."""

    name: str
    id_masked: str
    phone: str


@dataclass(frozen=True)
class EmployerParty:
    """A person (masked ID number) or a company (unified social credit code)."""

    name: str
    kind: str  # "person" or "company"
    id_or_code: str
    phone: str
    address: str


@dataclass(frozen=True)
class Disputes:
    """Where to go in a dispute (configuration: the station's desk, the inspection's number)."""

    desk: str
    desk_hours: str
    inspection_phone: str  # empty: not configured (only the hotline is printed)
    hotline: str = "12333"


@dataclass(frozen=True)
class Terms:
    """Everything the two parties agree to, as it will be signed."""

    code: str
    job_id: str
    application_id: str | None
    worker: WorkerParty
    employer: EmployerParty
    trade_code: str
    work_content: str
    place: str
    start_date: dt.date
    end_date: dt.date
    start_time: dt.time
    end_time: dt.time
    rest_minutes: int
    wage: int
    wage_basis: WageBasis
    pay_when: PayWhen
    pay_by: dt.date | None
    tools: Provider
    meals: Provider
    transport: Provider
    insurance_policy: str | None  # the employer's accident cover, if any
    disputes: Disputes
    station_code: str
    terminal: str
    supersedes: str | None = None
    template: str = TEMPLATE_VERSION

    @property
    def hours_per_day(self) -> float:
        """Working hours a day (the span less the rest)."""
        start = self.start_time.hour * 60 + self.start_time.minute
        end = self.end_time.hour * 60 + self.end_time.minute
        return max(0, end - start - self.rest_minutes) / 60

    @property
    def days(self) -> int:
        """Calendar days from the first to the last day of work."""
        return (self.end_date - self.start_date).days + 1


@dataclass(frozen=True)
class Problem:
    """One rule the terms break: a catalog message ``agreement.problem.<code>`` with values."""

    code: str
    values: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in PROBLEMS:
            raise ValueError(f"unknown agreement problem {self.code}")


@dataclass(frozen=True)
class Change:
    """One term agreed differently from the posting."""

    name: str
    before: Any
    after: Any


def new_code() -> str:
    """A fresh agreement code (``K7PD-3XQM``: 40 random bits, read off paper)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def problems(terms: Terms, *, min_hourly: int, today: dt.date) -> list[Problem]:
    """Every rule the terms break (empty: they may be signed)."""
    out: list[Problem] = []
    out += _party_problems(terms)
    if not terms.work_content.strip() or len(terms.work_content) > MAX_CONTENT:
        out.append(Problem("work_content", {"max": MAX_CONTENT}))
    if terms.end_date < terms.start_date:
        out.append(Problem("dates_order"))
    elif terms.days > MAX_SPAN_DAYS:
        out.append(Problem("dates_span", {"max": MAX_SPAN_DAYS}))
    if terms.start_date < today - dt.timedelta(days=MAX_PAST_DAYS):
        out.append(Problem("start_past", {"max": MAX_PAST_DAYS}))
    hours = terms.hours_per_day
    if not 0 < hours <= MAX_HOURS or terms.end_time <= terms.start_time:
        out.append(Problem("hours", {"max": int(MAX_HOURS)}))
    else:
        days = 1 if terms.wage_basis is WageBasis.DAY else terms.days
        floor = math.ceil(min_hourly * hours * days - 1e-9)
        if terms.wage < floor:
            out.append(Problem("wage_minimum", {"floor": floor, "hourly": min_hourly}))
    latest = today + dt.timedelta(days=MAX_PAY_DAYS)
    if terms.pay_when is PayWhen.BY_DATE:
        if terms.pay_by is None or not today <= terms.pay_by <= latest:
            out.append(Problem("pay_by", {"days": MAX_PAY_DAYS}))
    elif terms.pay_when is PayWhen.ON_COMPLETION and terms.end_date > latest:
        out.append(Problem("pay_cycle", {"days": MAX_PAY_DAYS}))
    if terms.insurance_policy is not None and not terms.insurance_policy.strip():
        out.append(Problem("insurance_policy"))
    return out


def _party_problems(terms: Terms) -> list[Problem]:
    out = []
    if not terms.worker.name.strip():
        out.append(Problem("worker_name"))
    if terms.worker.phone and not PHONE.fullmatch(terms.worker.phone):
        out.append(Problem("worker_phone"))  # none is allowed: not every worker has a phone
    employer = terms.employer
    if not employer.name.strip():
        out.append(Problem("employer_name"))
    if employer.kind not in EMPLOYER_KINDS or not employer.id_or_code.strip():
        out.append(Problem("employer_id"))
    if not PHONE.fullmatch(employer.phone):
        out.append(Problem("employer_phone"))
    if not employer.address.strip():
        out.append(Problem("employer_address"))
    return out


def amend(terms: Terms, **changes: Any) -> Terms:
    """The terms with what staff agreed differently (only :data:`AMENDABLE` may change)."""
    other = set(changes) - set(AMENDABLE)
    if other:
        raise ValueError(f"not agreed at the kiosk: {', '.join(sorted(other))}")
    return dataclasses.replace(terms, **changes)


def changes(posted: Terms, signed: Terms) -> list[Change]:
    """What differs from the posting, in :data:`AMENDABLE` order."""
    return [
        Change(name, getattr(posted, name), getattr(signed, name))
        for name in AMENDABLE
        if getattr(posted, name) != getattr(signed, name)
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def terms_dict(terms: Terms) -> dict[str, Any]:
    """The terms as plain JSON values."""
    out: dict[str, Any] = _plain(terms)
    return out


def canonical(
    terms: Terms, signatures: list[dict[str, Any]], changed: tuple[Change, ...] = ()
) -> bytes:
    """The signed document: the terms, what was agreed differently from the posting (it is
    printed, so it is signed) and both signature records, as sorted compact UTF-8 JSON, so
    the same agreement always gives the same bytes."""
    doc = {
        "agreement": terms_dict(terms),
        "changes": [_plain(c) for c in changed],
        "signatures": signatures,
    }
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def fingerprint(document: bytes) -> str:
    """The agreement's fingerprint: SHA-256 of its canonical form, hex."""
    return hashlib.sha256(document).hexdigest()


def verify_address(base_url: str, code: str, fp: str) -> str:
    """What the printed QR code carries: the verification page, the code, the fingerprint."""
    return f"{base_url.rstrip('/')}/v1/agreements/{code}?fp={fp}"


@dataclass(frozen=True)
class SignerRecord:
    """One party's signature: how their identity was confirmed (an ID-card tap, kept as a
    keyed hash like a worker's look-up hash; or staff checking the registered phone), the
    strokes, and when."""

    role: str  # "worker" or "employer"
    method: str  # "card" or "phone"
    identity_hash: str
    strokes: dict[str, Any]  # kiosk.domain.signature.Signature.record()
    at: dt.datetime

    def record(self) -> dict[str, Any]:
        """As it goes into the signed document."""
        return {
            "role": self.role,
            "method": self.method,
            "identity_hash": self.identity_hash,
            "signature": self.strokes,
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True)
class SignedAgreement:
    """The terms and both signatures; its fingerprint is fixed at signing."""

    terms: Terms
    worker: SignerRecord
    employer: SignerRecord
    changes: tuple[Change, ...] = ()

    def document(self) -> bytes:
        """The canonical form."""
        signers = [self.worker.record(), self.employer.record()]
        return canonical(self.terms, signers, self.changes)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of :meth:`document`."""
        return fingerprint(self.document())

    @property
    def signed_at(self) -> dt.datetime:
        """When the second party signed."""
        return max(self.worker.at, self.employer.at)
