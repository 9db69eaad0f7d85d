"""Skills-training courses and their seats at the market (issue 16).

Courses are feed records (``trainings``) every kiosk pulls. The market counts seats: a
booking takes a free seat, else joins the waiting list; a booked worker's cancellation gives
the seat to the first on the list. Each booking is published (``bookings``: worker id,
course, status, place on the list) so the worker sees it at any station; the course's
``seats_taken`` and ``waiting`` move with every change. The course's record row is locked
(``FOR UPDATE`` on PostgreSQL) while its seats are counted, so two server processes never
give away one seat twice.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.timeutil import LHASA_TZ
from kiosk.domain.training import course_problem
from market import feed
from market.models import Booking, Record

BOOKED, WAITING, CANCELLED = "booked", "waiting", "cancelled"


class RefusedError(Exception):
    """A booking the market refuses (``closed``, ``started``, ``already_booked``...)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def add_course(
    s: Session,
    *,
    trade: str,
    title_zh: str,
    starts_at: dt.datetime,
    days: int,
    place_code: str,
    seats: int,
    now: dt.datetime,
    title_bo: str = "",
    subsidised: bool = False,
    who: tuple[str, ...] = ("registered",),
    bring: tuple[str, ...] = ("id_card",),
    language: str = "both",
) -> str:
    """Publish a course; ``ValueError`` names what no kiosk could take, ``LookupError`` an
    unknown trade or place, and nothing is published."""
    start = starts_at.astimezone(LHASA_TZ)
    if not 1 <= days <= 366:
        raise ValueError(f"the days must be from 1 to 366, not {days}")
    end = dt.datetime.combine(start.date() + dt.timedelta(days=days - 1), dt.time(17), LHASA_TZ)
    data: dict[str, Any] = {
        "job_type_code": trade,
        "title_zh": title_zh,
        "title_bo": title_bo,
        "starts_at": start,
        "ends_at": max(end, start),
        "place_code": place_code,
        "seats_total": seats,
        "seats_taken": 0,
        "waiting": 0,
        "subsidised": subsidised,
        "who": list(who),
        "bring": list(bring),
        "language": language,
    }
    problem = course_problem(data)
    if problem is not None:
        raise ValueError(problem)
    for collection, code in (("job_types", trade), ("places", place_code)):
        if s.get(Record, (collection, code)) is None:
            raise LookupError(f"unknown {collection[:-1].replace('_', ' ')} {code!r}")
    course_id = str(uuid.uuid4())
    data["id"] = course_id
    data["starts_at"], data["ends_at"] = start.isoformat(), data["ends_at"].isoformat()
    feed.write(s, "trainings", course_id, data, now)
    return course_id


def _course(s: Session, course_id: str) -> Record | None:
    """The course's record, locked against another process counting its seats."""
    return s.scalar(
        select(Record)
        .where(Record.collection == "trainings", Record.id == course_id)
        .with_for_update()
    )


def _active(s: Session, course_id: str) -> list[Booking]:
    """Booked and waiting, in order of arrival (the id breaks ties)."""
    return list(
        s.scalars(
            select(Booking)
            .where(Booking.training_id == course_id, Booking.status.in_((BOOKED, WAITING)))
            .order_by(Booking.created_at, Booking.id)
        )
    )


def _published(b: Booking, position: int | None) -> dict[str, Any]:
    return {
        "training_id": b.training_id,
        "worker_id": b.worker_id,
        "status": b.status,
        "position": position,
        "booked_at": b.created_at.astimezone(LHASA_TZ).isoformat(),
    }


def _publish(s: Session, shown: list[tuple[Booking, int | None]], now: dt.datetime) -> None:
    """Write each booking whose published state moved (read in one query)."""
    if not shown:
        return
    ids = [b.id for b, _ in shown]
    held = {
        r.id: r.data
        for r in s.scalars(
            select(Record).where(Record.collection == "bookings", Record.id.in_(ids))
        )
    }
    moved = [(b.id, _published(b, place)) for b, place in shown]
    moved = [(ident, data) for ident, data in moved if held.get(ident) != data]
    feed.write_many(s, "bookings", list(dict(moved).items()), now)


