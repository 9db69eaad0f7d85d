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
    ACCEPTED = "accepted"  # the employer took the worker: go at the job's time and place
    DECLINED = "declined"  # the employer chose somebody else
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


_BY_ANSWER = {"accepted": ApplicationState.ACCEPTED, "declined": ApplicationState.DECLINED}


def state_of(status: str, *, signed: bool = False, answer: str | None = None) -> ApplicationState:
    """The state of an application row's ``status`` (any other refusal is REFUSED); the
    employer's ``answer``, once there is one, says more than the market's taking it; an
    application with a signed agreement is SIGNED whatever was said of it."""
    if signed:
        return ApplicationState.SIGNED
    if answer in _BY_ANSWER:
        return _BY_ANSWER[answer]
    return _BY_STATUS.get(status, ApplicationState.REFUSED)


def answered_first(applications: list[MyApplication]) -> list[MyApplication]:
    """Accepted ones first (the worker must go), the rest as they came (soonest first)."""
    return sorted(applications, key=lambda a: a.state is not ApplicationState.ACCEPTED)


@dataclass(frozen=True)
class MyApplication:
    """One application with its job, for home and the visit summary."""

    id: str
    job: Job
    employer_name: str
    state: ApplicationState
    applied_at: dt.datetime
