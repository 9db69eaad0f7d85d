"""Sync over loopback against the real reference server (uvicorn in a subprocess).

- sync.initial.10k: a fresh kiosk pulls 10,000 jobs (wall, requests, bytes with gzip on and
  off, peak RSS). Target: under 5 s. Baseline: the same pages fetched without applying them.
- sync.delta: a job committed at the market -> the row in the kiosk's table, with the kiosk
  polling every second and not waiting on the feed (p50, p95). Baseline: the poll
  interval. ``bench/longpoll.py`` measures the default settings.
- sync.drain.1000: 1,000 queued mutations pushed after reconnect. Baseline: one batch of 100.
- sync.burst.500: 500 simulated kiosks against one server on PostgreSQL, 50 at a time: p50
  and p95 of /v1/changes and /v1/mutations. Baseline: the same calls from a single kiosk.
  (``bench/load.py`` measures 500 kiosks waiting on the feed, with Locust.)
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kiosk.domain.registry import WorkerBindCard
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.store import models as m
from kiosk.store.outbox import queue_mutation
from kiosk.sync import wire
from kiosk.sync.client import MarketClient
from kiosk.sync.credentials import Credentials
from kiosk.sync.engine import CycleReport
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.postgres import Postgres
from tests.helpers.syncrig import Station, enrol, seed_like_server

TODAY = dt.datetime.now(LHASA_TZ).date()


def _pct(values: list[float], q: float) -> float:
    return sorted(values)[max(0, round(q * len(values)) - 1)]


def market_with_jobs(tmp: Path, database: str, jobs: int) -> MarketServer:
    """A migrated market with ``jobs`` demo jobs, served on loopback."""
    market_admin(database, "migrate")
    if jobs:
        market_admin(database, "import-demo", "--jobs", str(jobs), "--today", TODAY.isoformat())
    # Hundreds of simulated kiosks enrol from one address: lift the per-address limit.
    many = {"MARKET_ENROL_RATE_PER_MIN": "100000", "MARKET_MAX_PENDING_ENROLMENTS": "100000"}
    return MarketServer.start(database, tmp / "market.log", env=many)


def initial(tmp: Path) -> None:
    """Pull 10,000 jobs into an empty kiosk, gzip on and off."""
    db = f"sqlite:///{tmp / 'initial.sqlite3'}"
    server = market_with_jobs(tmp, db, 10_000)
    try:
        for label, encoding in (("gzip", "gzip"), ("plain", "identity")):
            st = enrol(tmp / f"k-{label}", server.url, db, f"bench-{label}")
            client = st.worker.engine.client
            client.session.headers["Accept-Encoding"] = encoding
            start = time.perf_counter()
            report = st.worker.engine.cycle()
            wall = time.perf_counter() - start
            assert st.count(m.JobRow) == 10_000, st.count(m.JobRow)
            print(f"figure: sync.initial.10k.{label}.wall {wall:.2f} s (target < 5 s)")
            print(f"figure: sync.initial.10k.{label}.requests {client.requests} requests")
            print(f"figure: sync.initial.10k.{label}.bytes {client.bytes_in / 1e6:.2f} MB")
            if label == "gzip":
                _fetch_only(st, report)
            st.close()
        _initial_process(tmp, server.url, db)
    finally:
        server.stop()


def _initial_process(tmp: Path, url: str, db: str) -> None:
    """The same pull as a kiosk process does it (``kiosk-admin sync --once``): wall and RSS."""
    st = enrol(tmp / "k-process", url, db, "bench-process")
    data_dir = st.config.storage.data_dir
    st.close()
    env = {**os.environ, "KIOSK_STORAGE_DATA_DIR": data_dir}
    admin = str(Path(sys.executable).parent / "kiosk-admin")
    start = time.perf_counter()
    subprocess.run([admin, "sync", "--once"], env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    start = time.perf_counter()
    subprocess.run([admin, "config-example"], env=env, check=True, capture_output=True)
    bare = time.perf_counter() - start
    print(
        f"figure: sync.initial.10k.process.wall {wall:.2f} s "
        f"(kiosk-admin sync --once; baseline: the same command doing nothing, {bare:.2f} s)"
    )
    print(f"figure: sync.initial.10k.process.peak_rss {rss:.0f} MiB")


def _fetch_only(st: Station, report: CycleReport) -> None:
    """Baseline: the same pages, fetched and parsed, not applied."""
    client = st.worker.engine.client
    cursor: str | None = None
    start = time.perf_counter()
    pages = 0
    while True:
        page = client.changes(wire.COLLECTIONS, cursor, wire.MAX_PAGE)
        pages += 1
        cursor = page.next_cursor
        if not page.has_more:
            break
    wall = time.perf_counter() - start
    print(
        f"figure: sync.initial.10k.fetch_only.wall {wall:.2f} s "
        f"(baseline for the apply cost; {pages} pages vs {report.pages})"
    )


def post_and_time(st: Station, database: str, samples: int, pause_s: float = 0.0) -> list[float]:
    """Post ``samples`` jobs at the market one by one (``market-admin``, a process of its
    own); the seconds from each commit until its row is in the kiosk's table."""
    latencies = []
    for i in range(samples):
        job_id = market_admin(
            database, "post-job", "--trade", "banyun", "--title", f"d{i}", "--wage", "260"
        ).strip()
        committed = time.perf_counter()

        def arrived(j: str = job_id) -> bool:
            return st.count(m.JobRow, m.JobRow.id == j) == 1

        _wait(arrived, 40)
        latencies.append(time.perf_counter() - committed)
        time.sleep(pause_s)
    return latencies


