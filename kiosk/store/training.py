"""Training courses and bookings in the kiosk's database (issue 16): a booking or its
cancellation is kept with its outbox mutation in one transaction (SYNC.md rule 1); the
market's answer and every station's bookings come back through the pull."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.domain.registry import TrainingBook, TrainingCancel, TrainingWish
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.domain.training import (
    ACTIVE,
    AlreadyBookedError,
    Booking,
    BookingStatus,
    Course,
    status_of,
)
from kiosk.store import models as m
from kiosk.store.jobs import local_time
from kiosk.store.outbox import queue_mutation


def _wall(value: dt.datetime) -> dt.datetime:
    return value.astimezone(LHASA_TZ).replace(tzinfo=None)


def _course(r: m.TrainingRow) -> Course:
    starts = local_time(r.starts_at)
    return Course(
        id=r.id,
        job_type_code=r.job_type_code,
        title_zh=r.title_zh,
        title_bo=r.title_bo or "",
        starts_at=starts,
        ends_at=local_time(r.ends_at) if r.ends_at is not None else starts,
        place_code=r.place_code,
        seats_total=r.seats_total,
        seats_taken=r.seats_taken,
        waiting=r.waiting,
        subsidised=bool(r.subsidised),
        who=tuple(r.who or ()),
        bring=tuple(r.bring or ()),
        language=r.language,
    )


def _booking(r: Any) -> Booking:
    """A booking from its row (ORM or Core)."""
    return Booking(r.id, r.training_id, r.worker_id, status_of(r.status), r.position)


class TrainingRepository:
    """Reads courses and a worker's bookings; keeps bookings and cancellations."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def courses(self, since: dt.datetime) -> list[Course]:
        """Courses starting after ``since``, soonest first."""
        with Session(self.engine) as s:
            rows = s.scalars(
                select(m.TrainingRow)
                .where(m.TrainingRow.starts_at > _wall(since))
                .order_by(m.TrainingRow.starts_at, m.TrainingRow.id)
            ).all()
            return [_course(r) for r in rows]

    def bookings(self, worker_id: str) -> list[Booking]:
        """The worker's bookings made here or pulled, oldest first (the id breaks ties)."""
        with Session(self.engine) as s:
            rows = s.scalars(
                select(m.BookingRow)
                .where(m.BookingRow.worker_id == worker_id)
                .order_by(m.BookingRow.booked_at, m.BookingRow.id)
            ).all()
            return [_booking(r) for r in rows]

    def book(self, worker_id: str, course_id: str, now: dt.datetime) -> Booking:
        """Keep a booking and queue it; AlreadyBookedError when one is active already (a
        double tap books once)."""
        with self.engine.begin() as conn:
            held = conn.execute(
                select(m.BookingRow).where(
                    m.BookingRow.worker_id == worker_id,
                    m.BookingRow.training_id == course_id,
                    m.BookingRow.status.in_([s.value for s in ACTIVE]),
                )
            ).first()
            if held is not None:
                raise AlreadyBookedError(_booking(held))
            booking_id = str(uuid.uuid4())
            conn.execute(
                insert(m.BookingRow).values(
                    id=booking_id,
                    training_id=course_id,
                    worker_id=worker_id,
                    status=BookingStatus.PENDING.value,
                    booked_at=_wall(now),
                    version=0,
                )
            )
            queue_mutation(conn, TrainingBook(booking_id, course_id, worker_id), now)
        return Booking(booking_id, course_id, worker_id, BookingStatus.PENDING)

    def cancel(self, worker_id: str, booking_id: str, now: dt.datetime) -> bool:
        """Mark the worker's active booking as cancelling and queue its cancellation (False:
        no such active booking, nothing queued)."""
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(m.BookingRow)
                .where(
                    m.BookingRow.id == booking_id,
                    m.BookingRow.worker_id == worker_id,
                    m.BookingRow.status.in_([s.value for s in ACTIVE]),
                )
                .values(status=BookingStatus.CANCELLING.value, position=None)
            ).rowcount
            if not changed:
                return False
            queue_mutation(conn, TrainingCancel(booking_id, worker_id), now)
        return True

    def wish(self, worker_id: str) -> tuple[bool, str | None]:
        """(asked already, the trade the worker would like to learn or None)."""
        with Session(self.engine) as s:
            row = s.get(m.TrainingWishRow, worker_id)
            return (False, None) if row is None else (True, row.job_type_code)

    def set_wish(self, worker_id: str, code: str | None, now: dt.datetime) -> None:
        """Keep the worker's answer and queue it for the market."""
        values = {"job_type_code": code, "asked_at": _wall(now)}
        with self.engine.begin() as conn:
            stmt = sqlite_insert(m.TrainingWishRow).values(worker_id=worker_id, **values)
            conn.execute(stmt.on_conflict_do_update(index_elements=["worker_id"], set_=values))
            queue_mutation(conn, TrainingWish(str(uuid.uuid4()), worker_id, code), now)
