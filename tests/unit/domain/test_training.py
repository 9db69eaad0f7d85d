"""Which courses a worker is offered, which booking of a course counts, the reminder, and
the rule a published course must keep (both sides)."""

from __future__ import annotations

import datetime as dt

from kiosk.domain.timeutil import LHASA_TZ
from kiosk.domain.training import (
    Booking,
    BookingStatus,
    Course,
    course_problem,
    mine,
    offered,
    reminder,
)

NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=LHASA_TZ)


def course(ident: str, trade: str, in_days: float, seats: int = 10, taken: int = 0) -> Course:
    start = NOW + dt.timedelta(days=in_days)
    return Course(ident, trade, "培训", start, start + dt.timedelta(days=2), "market", seats, taken)


def test_the_workers_trades_come_first_then_the_soonest_and_begun_ones_never() -> None:
    courses = [
        course("a", "baoan", 1),
        course("b", "baojie", 5),
        course("c", "wajueji", 2),
        course("d", "baojie", 3),
        course("e", "baojie", -1),  # begun yesterday
    ]
    assert [c.id for c in offered(courses, ["baojie"], NOW)] == ["d", "b", "a", "c"]
    assert [c.id for c in offered(courses, [], NOW, limit=2)] == ["a", "c"]


def test_an_active_booking_counts_before_a_cancelled_one_and_the_latest_otherwise() -> None:
    old = Booking("1", "a", "w", BookingStatus.CANCELLED)
    new = Booking("2", "a", "w", BookingStatus.WAITING, 3)
    assert mine([old, new])["a"] == new
    assert mine([new, old])["a"] == new
    assert mine([old])["a"] == old


def test_only_a_booked_course_within_a_week_is_told() -> None:
    soon, later, waiting = course("a", "baoan", 6), course("b", "baoan", 8), course("c", "x", 2)
    bookings = {
        "a": Booking("1", "a", "w", BookingStatus.BOOKED),
        "b": Booking("2", "b", "w", BookingStatus.BOOKED),
        "c": Booking("3", "c", "w", BookingStatus.WAITING, 1),
    }
    assert reminder(bookings, [later, waiting, soon], NOW) == soon
    assert reminder({}, [soon], NOW) is None


def test_a_course_must_have_seats_known_codes_and_end_after_it_starts() -> None:
    good = {"title_zh": "保安", "seats_total": 5, "seats_taken": 5, "waiting": 2}
    assert course_problem(good) is None
    assert "seats" in (course_problem({**good, "seats_total": 0}) or "")
    assert "seats taken" in (course_problem({**good, "seats_taken": 6}) or "")
    assert "bring" in (course_problem({**good, "bring": ["sword"]}) or "")
    assert "language" in (course_problem({**good, "language": "fr"}) or "")
    ends = {**good, "starts_at": NOW, "ends_at": NOW - dt.timedelta(hours=1)}
    assert "ends before" in (course_problem(ends) or "")
    assert course(" ", "baoan", 1).full is False
    assert course("f", "baoan", 1, seats=3, taken=3).full
