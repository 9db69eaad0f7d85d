"""A worker's applications as they see them: what they applied for, and where it stands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from kiosk.domain.entities import Job


class ApplicationState(Enum):
    """Where an application stands, in the words a worker needs."""

    WAITING = "waiting"  # saved at the kiosk, not yet sent to the market (offline)
    SENT = "sent"  # the market has it; the employer has not answered
    FULL = "full"  # the market refused it: the places were taken meanwhile
    CLOSED = "closed"  # the market refused it: the job was withdrawn
    REFUSED = "refused"  # the market refused it for another reason (staff can see why)
    SIGNED = "signed"  # an agreement was signed for it at the kiosk: hired


# The kiosk's application row status (kiosk.domain.registry: SetStatus) -> the state.
_BY_STATUS = {
    "pending": ApplicationState.WAITING,
    "sent": ApplicationState.SENT,
    "full": ApplicationState.FULL,
    "closed": ApplicationState.CLOSED,
}


def state_of(status: str, *, signed: bool = False) -> ApplicationState:
    """The state of an application row's ``status`` (any other refusal is REFUSED); an
    application with a signed agreement is SIGNED whatever the market said of it."""
    if signed:
        return ApplicationState.SIGNED
    return _BY_STATUS.get(status, ApplicationState.REFUSED)


@dataclass(frozen=True)
class MyApplication:
    """One application with its job, for home and the visit summary."""

    id: str
    job: Job
    employer_name: str
    state: ApplicationState
    applied_at: dt.datetime
