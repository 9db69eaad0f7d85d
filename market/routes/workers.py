"""One worker across the district (issue 17): the look-up key a kiosk hashes ID numbers
under, and finding a worker filed at another station by that hash. Both signed: only an
enrolled kiosk asks, and it can only ask with a hash it made from a card it read."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field, ValidationError

from market import district, phones
from market.db import utcnow
from market.deps import DB, ERRORS, ApiError, Signed, terminal
from market.models import Worker

router = APIRouter(prefix="/v1", tags=["workers"])
Hash = Annotated[str, Query(pattern="^[0-9a-f]{64}$")]
LOOKUP_ERRORS = {**ERRORS, 404: ERRORS[400]}


class District(BaseModel):
    """The district's look-up key (64 hex digits)."""

    lookup_key: str


class FoundWorker(BaseModel):
    """What a kiosk keeps of a worker filed elsewhere: the profile, never a number."""

    worker_id: str
    name: str
    gender: int | None = None
    nation_code: str | None = None
    birth_year: int | None = None
    phone: str | None = None
    skills: dict[str, int]
    expected_wage: int | None = None
    availability: str = "any"
    area: str | None = None
    language: str = "zh"
    version: int


@router.get("/district", response_model=District, responses=ERRORS)
def lookup_key(request: Request, s: DB, sig: Signed) -> District:
    """The key every kiosk of the district hashes ID numbers under."""
    terminal(request, s, sig)
    return District(lookup_key=district.lookup_key(s))


@router.get("/workers/lookup", response_model=FoundWorker, responses=LOOKUP_ERRORS)
def lookup(request: Request, s: DB, sig: Signed, id_hash: Hash) -> FoundWorker:
    """The worker filed under this hash at any station; 404 ``unknown_worker`` when none."""
    terminal(request, s, sig)
    found: Worker | None = district.by_hash(s, id_hash)
    if found is None:
        raise ApiError(404, "unknown_worker")
    return FoundWorker.model_validate(district.profile(found))


class CodeAsked(BaseModel):
    """The worker at the kiosk now, who wants to sign in on their phone."""

    worker_id: str = Field(min_length=1, max_length=36)


class PhoneCode(BaseModel):
    """A one-time code for ``/worker/`` (the kiosk shows it; there is no SMS gateway)."""

    code: str
    expires_at: dt.datetime
    url: str


@router.post("/workers/phone-code", response_model=PhoneCode, responses=LOOKUP_ERRORS)
def phone_code(request: Request, s: DB, sig: Signed) -> PhoneCode:
    """A new code for the worker (their older ones void); 404 ``unknown_worker`` when the
    market does not have them yet (filed offline, not synced), 400 ``no_phone`` when no
    phone number is on file."""
    terminal(request, s, sig)
    try:
        body = CodeAsked.model_validate(json.loads(sig[0]))
    except (ValueError, ValidationError):
        raise ApiError(400, "invalid_request") from None
    try:
        code, expires = phones.issue_code(s, body.worker_id, utcnow())
    except phones.PhoneCodeError as exc:
        status = 404 if str(exc) == "unknown_worker" else 400
        raise ApiError(status, str(exc)) from None
    return PhoneCode(code=code, expires_at=expires, url=f"{request.base_url}worker/")


class Scanned(BaseModel):
    """What the kiosk's scanner read off a worker's phone."""

    payload: str = Field(min_length=1, max_length=200)


class ScannedWorker(BaseModel):
    """The worker whose phone showed the code: the kiosk finds them by the hash."""

    worker_id: str
    id_hash: str | None


@router.post("/login/scan", response_model=ScannedWorker, responses=ERRORS)
def scan_login(request: Request, s: DB, sig: Signed) -> ScannedWorker:
    """A phone's login code, scanned at this kiosk: once, within a minute; 400
    ``unknown_code``, ``used`` or ``expired`` otherwise."""
    cred = terminal(request, s, sig)
    try:
        body = Scanned.model_validate(json.loads(sig[0]))
    except (ValueError, ValidationError):
        raise ApiError(400, "invalid_request") from None
    try:
        worker = phones.redeem(s, body.payload, cred.terminal_id, utcnow())
    except phones.PhoneCodeError as exc:
        raise ApiError(400, str(exc)) from None
    return ScannedWorker(worker_id=worker.id, id_hash=worker.id_hash)
