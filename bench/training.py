"""Training seats at the market: what one booking and one cancellation cost the server as a
course's waiting list grows (``market.training``). A booking re-reads the course's active
bookings and re-publishes any waiting place that moved; a cancellation of a booked seat
moves every waiting place up by one, so it writes one feed row per waiting booking (in a
few statements: ``market.feed.write_many``; one ``feed.write`` each took 546 ms at 500).

- training.book.waiting10.median / training.book.waiting500.median: one more booking of a
  full course with 10 or 500 already waiting (SQLite; the 10 is the baseline).
- training.cancel.waiting10.median / training.cancel.waiting500.median: a booked worker
  cancels; the first waiting takes the seat and the rest move up.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from market import training
from market.db import make_engine, migrate, sessions

ROUNDS = 15
SEATS = 5


def _course(folder: Path, waiting: int) -> tuple[object, str]:
    engine = make_engine(f"sqlite:///{folder / f'market-{waiting}.sqlite3'}")
    migrate(engine)
    factory = sessions(engine)
    now = dt.datetime.now(dt.UTC)
    with factory.begin() as s:
        from market import feed

        feed.write(s, "job_types", "baoan", {"code": "baoan", "name_zh": "保安"}, now)
        feed.write(s, "places", "market", {"code": "market", "lat": 29.6, "lon": 91.1}, now)
        course = training.add_course(
            s,
            trade="baoan",
            title_zh="保安员培训",
            starts_at=now + dt.timedelta(days=10),
            days=5,
            place_code="market",
            seats=SEATS,
            now=now,
        )
        for i in range(SEATS + waiting):
            training.book(s, f"b{i:05d}", course, f"w{i:05d}", terminal="bench", now=now)
    return factory, course


def _timed(factory: object, fn: object) -> float:
    start = time.perf_counter()
    with factory.begin() as s:  # type: ignore[attr-defined]
        fn(s)  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def _booking(course: str, worker: str, now: dt.datetime) -> object:
    return lambda s: training.book(s, f"n{worker}", course, worker, terminal="bench", now=now)


def _cancelling(i: int, now: dt.datetime) -> object:
    return lambda s: training.cancel(s, f"b{i:05d}", f"w{i:05d}", now)


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        for waiting in (10, 500):
            factory, course = _course(Path(tmp), waiting)
            now = dt.datetime.now(dt.UTC)
            books, cancels = [], []
            for r in range(ROUNDS):
                worker = f"x{r:03d}-{uuid.uuid4().hex[:6]}"
                books.append(_timed(factory, _booking(course, worker, now)))
                cancels.append(_timed(factory, _cancelling(r, now)))
            base = "" if waiting == 10 else "  (baseline: waiting10)"
            book = statistics.median(books)
            print(f"figure: training.book.waiting{waiting}.median {book:.2f} ms{base}")
            print(
                f"figure: training.cancel.waiting{waiting}.median "
                f"{statistics.median(cancels):.2f} ms{base}"
            )


if __name__ == "__main__":
    main()
