"""What a pulled row must be before a kiosk keeps it, beyond its column types.

One rule, both sides: the market refuses to publish what breaks it (``market-admin
post-job --wage -5`` is refused, naming the value), and a kiosk that still meets such a row
(from an older server, or a database edited by hand) sets that row aside and applies the
rest of its page (issue 17: one bad job stopped every kiosk's pull).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from typing import Any

from kiosk.domain.cover import cover_problem
from kiosk.domain.training import course_problem

MAX_DAY_WAGE = 100_000  # yuan; far above any day's pay, below any overflow
MAX_SLOTS = 10_000
MAX_DAYS = 366
MAX_TITLE = 128


def _whole(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _number(value: Any, low: float, high: float) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and low <= value <= high
    )


def job_terms_problem(
    *, title: str, wage: Any, days: Any = 1, slots: Any = 1, taken: Any = 0
) -> str | None:
    """What is wrong with a job's terms as posted (None: nothing)."""
    if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE:
        return f"the title must be 1 to {MAX_TITLE} characters"
    if not _whole(wage, 1, MAX_DAY_WAGE):
        return f"the day wage must be a whole number of yuan from 1 to {MAX_DAY_WAGE}, not {wage!r}"
    if not _whole(days, 1, MAX_DAYS):
        return f"the days must be from 1 to {MAX_DAYS}, not {days!r}"
    if not _whole(slots, 1, MAX_SLOTS):
        return f"the places must be from 1 to {MAX_SLOTS}, not {slots!r}"
    if not _whole(taken, 0, slots):
        return f"places taken must be from 0 to the places offered, not {taken!r}"
    return None


def _job(row: Mapping[str, Any]) -> str | None:
    problem = job_terms_problem(
        title=row.get("title_zh", ""),
        wage=row.get("day_wage"),
        slots=row.get("slots_total"),
        taken=row.get("slots_taken", 0),
    )
    if problem is not None:
        return problem
    if not _number(row.get("hours_per_day", 8.0), 0.5, 24):
        return "hours a day must be from 0.5 to 24"
    if not (_number(row.get("lat"), -90, 90) and _number(row.get("lon"), -180, 180)):
        return "the place's latitude and longitude are out of range"
    start, end = row.get("starts_at"), row.get("ends_at")
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime) and end < start:
        return "the job ends before it starts"
    return cover_problem(row.get("cover"))


def _place(row: Mapping[str, Any]) -> str | None:
    if not (_number(row.get("lat"), -90, 90) and _number(row.get("lon"), -180, 180)):
        return "the place's latitude and longitude are out of range"
    return None


RULES: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    "jobs": _job,
    "places": _place,
    "trainings": course_problem,
}


def row_problem(collection: str, row: Mapping[str, Any]) -> str | None:
    """What is wrong with a pulled ``row`` of ``collection`` (None: keep it)."""
    rule = RULES.get(collection)
    return None if rule is None else rule(row)
