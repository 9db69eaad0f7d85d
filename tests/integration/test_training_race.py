"""Seats are never given twice: two kiosks push twenty bookings of one five-seat course at
the same moment to a market serving from two processes, on SQLite and PostgreSQL. Exactly
five are booked, fifteen wait with places 1 to 15 in order of arrival, and both kiosks
show the same after their next pull."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.timeutil import LHASA_TZ
from kiosk.store import models as m
from kiosk.store.training import TrainingRepository
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.syncrig import Station, enrol, seed_like_server

pytestmark = pytest.mark.slow

SEATS, EACH = 5, 10


@pytest.fixture
def two_workers(market_db: str, tmp_path: Path) -> Iterator[MarketServer]:
    """A server with two worker processes over a fresh database."""
    market_admin(market_db, "migrate")
    server = MarketServer.start(market_db, tmp_path / "market.log", workers=2)
    yield server
    server.stop()


def _workers(k: Station) -> list[str]:
    with Session(k.backend.engine) as s:
        return sorted(s.scalars(select(m.WorkerRow.id)))


def _states(k: Station) -> list[tuple[str, int | None]]:
    with Session(k.backend.engine) as s:
        rows = s.execute(select(m.BookingRow.status, m.BookingRow.position)).all()
    return sorted((str(st), pos) for st, pos in rows)


def test_two_kiosks_at_once_never_overbook(
    two_workers: MarketServer, tmp_path: Path, today: dt.date
) -> None:
    database = two_workers.database
    market_admin(database, "import-demo", "--jobs", "20", "--today", today.isoformat())
    start = dt.datetime.combine(today + dt.timedelta(days=3), dt.time(9)).isoformat()
    course_id = market_admin(
        database,
        "course-add",
        "--trade",
        "baoan",
        "--title",
        "保安员培训（名额测试）",
        "--start",
        start,
        "--place",
        "market",
        "--seats",
        str(SEATS),
    ).strip()
    kiosks = [
        enrol(tmp_path / f"kiosk{i}", two_workers.url, database, f"station-{i}") for i in (1, 2)
    ]
    try:
        for k in kiosks:
            seed_like_server(k, 20, today)  # the market's demo workers, the same ids
            k.worker.run_once()
        people = _workers(kiosks[0])
        assert len(people) >= 2 * EACH
        now = dt.datetime.now(LHASA_TZ)
        for i, k in enumerate(kiosks):
            repo = TrainingRepository(k.backend.engine)
            for worker_id in people[i * EACH : (i + 1) * EACH]:
                repo.book(worker_id, course_id, now)
        gate = threading.Barrier(2)

        def push(k: Station) -> None:
            gate.wait()
            k.worker.run_once()

        threads = [threading.Thread(target=push, args=(k,)) for k in kiosks]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        for k in kiosks:
            while k.outbox_states().get("pending"):
                k.worker.run_once()
        for k in kiosks:
            k.worker.run_once()  # the seats and places as the market published them
        states = _states(kiosks[0])
        assert states == _states(kiosks[1])
        assert [s for s, _ in states].count("booked") == SEATS
        waiting = sorted(p for s, p in states if s == "waiting")
        assert waiting == list(range(1, 2 * EACH - SEATS + 1))
        listing = market_admin(database, "courses")
        assert f"seats {SEATS}/{SEATS}  waiting {2 * EACH - SEATS}" in listing
    finally:
        for k in kiosks:
            k.close()
