"""Fast recruitment at the station (issue 15): what the employer is shown, and the rules of
a job posted in a few touches (when it starts, the least a day may pay)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.domain.credit import Faces

MAX_WAGE = 2000  # yuan a day on the keypad: above any day labourer's (LHASA.md), a typo below
MAX_SLOTS = 20  # workers one employer takes from the room at once
HOURS = 8  # a station job's working day, as on the market's pages
TOMORROW_AT = dt.time(8, 0)  # when "tomorrow" starts
LAST_START = dt.time(16, 0)  # "today" after this is too late for a day's work
LEAD = dt.timedelta(minutes=30)  # the workers need to get there
HALF_HOUR = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class PastJob:
    """A job this employer posted before: what "the same again" posts."""

    job_type_code: str
    title_zh: str
    day_wage: int
    slots: int


@dataclass(frozen=True)
class Waiting:
    """A worker checked in at the station today, as the employer sees them (the screen
    masks the name; never an ID number)."""

    number: int
    worker_id: str
    name: str
    trades: tuple[tuple[str, int], ...]  # (trade code, years), most years first
    fits: bool  # the job's trade is among theirs
    rating: Faces
    called: bool  # called already for this job


@dataclass(frozen=True)
class Posted:
    """A job posted at the kiosk, as the queue and call screens show it."""

    job_id: str
    employer_id: str
    job_type_code: str
    title_zh: str
    day_wage: int
    starts_at: dt.datetime
    slots: int


def start_of(now: dt.datetime, tomorrow: bool) -> dt.datetime | None:
    """When a job posted now starts: tomorrow at 08:00, or today on the next half hour at
    least ``LEAD`` away (None: too late today)."""
    if tomorrow:
        return dt.datetime.combine(now.date() + dt.timedelta(days=1), TOMORROW_AT, now.tzinfo)
    soon = now + LEAD
    hour = soon.replace(minute=0, second=0, microsecond=0)
    start = hour + HALF_HOUR * -((hour - soon) // HALF_HOUR)  # rounded up
    return None if start.time() > LAST_START or start.date() != now.date() else start


def wage_fits(wage: int, min_hourly: int) -> bool:
    """A day's wage the law allows (``HOURS`` at the minimum hourly wage) and a keypad
    could mean."""
    return min_hourly * HOURS <= wage <= MAX_WAGE