def delta(tmp: Path, samples: int = 20) -> None:
    """Commit at the market -> row at the kiosk, polling every second."""
    db = f"sqlite:///{tmp / 'delta.sqlite3'}"
    server = market_with_jobs(tmp, db, 200)
    st = enrol(tmp / "k-delta", server.url, db, "bench-delta")
    st.worker.interval_s = 1.0
    if st.worker.watcher is not None:  # polling alone: bench/longpoll.py measures the wait
        st.worker.watcher.client.close()
        st.worker.watcher = None
    st.worker.start()
    try:
        _wait(lambda: st.count(m.JobRow) >= 200, 30)
        latencies = post_and_time(st, db, samples)
        print(
            f"figure: sync.delta.p50 {statistics.median(latencies):.2f} s "
            f"(poll interval 1 s with jitter; baseline: half the interval, 0.5 s)"
        )
        print(f"figure: sync.delta.p95 {_pct(latencies, 0.95):.2f} s")
    finally:
        st.worker.stop()
        st.close()
        server.stop()


def drain(tmp: Path) -> None:
    """1,000 queued mutations pushed in one go."""
    db = f"sqlite:///{tmp / 'drain.sqlite3'}"
    server = market_with_jobs(tmp, db, 100)
    st = enrol(tmp / "k-drain", server.url, db, "bench-drain")
    seed_like_server(st, 100, TODAY)
    st.worker.engine.cycle()
    try:
        timings = {}
        for n in (100, 1000):
            workers = st.backend.workers.sample(10)
            now = dt.datetime.now(LHASA_TZ)
            with st.backend.engine.begin() as conn:
                for i in range(n):
                    w = workers[i % len(workers)]
                    payload = WorkerBindCard(w.id, uuid.uuid4().hex * 2)
                    queue_mutation(conn, payload, now)
            start = time.perf_counter()
            report = st.worker.engine.cycle()
            timings[n] = time.perf_counter() - start
            assert report.pushed == n, report
        print(
            f"figure: sync.drain.1000.wall {timings[1000]:.2f} s "
            f"(baseline: one batch of 100 in {timings[100]:.2f} s)"
        )
        print(f"figure: sync.drain.1000.rate {1000 / timings[1000]:.0f} mutations/s")
    finally:
        st.close()
        server.stop()


