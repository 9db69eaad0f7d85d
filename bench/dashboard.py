"""The staff's dashboard (``kiosk.store.dashboard``): counting a week at a kiosk whose
outbox and audit log hold a year of work.

- dashboard.week.1k.median: 1,000 outbox rows and 1,000 audit rows (a new kiosk), the
  baseline for the 100k figure.
- dashboard.week.100k.median: 100,000 of each (about a year at a busy station: the outbox
  keeps every mutation, sent or not). The dashboard opens on the staff's touch, so it
  should stay well under the 100 ms a tap is expected to answer in (UX.md).
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import Engine, insert

from kiosk.domain.timeutil import LHASA_TZ
from kiosk.store import models as m
from kiosk.store.dashboard import DashboardRepository
from kiosk.store.db import open_database

ROUNDS = 15
KINDS = ("worker.register", "application.create", "complaint.file", "pay.confirm")
TODAY = dt.date(2026, 12, 3)


def _store(folder: Path, rows: int) -> Engine:
    engine, _report = open_database(folder / f"kiosk-{rows}.sqlite3")
    start = dt.datetime.combine(TODAY, dt.time(18), LHASA_TZ).replace(tzinfo=None)
    spread = dt.timedelta(days=365) / rows  # evenly over the year before today
    outbox, audit = [], []
    for i in range(rows):
        at = start - spread * i
        outbox.append(
            {
                "mutation_uuid": str(uuid.UUID(int=i)),
                "type": KINDS[i % len(KINDS)],
                "entity_id": str(uuid.UUID(int=rows + i)),
                "payload": {},
                "captured_at_local": at,
                "state": "done",
            }
        )
        audit.append({"at": at, "actor": "worker", "action": "visit", "detail": ""})
    with engine.begin() as conn:
        conn.execute(insert(m.OutboxRow), outbox)
        conn.execute(insert(m.AuditRow), audit)
    return engine


def _median_ms(engine: Engine) -> float:
    repo = DashboardRepository(engine)
    repo.days(TODAY)  # warm the page cache
    times = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        board = repo.days(TODAY)
        times.append((time.perf_counter() - t0) * 1000)
    assert board.total("visits") > 0
    return statistics.median(times)


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        small_engine = _store(Path(tmp), 1_000)
        large_engine = _store(Path(tmp), 100_000)
        small = _median_ms(small_engine)
        large = _median_ms(large_engine)
        small_engine.dispose()
        large_engine.dispose()
    print(f"figure: dashboard.week.1k.median {small:.1f} ms (baseline for the 100k figure)")
    print(f"figure: dashboard.week.100k.median {large:.1f} ms (1k baseline {small:.1f} ms)")


if __name__ == "__main__":
    main()
