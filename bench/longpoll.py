"""Jobs within a second (``kiosk.sync.watch``, ``GET /v1/changes/wait``): a job posted at the
market (``market-admin post-job``, a process of its own) until its row is in the kiosk's
table, with the kiosk's default settings (sync every 30 s, a request waiting up to 25 s at
the market).

- sync.delta.longpoll.sqlite.{p50,p95}: one server process on SQLite, which notices a
  write by another process within a second (it looks again every second).
- sync.delta.longpoll.pg.{p50,p95}: two server processes on PostgreSQL; the write's NOTIFY
  wakes the waiting request in whichever process holds it.

Baseline: ``sync.delta`` (bench/sync.py), polling every second, and the default interval
without the wait: 30 s.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from bench.sync import _pct, _wait, post_and_time
from kiosk.store import models as m
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.postgres import Postgres
from tests.helpers.syncrig import enrol

SAMPLES = 15


def delta(tmp: Path, database: str, workers: int, label: str) -> None:
    """Post ``SAMPLES`` jobs one by one; print the median and p95 until each arrived."""
    market_admin(database, "migrate")
    today = dt.date.today().isoformat()
    market_admin(database, "import-demo", "--jobs", "200", "--today", today)
    server = MarketServer.start(database, tmp / f"market-{label}.log", workers=workers)
    st = enrol(tmp / f"k-{label}", server.url, database, f"bench-{label}")
    assert st.config.sync.interval_s == 30
    assert st.worker.watcher is not None
    st.worker.start()
    try:
        _wait(lambda: st.count(m.JobRow) >= 200, 60)
        time.sleep(1.0)
        latencies = post_and_time(st, database, SAMPLES, pause_s=0.3)  # then it waits again
        print(
            f"figure: sync.delta.longpoll.{label}.p50 {statistics.median(latencies):.2f} s "
            f"(default settings; baseline: the 30 s interval alone, 15 s on average)"
        )
        print(f"figure: sync.delta.longpoll.{label}.p95 {_pct(latencies, 0.95):.2f} s")
    finally:
        st.worker.stop()
        st.close()
        server.stop()


def main() -> None:
    """Both databases."""
    with tempfile.TemporaryDirectory(prefix="bench-longpoll-") as tmp:
        root = Path(tmp)
        delta(root, f"sqlite:///{root / 'lp.sqlite3'}", 1, "sqlite")
        pg = Postgres.start()
        try:
            delta(root, pg.create_database("bench_longpoll"), 2, "pg")
        finally:
            pg.stop()


if __name__ == "__main__":
    main()
