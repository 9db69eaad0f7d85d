"""Skills-training booking (技能培训预约, issue 16): courses the market publishes, a worker's
seat or place on the waiting list, and which courses a worker is offered.

The market counts seats (``market/training.py``): a booking while seats are free takes one,
else it joins the waiting list, which moves up when a booked worker cancels. A kiosk keeps
each booking it made (``pending`` until the market answers) and every booking the market
publishes, so a worker sees theirs at any station. Pure: times come from the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

# Who may enrol and what to bring travel as codes, each a catalog line in three languages
# (``training.who.*``, ``training.bring.*``): staff pick from these on the market.
WHO = ("registered", "age_16_60", "local_hukou", "no_job")
BRING = ("id_card", "photo", "work_clothes", "notebook", "bank_card")
LANGUAGES = ("bo", "zh", "both")  # the language the course is taught in
REMIND_DAYS = 7  # a booked course this close is told at the worker's tap
MAX_TITLE = 64
MAX_SEATS = 500


class BookingStatus(Enum):
    """Where a booking stands. The market decides booked or waiting."""

    PENDING = "pending"  # kept here, not yet at the market
    SENT = "sent"  # the market took it; its seat or place comes with the next pull
    BOOKED = "booked"
    WAITING = "waiting"
    CANCELLING = "cancelling"  # cancelled here, not yet at the market
    CANCELLED = "cancelled"
    # The market's refusals (a course closed, started or unknown, or booked already).
    CLOSED = "closed"
    STARTED = "started"
    ALREADY = "already_booked"
    REJECTED = "rejected"


ACTIVE = frozenset(
    {BookingStatus.PENDING, BookingStatus.SENT, BookingStatus.BOOKED, BookingStatus.WAITING}
)
REFUSED = frozenset(
    {BookingStatus.CLOSED, BookingStatus.STARTED, BookingStatus.ALREADY, BookingStatus.REJECTED}
)
REFUSAL_REASONS = frozenset(s.value for s in REFUSED) - {"rejected"}


def status_of(value: str) -> BookingStatus:
    """A stored status (an unknown one from a newer server reads as refused)."""
    try:
        return BookingStatus(value)
    except ValueError:
        return BookingStatus.REJECTED


@dataclass(frozen=True)
class Course:
    """A skills-training course as published by the market."""

    id: str
    job_type_code: str
    title_zh: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place_code: str
    seats_total: int
    seats_taken: int = 0
    waiting: int = 0
    subsidised: bool = False
    title_bo: str = ""
    who: tuple[str, ...] = ("registered",)
    bring: tuple[str, ...] = ("id_card",)
    language: str = "both"

    @property
    def seats_left(self) -> int:
        """Seats no booking holds (never below zero)."""
        return max(0, self.seats_total - self.seats_taken)

    @property
    def full(self) -> bool:
        """No seat is free: a booking now joins the waiting list."""
        return self.seats_left == 0

    @property
    def days(self) -> int:
        """Calendar days the course runs (at least one)."""
        return max(1, (self.ends_at.date() - self.starts_at.date()).days + 1)


@dataclass(frozen=True)
class Booking:
    """A worker's booking of a course; ``position`` is their place on the waiting list."""

    id: str
    course_id: str
    worker_id: str
    status: BookingStatus
    position: int | None = None

    @property
    def active(self) -> bool:
        """Holds (or asks for) a seat or a place on the list."""
        return self.status in ACTIVE


class AlreadyBookedError(Exception):
    """The worker holds an active booking of this course (``booking``): nothing new."""

    def __init__(self, booking: Booking) -> None:
        super().__init__(booking.status.value)
        self.booking = booking


def course_problem(row: Mapping[str, Any]) -> str | None:  # noqa: PLR0911 - one per rule
    """What is wrong with a course as published (None: nothing): the market refuses to
    publish it and a kiosk sets such a pulled row aside (``kiosk.domain.rows``)."""
    title = row.get("title_zh", "")
    if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE:
        return f"the Chinese title must be 1 to {MAX_TITLE} characters"
    title_bo = row.get("title_bo", "")
    if not isinstance(title_bo, str) or len(title_bo) > MAX_TITLE:
        return f"the Tibetan title must be at most {MAX_TITLE} characters"
    total, taken, waiting = (row.get(k, 0) for k in ("seats_total", "seats_taken", "waiting"))
    if not _whole(total, 1, MAX_SEATS):
        return f"the seats must be from 1 to {MAX_SEATS}, not {total!r}"
    if not (_whole(taken, 0, total) and _whole(waiting, 0, MAX_SEATS * 10)):
        return "seats taken must be from 0 to the seats, and those waiting not negative"
    for name, known in (("who", WHO), ("bring", BRING)):
        codes = row.get(name) or []
        if not isinstance(codes, list | tuple) or any(c not in known for c in codes):
            return f"{name} must be some of {', '.join(known)}"
    if row.get("language", "both") not in LANGUAGES:
        return f"the language must be one of {', '.join(LANGUAGES)}"
    start, end = row.get("starts_at"), row.get("ends_at")
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime) and end < start:
        return "the course ends before it starts"
    return None


def _whole(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def offered(
    courses: Iterable[Course],
    trades: Iterable[str],
    now: dt.datetime,
    limit: int = 12,
) -> list[Course]:
    """Courses not yet begun, those in ``trades`` (the worker's skills and the trade they
    want to learn) first, each group soonest first; the id breaks ties."""
    wanted = set(trades)
    upcoming = [c for c in courses if c.starts_at > now]
    upcoming.sort(key=lambda c: (c.job_type_code not in wanted, c.starts_at, c.id))
    return upcoming[:limit]


def mine(bookings: Sequence[Booking]) -> dict[str, Booking]:
    """The worker's booking of each course that counts: an active one before any other,
    else the latest kept (the caller passes them oldest first)."""
    found: dict[str, Booking] = {}
    for b in bookings:
        held = found.get(b.course_id)
        if held is None or b.active or not held.active:
            found[b.course_id] = b
    return found


def reminder(
    bookings: Mapping[str, Booking], courses: Iterable[Course], now: dt.datetime
) -> Course | None:
    """The soonest booked course starting within ``REMIND_DAYS`` (told at the tap)."""
    soon = now + dt.timedelta(days=REMIND_DAYS)
    booked = [
        c
        for c in courses
        if (b := bookings.get(c.id)) is not None
        and b.status is BookingStatus.BOOKED
        and now < c.starts_at <= soon
    ]
    return min(booked, key=lambda c: (c.starts_at, c.id), default=None)