def _recount(s: Session, course: Record, now: dt.datetime, changed: set[str]) -> None:
    """Publish the course's counts, the changed bookings and every waiting one's place."""
    active = _active(s, course.id)
    booked = [b for b in active if b.status == BOOKED]
    waiting = [b for b in active if b.status == WAITING]
    counts = {"seats_taken": len(booked), "waiting": len(waiting)}
    if any(course.data.get(k) != v for k, v in counts.items()):
        feed.write(s, "trainings", course.id, {**course.data, **counts}, now)
    shown: list[tuple[Booking, int | None]] = [(b, None) for b in booked if b.id in changed]
    shown += [(b, place) for place, b in enumerate(waiting, start=1)]
    for ident in changed:
        gone = s.get(Booking, ident)
        if gone is not None and gone.status == CANCELLED:
            shown.append((gone, None))
    _publish(s, shown, now)


def book(
    s: Session, booking_id: str, course_id: str, worker_id: str, *, terminal: str, now: dt.datetime
) -> tuple[str, int | None]:
    """A seat if one is free, else the waiting list: (status, place on the list)."""
    course = _course(s, course_id)
    if course is None:
        raise RefusedError("unknown_course")
    if course.deleted:
        raise RefusedError("closed")
    if dt.datetime.fromisoformat(course.data["starts_at"]) <= now:
        raise RefusedError("started")
    active = _active(s, course_id)
    if any(b.worker_id == worker_id for b in active):
        raise RefusedError("already_booked")
    seats = int(course.data.get("seats_total", 0))
    taken = sum(1 for b in active if b.status == BOOKED)
    status = BOOKED if taken < seats else WAITING
    s.add(
        Booking(
            id=booking_id,
            training_id=course_id,
            worker_id=worker_id,
            terminal_id=terminal,
            status=status,
            created_at=now,
        )
    )
    s.flush()
    _recount(s, course, now, {booking_id})
    place = None if status == BOOKED else sum(1 for b in active if b.status == WAITING) + 1
    return status, place


def cancel(s: Session, booking_id: str, worker_id: str, now: dt.datetime) -> str | None:
    """Give up a booking (again: nothing more); a freed seat goes to the first waiting.
    Returns the id of the booking that moved up, if any."""
    b = s.get(Booking, booking_id)
    if b is None or b.worker_id != worker_id:
        raise RefusedError("unknown_booking")
    course = _course(s, b.training_id)
    if b.status == CANCELLED:
        return None
    freed = b.status == BOOKED
    b.status, b.cancelled_at = CANCELLED, now
    s.flush()
    changed = {b.id}
    moved = None
    if course is not None and freed:
        first = next((w for w in _active(s, b.training_id) if w.status == WAITING), None)
        seats = int(course.data.get("seats_total", 0))
        booked = sum(1 for x in _active(s, b.training_id) if x.status == BOOKED)
        if first is not None and booked < seats:
            first.status = BOOKED
            s.flush()
            changed.add(first.id)
            moved = first.id
    if course is not None:
        _recount(s, course, now, changed)
    else:
        _publish(s, [(b, None)], now)
    return moved


def listing(s: Session, now: dt.datetime) -> list[str]:
    """One line per course not yet ended (``market-admin courses``)."""
    lines = []
    for r in s.scalars(
        select(Record)
        .where(Record.collection == "trainings", Record.deleted.is_(False))
        .order_by(Record.id)
    ):
        d = r.data
        if dt.datetime.fromisoformat(d["ends_at"]) < now:
            continue
        lines.append(
            f"{r.id}  {d['starts_at'][:16]}  {d['job_type_code']}  {d['title_zh']}  "
            f"seats {d.get('seats_taken', 0)}/{d['seats_total']}  waiting {d.get('waiting', 0)}"
        )
    return sorted(lines, key=lambda line: line.split("  ")[1])
