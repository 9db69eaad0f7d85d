"""Skills-training booking (issue 16): the courses offered to a worker with their own
bookings, a reminder of a booked course soon, booking and cancelling. What the training
screen and home call, on the DB worker. The market decides seat or waiting list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from kiosk.domain.entities import Worker
from kiosk.domain.training import (
    AlreadyBookedError,
    Booking,
    Course,
    mine,
    offered,
    reminder,
)
from kiosk.services.ports import AuditLog, Clock


class TrainingStore(Protocol):
    """Where courses and bookings are kept (``kiosk.store.training.TrainingRepository``)."""

    def courses(self, since: dt.datetime) -> list[Course]:
        """Courses starting after ``since``."""
        ...

    def bookings(self, worker_id: str) -> list[Booking]:
        """The worker's bookings, oldest first."""
        ...

    def book(self, worker_id: str, course_id: str, now: dt.datetime) -> Booking:
        """Keep and queue a booking (raises when one is active already)."""
        ...

    def cancel(self, worker_id: str, booking_id: str, now: dt.datetime) -> bool:
        """Keep and queue a cancellation (False: nothing to cancel)."""
        ...

    def wish(self, worker_id: str) -> tuple[bool, str | None]:
        """(asked already, the trade the worker would like to learn)."""
        ...

    def set_wish(self, worker_id: str, code: str | None, now: dt.datetime) -> None:
        """Keep and queue the worker's answer."""
        ...


@dataclass(frozen=True)
class Offer:
    """What the training screen shows a worker: courses, their bookings, a reminder."""

    courses: list[Course]
    bookings: dict[str, Booking] = field(default_factory=dict)  # by course id
    soon: Course | None = None  # a booked course starting within a week
    asked: bool = True  # False: ask which trade the worker would like to learn (once)
    wish: str | None = None  # the trade they would like to learn

    @property
    def trades(self) -> list[str]:
        """The trades of the courses on offer, each once, in order (the question's tiles)."""
        return list(dict.fromkeys(c.job_type_code for c in self.courses))


class BookResult(Enum):
    """How a tap on "book" ended (each a spoken line, ``training.result.*``)."""

    BOOKED = "booked"  # kept; a seat was free when last pulled
    WAITING = "waiting"  # kept; the course was full: the waiting list
    ALREADY = "already"  # a booking was active already: nothing new
    STARTED = "started"  # the course has begun (or is gone): nothing kept


class TrainingDesk:
    """Courses, bookings and cancellations for one worker at a time."""

    def __init__(self, store: TrainingStore, clock: Clock, audit: AuditLog) -> None:
        self.store, self.clock, self.audit = store, clock, audit

    def offer(self, worker: Worker, limit: int = 12) -> Offer:
        """Courses not yet begun, the worker's trades first, with their bookings."""
        now = self.clock.now()
        courses = self.store.courses(now)
        bookings = mine(self.store.bookings(worker.id))
        asked, wish = self.store.wish(worker.id)
        trades = [*([wish] if wish else []), *worker.skills]
        shown = offered(courses, trades, now, limit)
        booked = [c for c in courses if c.id in bookings]  # even beyond the first ``limit``
        shown += [c for c in booked if c not in shown]
        return Offer(shown, bookings, reminder(bookings, courses, now), asked, wish)

    def wish(self, worker: Worker, code: str | None) -> None:
        """The trade the worker would like to learn (None: only their own), asked once."""
        now = self.clock.now()
        self.store.set_wish(worker.id, code, now)
        self.audit.append(now, "worker", "training_wish", code or "")

    def book(self, worker: Worker, course: Course) -> tuple[BookResult, Booking | None]:
        """Book a seat (or a place on the waiting list when the course is full)."""
        now = self.clock.now()
        if not any(c.id == course.id for c in self.store.courses(now)):
            return BookResult.STARTED, None
        try:
            booking = self.store.book(worker.id, course.id, now)
        except AlreadyBookedError as held:
            return BookResult.ALREADY, held.booking
        self.audit.append(now, "worker", "training_booked", course.job_type_code)
        return (BookResult.WAITING if course.full else BookResult.BOOKED), booking

    def cancel(self, worker: Worker, booking: Booking) -> bool:
        """Give up a booking (False: it was not active)."""
        now = self.clock.now()
        done = self.store.cancel(worker.id, booking.id, now)
        if done:
            self.audit.append(now, "worker", "training_cancelled", "")
        return done
