"""Two writers on one SQLite file: the DB worker (UI writes) and the sync thread.

- db.ui_write_wait.during_sync: while a fresh kiosk pulls 10,000 jobs, the DB worker writes
  what the UI writes (an audit row, as "call staff" does) every 20 ms; each write's time from
  start to commit is its wait. Target: the longest at most 50 ms. Baselines: the same writes
  with no sync running, and during a pull whose sync thread does not checkpoint the WAL
  after each page (so some UI write's commit does it).
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import threading
import time
from pathlib import Path

from bench.sync import market_with_jobs
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.services.sync import StoreSyncPort
from kiosk.store import models as m
from kiosk.store.sync import SyncRepository
from tests.helpers.syncrig import Station, enrol

JOBS = 10_000
PERIOD_S = 0.02


def _writes(st: Station, stop: threading.Event, out: list[float]) -> None:
    """UI-like writes until ``stop``: each one's wall time from start to commit, in ms."""
    audit = st.backend.audit
    while not stop.is_set():
        start = time.perf_counter()
        audit.append(dt.datetime.now(LHASA_TZ), "worker", "staff_called")
        out.append((time.perf_counter() - start) * 1000)
        time.sleep(PERIOD_S)


def _pct(values: list[float], q: float) -> float:
    return sorted(values)[max(0, round(q * len(values)) - 1)]


def measure(tmp: Path, checkpoint: bool = True) -> tuple[list[float], list[float], float]:
    """(waits without sync, waits during the initial sync, sync wall seconds); ``checkpoint``:
    the sync thread checkpoints the WAL after each page, as the kiosk does."""
    db = f"sqlite:///{tmp / 'market.sqlite3'}"
    server = market_with_jobs(tmp, db, JOBS)
    try:
        st = enrol(tmp / "kiosk", server.url, db, "bench-writer")
        port = st.worker.engine.local
        assert isinstance(port, StoreSyncPort)
        assert isinstance(port.repo, SyncRepository)
        port.repo.checkpoints = checkpoint
        try:
            baseline: list[float] = []
            stop = threading.Event()
            writer = threading.Thread(target=_writes, args=(st, stop, baseline))
            writer.start()
            time.sleep(3)
            stop.set()
            writer.join()
            during: list[float] = []
            stop = threading.Event()
            writer = threading.Thread(target=_writes, args=(st, stop, during))
            writer.start()
            start = time.perf_counter()
            st.worker.engine.cycle()
            wall = time.perf_counter() - start
            stop.set()
            writer.join()
            assert st.count(m.JobRow) == JOBS, st.count(m.JobRow)
        finally:
            st.close()
    finally:
        server.stop()
    return baseline, during, wall


ROUNDS = 5


def main() -> None:
    """Print the figures: the worst wait over ROUNDS fresh pulls (and each round's)."""
    baseline: list[float] = []
    during: list[float] = []
    worst: list[float] = []
    walls: list[float] = []
    unchecked: list[float] = []
    unchecked_walls: list[float] = []
    for _ in range(ROUNDS):
        with tempfile.TemporaryDirectory() as tmp:
            base, dur, wall = measure(Path(tmp))
        baseline += base
        during += dur
        worst.append(max(dur))
        walls.append(wall)
        with tempfile.TemporaryDirectory() as tmp:
            _base, dur, wall = measure(Path(tmp), checkpoint=False)
        unchecked.append(max(dur))
        unchecked_walls.append(wall)
    rounds = ", ".join(f"{w:.1f}" for w in worst)
    print(
        f"figure: db.ui_write_wait.during_sync.max {max(during):.1f} ms "
        f"(target <= 50 ms; each round's worst {rounds} ms; {len(during)} writes during "
        f"{ROUNDS} pulls of {JOBS} jobs, median pull {statistics.median(walls):.1f} s; "
        f"baseline without sync: max {max(baseline):.1f} ms; baseline without the sync "
        f"thread's checkpoint: max {max(unchecked):.1f} ms, median pull "
        f"{statistics.median(unchecked_walls):.1f} s)"
    )
    print(
        f"figure: db.ui_write_wait.during_sync.round_max.median {statistics.median(worst):.1f} ms"
        f" (baseline without the sync thread's checkpoint: {statistics.median(unchecked):.1f} ms)"
    )
    print(
        f"figure: db.ui_write_wait.during_sync.p95 {_pct(during, 0.95):.1f} ms "
        f"(baseline p95 {_pct(baseline, 0.95):.1f} ms)"
    )
    print(
        f"figure: db.ui_write_wait.during_sync.median {statistics.median(during):.1f} ms "
        f"(baseline median {statistics.median(baseline):.1f} ms)"
    )


if __name__ == "__main__":
    main()
