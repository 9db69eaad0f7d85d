"""Skills-training booking end to end, on SQLite and PostgreSQL: a course staff publish with
``market-admin`` reaches two kiosks; the last seat goes to one worker and the next joins the
waiting list; a booking sent again after a lost reply counts once; a double tap books once;
a cancellation made offline reaches the market after sync and gives the seat to the first
waiting, who sees "booked" at their kiosk after its next pull."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path

from kiosk.domain.profile import ProfileDraft
from kiosk.domain.training import BookingStatus
from kiosk.idcard.demo import SAMPLES
from kiosk.services.training import BookResult
from kiosk.store import models as m
from market import admin
from market.models import Booking
from tests.helpers.faultproxy import Fault, FaultProxy
from tests.helpers.market import MarketServer, market_admin, server_rows
from tests.helpers.syncrig import Station, enrol


def _course(database: str, today: dt.date, seats: int) -> str:
    start = dt.datetime.combine(today + dt.timedelta(days=4), dt.time(9))
    out = market_admin(
        database,
        "course-add",
        "--trade",
        "baojie",
        "--title",
        "保洁员技能培训（测试）",
        "--start",
        start.isoformat(),
        "--days",
        "3",
        "--place",
        "market",
        "--seats",
        str(seats),
        "--subsidised",
        "--bring",
        "id_card,work_clothes",
    )
    return out.strip().splitlines()[-1]


def _refused(database: str, *args: str) -> str:
    """What ``market-admin`` says on stderr when it refuses (argparse exits with 2)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = admin.main(["--database", database, *args])
        except SystemExit as exc:
            code = int(exc.code or 0)
    assert code != 0, args
    return err.getvalue()


def _filed(k: Station, sample: str, chip: str) -> None:
    k.backend.registration.register(SAMPLES[sample], chip, ProfileDraft(skills={"baojie": 2}))
    k.worker.run_once()  # the worker reaches the market before their booking


def _status(k: Station) -> BookingStatus:
    worker = k.backend.session.worker
    assert worker is not None
    (booking,) = k.backend.training.offer(worker).bookings.values()
    return booking.status


def test_the_last_seat_is_given_once_and_a_cancellation_moves_the_list_up(
    market: MarketServer, station: Station, today: dt.date, tmp_path: Path
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "20", "--today", today.isoformat())
    course_id = _course(market.database, today, seats=1)
    other = enrol(tmp_path / "kiosk2", market.url, market.database, "station-2")
    proxy = FaultProxy(market.url)
    try:
        for k in (station, other):
            k.worker.run_once()
        _filed(station, "resident_tibetan", "CHIP-A")
        _filed(other, "hmt_permit", "CHIP-B")
        first = station.backend.session.worker
        second = other.backend.session.worker
        assert first is not None
        assert second is not None
        (course,) = [c for c in station.backend.training.offer(first).courses if c.id == course_id]
        assert course.seats_left == 1
        trades = [c.job_type_code for c in station.backend.training.offer(first).courses]
        assert trades[:2] == ["baojie", "baojie"]  # the worker's trade first (and the demo's)
        assert "baojie" not in trades[2:]

        # A double tap books once; the reply to the push is lost; the push goes again.
        result, _ = station.backend.training.book(first, course)
        again, _ = station.backend.training.book(first, course)
        assert (result, again) == (BookResult.BOOKED, BookResult.ALREADY)
        assert station.count(m.OutboxRow, m.OutboxRow.type == "training.book") == 1
        station.worker.engine.client.base = proxy.url
        proxy.fault = Fault("drop", path="/v1/mutations")
        assert station.worker.run_once() is None  # applied at the market, never heard
        assert station.worker.run_once() is not None
        assert server_rows(market.database, Booking) == 1
        assert _status(station) is BookingStatus.BOOKED

        # The other kiosk pulls the course as full: its worker joins the waiting list.
        other.worker.run_once()
        (seen,) = [c for c in other.backend.training.offer(second).courses if c.id == course_id]
        assert seen.full
        result, _ = other.backend.training.book(second, seen)
        assert result is BookResult.WAITING
        other.worker.run_once()
        assert _status(other) is BookingStatus.WAITING
        worker = other.backend.session.worker
        assert worker is not None
        (waiting,) = other.backend.training.offer(worker).bookings.values()
        assert waiting.position == 1

        # Offline, the first worker cancels: kept here, sent when the market is back.
        proxy.fault = Fault("503", times=3, path="/v1/mutations")
        mine = station.backend.training.offer(first).bookings[course_id]
        assert station.backend.training.cancel(first, mine)
        assert not station.backend.training.cancel(first, mine)  # twice: once
        assert station.worker.run_once() is None
        assert _status(station) is BookingStatus.CANCELLING
        proxy.fault = None
        while station.outbox_states().get("pending"):
            station.worker.run_once()
        assert _status(station) is BookingStatus.CANCELLED

        # The seat went to the first waiting: the other kiosk hears it at its next pull.
        other.worker.run_once()
        assert _status(other) is BookingStatus.BOOKED
        out = market_admin(market.database, "courses")
        assert "seats 1/1  waiting 0" in out
        states = market_admin(market.database, "course-bookings", course_id)
        assert states.count("booked") == 1
        assert states.count("cancelled") == 1
    finally:
        proxy.close()
        other.close()


def test_bad_courses_and_late_bookings_are_refused_with_a_reason(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "20", "--today", today.isoformat())
    for wrong, says in (
        (["--seats", "0"], "seats must be from 1"),
        (["--seats", "5", "--trade", "nosuch"], "unknown job type"),
        (["--seats", "5", "--bring", "sword"], "unknown sword"),
    ):
        args = ["course-add", "--trade", "baojie", "--title", "x", "--start", "2030-01-01T09:00"]
        args += ["--place", "market", *wrong]
        assert says in _refused(market.database, *args)
    course_id = _course(market.database, today, seats=2)
    station.worker.run_once()
    _filed(station, "resident_tibetan", "CHIP-A")
    worker = station.backend.session.worker
    assert worker is not None
    (course,) = [c for c in station.backend.training.offer(worker).courses if c.id == course_id]
    market_admin(market.database, "course-withdraw", course_id)
    result, _ = station.backend.training.book(worker, course)  # not yet pulled: kept here
    assert result is BookResult.BOOKED
    station.worker.run_once()
    assert _status(station) is BookingStatus.CLOSED  # the market's answer, shown as such
    assert course_id not in {c.id for c in station.backend.training.offer(worker).courses}

    # The trade the worker would like to learn reaches the market's count of wishes.
    station.backend.training.wish(worker, "wajueji")
    station.worker.run_once()
    wishes = market_admin(market.database, "training-wishes")
    assert "wajueji  1 worker(s)" in wishes
    assert "only their own trades  0" in wishes
