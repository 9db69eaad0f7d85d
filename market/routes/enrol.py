"""Enrolment of a kiosk (RFC 8628 device grant): start, then poll until approved."""

from __future__ import annotations

from math import ceil
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from market import auth
from market.db import utcnow
from market.deps import DB, ERRORS, ApiError, settings
from market.schemas import ApiErrorBody, Credentials, EnrolPoll, EnrolRequest, EnrolStart
from market.settings import Settings

router = APIRouter(prefix="/v1/enrol", tags=["enrolment"])
ENROL_ERRORS = {**ERRORS, 429: {"model": ApiErrorBody}}
Config = Annotated[Settings, Depends(settings)]


@router.post("", response_model=EnrolStart, responses=ENROL_ERRORS)
def enrol(request: Request, req: EnrolRequest, s: DB, config: Config) -> EnrolStart:
    """A kiosk asks to be enrolled: it shows ``user_code`` to its technician. Limited per
    client address, and refused while too many wait for an administrator (429)."""
    address = request.client.host if request.client is not None else "?"
    wait = request.app.state.enrol_limit.take(address)
    if wait:
        raise ApiError(429, "too_many_requests", headers={"Retry-After": str(ceil(wait))})
    now = utcnow()
    if auth.pending_count(s, now) >= config.max_pending_enrolments:
        raise ApiError(429, "too_many_pending", headers={"Retry-After": "60"})
    e = auth.start_enrolment(s, req.name, now, config.enrol_ttl_s)
    return EnrolStart(
        device_code=e.device_code,
        user_code=e.user_code,
        interval=config.enrol_interval_s,
        expires_in=config.enrol_ttl_s,
    )


@router.post("/poll", response_model=Credentials, responses=ENROL_ERRORS)
def enrol_poll(req: EnrolPoll, s: DB, config: Config) -> Credentials:
    """Credentials once an administrator approved, else an RFC 8628 error to keep polling."""
    return Credentials(**auth.poll(s, req.device_code, utcnow(), config.enrol_interval_s))