def load(tmp: Path, kiosks: int = 500, parallel: int = 50) -> None:
    """500 kiosks, each one pull and one push of 5 registrations, 50 at a time, on PostgreSQL."""
    pg = Postgres.start()
    try:
        db = pg.create_database("bench_load")
        server = market_with_jobs(tmp, db, 2000)
        try:
            creds = _enrol_many(server.url, db, kiosks)
            single = _load_round(server.url, creds[:1], 1, rounds=20)
            many = _load_round(server.url, creds, parallel, rounds=1)
            for endpoint in ("changes", "mutations"):
                print(
                    f"figure: sync.burst.{kiosks}.{endpoint}.p50 "
                    f"{statistics.median(many[endpoint]) * 1000:.0f} ms "
                    f"(baseline, one kiosk: {statistics.median(single[endpoint]) * 1000:.0f} ms)"
                )
                print(
                    f"figure: sync.burst.{kiosks}.{endpoint}.p95 "
                    f"{_pct(many[endpoint], 0.95) * 1000:.0f} ms "
                    f"(baseline, one kiosk: {_pct(single[endpoint], 0.95) * 1000:.0f} ms)"
                )
        finally:
            server.stop()
    finally:
        pg.stop()


def _enrol_many(url: str, db: str, n: int) -> list[Credentials]:
    client = MarketClient(url, None, app_version="0.1.0")
    starts = [client.enrol(f"sim-{i}") for i in range(n)]
    market_admin(db, "approve", "--all-pending")
    out = []
    for s in starts:
        got = client.enrol_poll(s.device_code)
        assert isinstance(got, Credentials), got
        out.append(got)
    client.close()
    return out


def feed_tail(url: str, creds: Credentials) -> str:
    """The cursor at the end of the market's feed, as a kiosk in steady state has it."""
    probe = MarketClient(url, creds, app_version="0.1.0")
    tail = None
    while True:
        page = probe.changes(wire.COLLECTIONS, tail, wire.MAX_PAGE)
        tail = page.next_cursor
        if not page.has_more:
            break
    probe.close()
    return tail or ""


def _load_round(
    url: str, creds: list[Credentials], parallel: int, rounds: int
) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"changes": [], "mutations": []}
    lock = threading.Lock()
    tail = feed_tail(url, creds[0])  # kiosks in steady state: at the end of the feed

    def one(c: Credentials) -> None:
        client = MarketClient(url, c, app_version="0.1.0")
        for _ in range(rounds):
            start = time.perf_counter()
            client.changes(wire.COLLECTIONS, tail, wire.MAX_PAGE)
            t_changes = time.perf_counter() - start
            items = []
            for seq in range(5):  # each kiosk files its own workers: no shared rows
                w = str(uuid.uuid4())
                items.append(
                    {
                        "seq": seq + 1,
                        "mutation_uuid": str(uuid.uuid4()),
                        "type": "worker.register",
                        "entity_id": w,
                        "base_version": None,
                        "payload": {
                            "worker_id": w,
                            "id_hash": uuid.uuid4().hex * 2,
                            "name": "x",
                            "skills": {"banyun": 2},
                        },
                        "captured_at_local": dt.datetime.now(LHASA_TZ).isoformat(),
                    }
                )
            start = time.perf_counter()
            results = client.push(str(uuid.uuid4()), items)
            t_push = time.perf_counter() - start
            assert all(r.status == "applied" for r in results), results
            with lock:
                times["changes"].append(t_changes)
                times["mutations"].append(t_push)
        client.close()

    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(one, creds))
    return times


def _wait(cond: Callable[[], bool], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not cond():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        time.sleep(0.005)


def main() -> None:
    """Every sync figure."""
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        root = Path(tmp)
        initial(root)
        delta(root)
        drain(root)
        load(root)


if __name__ == "__main__":
    main()
