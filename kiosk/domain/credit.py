"""Employer credit: the published rule (issue 14; TRUST.md: "any scale we use is ours:
publish it and let it be appealed").

Every employer starts at ``START``. Each event below adds or takes its points; the score is
kept between 0 and 100, and its level follows ``LEVELS``. The market computes it from what
workers said and what staff decided, and every score is explained by the list of events
that made it (``market-admin credit EMPLOYER``). The same table is printed in the README
(``table()``; a test keeps the two the same). An employer on the unpaid-wage list
(``listed``) is hidden at every kiosk, whatever its score.

Pure: the events and the dates come from the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

START = 80
LOWEST, HIGHEST = 0, 100


class Event(Enum):
    """What can move an employer's credit."""

    PAID = "paid"  # the worker said "paid in full" the first time they were asked
    PAID_LATE = "paid_late"  # "not paid" or "partly" first, "paid in full" later
    PARTLY = "partly"  # "partly", and not "paid in full" since
    UNPAID = "unpaid"  # "not paid", and nothing better since
    COMPLAINT_UPHELD = "complaint_upheld"  # a wage-arrears complaint staff found true
    RATED_GOOD = "rated_good"  # a worker's rating after an agreement: the smiling face
    RATED_OK = "rated_ok"
    RATED_BAD = "rated_bad"
    IMPORTED = "imported"  # the district's record from before this market (points as given)


@dataclass(frozen=True)
class Rule:
    """One line of the published table."""

    event: Event
    points: int | None  # None: the points come with the event (imported records)
    says: str  # the rule in words, as published


RULES: tuple[Rule, ...] = (
    Rule(Event.PAID, +2, "paid in full, the first time the worker was asked"),
    Rule(Event.PAID_LATE, -5, "paid in full, but only after the worker said not paid or partly"),
    Rule(Event.PARTLY, -5, "partly paid, and not paid in full since"),
    Rule(Event.UNPAID, -10, "not paid, and nothing paid since"),
    Rule(Event.COMPLAINT_UPHELD, -20, "a wage-arrears complaint upheld by staff"),
    Rule(Event.RATED_GOOD, +1, "a worker's rating after the job: good"),
    Rule(Event.RATED_OK, 0, "a worker's rating after the job: so-so"),
    Rule(Event.RATED_BAD, -3, "a worker's rating after the job: bad"),
    Rule(Event.IMPORTED, None, "the district's record from before this market, as given"),
)
POINTS = {r.event: r.points for r in RULES}

# (lowest score, level, catalog word), best first: the level a job card shows.
LEVELS: tuple[tuple[int, str, str], ...] = (
    (90, "A", "credit.very_good"),
    (75, "B", "credit.good"),
    (60, "C", "credit.fair"),
    (LOWEST, "D", "credit.low"),
)
LISTED = ("X", "credit.listed")  # on the unpaid-wage list: jobs hidden

# The unpaid-wage list (MOHRSS interim measures, in force 2022-01-01; LHASA.md): listed for
# three years; removed early six months after paying in full, with a pledge of good credit.
LISTED_YEARS = 3
EARLY_REMOVAL_MONTHS = 6


@dataclass(frozen=True)
class Happened:
    """One event in an employer's record: when, what it is about (an agreement's code, a
    case number), and its points (imported records carry their own)."""

    on: dt.date
    event: Event
    about: str
    points: int | None = None

    @property
    def worth(self) -> int:
        """The points this event counts for."""
        rule = POINTS[self.event]
        return rule if rule is not None else (self.points or 0)


@dataclass(frozen=True)
class Credit:
    """An employer's score, its level and the events that made it."""

    score: int
    level: str
    word: str
    listed: bool
    events: tuple[Happened, ...]

    @property
    def upheld(self) -> int:
        """Upheld wage-arrears complaints: the unpaid-wage record a job card warns of."""
        return sum(1 for e in self.events if e.event is Event.COMPLAINT_UPHELD)


def level(score: int, *, listed: bool = False) -> tuple[str, str]:
    """The level and its catalog word for a score."""
    if listed:
        return LISTED
    return next((lv, word) for floor, lv, word in LEVELS if score >= floor)


def credit(events: Iterable[Happened], *, listed: bool = False) -> Credit:
    """The score the rule gives these events, oldest first in the explanation."""
    ordered = tuple(sorted(events, key=lambda e: (e.on, e.event.value, e.about)))
    score = max(LOWEST, min(HIGHEST, START + sum(e.worth for e in ordered)))
    lv, word = level(score, listed=listed)
    return Credit(score, lv, word, listed, ordered)


def pay_event(answers: Sequence[str]) -> Event | None:
    """What one agreement's pay answers (oldest first: "paid", "partly", "unpaid") count
    as; None before any answer."""
    if not answers:
        return None
    last = answers[-1]
    if last == "paid":
        return Event.PAID if len(answers) == 1 or set(answers) == {"paid"} else Event.PAID_LATE
    return Event.PARTLY if last == "partly" else Event.UNPAID


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def listed_until(listed_on: dt.date, paid_on: dt.date | None, pledged: bool) -> dt.date:
    """The first day the employer is off the list: three years on, or six months after
    paying in full with a pledge, whichever is sooner."""
    ends = _add_months(listed_on, 12 * LISTED_YEARS)
    if paid_on is not None and pledged:
        ends = min(ends, max(listed_on, _add_months(paid_on, EARLY_REMOVAL_MONTHS)))
    return ends


def on_list(listed_on: dt.date, paid_on: dt.date | None, pledged: bool, today: dt.date) -> bool:
    """Whether a listing still stands today."""
    return listed_on <= today < listed_until(listed_on, paid_on, pledged)


def table() -> str:
    """The published rule as a Markdown table (the README prints exactly this)."""
    lines = ["| event | points |", "|---|---|", f"| every employer starts at | {START} |"]
    for r in RULES:
        points = "as given" if r.points is None else f"{r.points:+d}"
        lines.append(f"| {r.says} | {points} |")
    lines.append(f"| the score is kept between | {LOWEST} and {HIGHEST} |")
    lines += ["", "| score | level |", "|---|---|"]
    lines += [f"| {floor} or more | {lv} |" for floor, lv, _w in LEVELS]
    lines.append(f"| on the unpaid-wage list | {LISTED[0]} (jobs hidden at every kiosk) |")
    return "\n".join(lines)


@dataclass(frozen=True)
class Faces:
    """Ratings as counts of each face, shown in words ("3 good, 1 so-so"), never as a bare
    average."""

    good: int = 0
    ok: int = 0
    bad: int = 0

    @property
    def total(self) -> int:
        """How many ratings."""
        return self.good + self.ok + self.bad
