"""Enrolment of a kiosk (RFC 8628 device grant): start, then poll until approved."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from market import auth
from market.db import utcnow
from market.deps import DB, ERRORS, settings
from market.schemas import Credentials, EnrolPoll, EnrolRequest, EnrolStart
from market.settings import Settings

router = APIRouter(prefix="/v1/enrol", tags=["enrolment"])
Config = Annotated[Settings, Depends(settings)]


@router.post("", response_model=EnrolStart, responses=ERRORS)
def enrol(req: EnrolRequest, s: DB, config: Config) -> EnrolStart:
    """A kiosk asks to be enrolled: it shows ``user_code`` to its technician."""
    e = auth.start_enrolment(s, req.name, utcnow(), config.enrol_ttl_s)
    return EnrolStart(
        device_code=e.device_code,
        user_code=e.user_code,
        interval=config.enrol_interval_s,
        expires_in=config.enrol_ttl_s,
    )


@router.post("/poll", response_model=Credentials, responses=ERRORS)
def enrol_poll(req: EnrolPoll, s: DB, config: Config) -> Credentials:
    """Credentials once an administrator approved, else an RFC 8628 error to keep polling."""
    return Credentials(**auth.poll(s, req.device_code, utcnow(), config.enrol_interval_s))
