"""Faults between kiosk and server, on SQLite and PostgreSQL: kills, lost replies, 5xx with
Retry-After, malformed and oversized replies, a stalled server, bad signatures, replays."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.registry import WorkerBindCard
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.store import models as m
from kiosk.store.outbox import queue_mutation
from kiosk.sync import credentials, wire
from kiosk.sync.errors import BadResponseError, ServerBusyError
from market.models import Change, MutationLog
from tests.helpers.faultproxy import Fault, FaultProxy
from tests.helpers.market import MarketServer, market_admin, server_rows
from tests.helpers.syncrig import Station, enrol, seed_like_server

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def queue_bindings(station: Station, n: int) -> set[str]:
    """``n`` card bindings for demo workers, queued as the kiosk queues them."""
    workers = station.backend.workers.sample(10)
    now = dt.datetime.now(LHASA_TZ)
    ids = set()
    with station.backend.engine.begin() as conn:
        for i in range(n):
            w = workers[i % len(workers)]
            ids.add(queue_mutation(conn, WorkerBindCard(w.id, f"{i:064x}"), now))
    return ids


def local_job_count(station: Station) -> int:
    """Jobs in the kiosk's table."""
    return station.count(m.JobRow)


def outbox_uuids(station: Station, state: str | None = None) -> set[str]:
    """Mutation ids in the outbox (in ``state``)."""
    with Session(station.backend.engine) as s:
        q = select(m.OutboxRow.mutation_uuid)
        if state:
            q = q.where(m.OutboxRow.state == state)
        return set(s.scalars(q))


def server_uuids(database: str) -> list[str]:
    """Every mutation id the server stored (a list: duplicates would show)."""
    from sqlalchemy import create_engine

    engine = create_engine(database)
    with Session(engine) as s:
        out = list(s.scalars(select(MutationLog.mutation_uuid)))
    engine.dispose()
    return out


@pytest.fixture
def ready(market: MarketServer, station: Station, today: dt.date) -> Station:
    """A kiosk and a server holding the same demo catalogue, synced once."""
    market_admin(market.database, "import-demo", "--jobs", "100", "--today", today.isoformat())
    seed_like_server(station, 100, today)
    assert station.worker.run_once() is not None
    return station


def test_server_killed_mid_batch_loses_and_doubles_nothing(
    market: MarketServer, ready: Station
) -> None:
    queued = queue_bindings(ready, 1000)
    killer = threading.Timer(0.4, market.kill)
    killer.start()
    first = ready.worker.run_once()
    killer.join()
    assert first is None  # the server died under it
    assert ready.worker.status.state == "offline"
    market.restart()
    while ready.worker.run_once() is None or outbox_uuids(ready, "pending"):
        pass
    stored = server_uuids(market.database)
    assert len(stored) == len(set(stored)) == 1000
    assert set(stored) == queued == outbox_uuids(ready, "done")


def test_a_lost_reply_is_answered_from_the_batch_record(
    market: MarketServer, ready: Station, tmp_path: Path
) -> None:
    proxy = FaultProxy(market.url)
    try:
        ready.worker.engine.client.base = proxy.url
        queue_bindings(ready, 30)
        proxy.fault = Fault("drop", path="/v1/mutations")
        assert ready.worker.run_once() is None  # the server applied; the kiosk never heard
        assert server_rows(market.database, MutationLog) == 30
        assert outbox_uuids(ready, "pending")
        report = ready.worker.run_once()
        assert report is not None
        assert report.pushed == 30
        assert server_rows(market.database, MutationLog) == 30
        assert ready.outbox_states() == {"done": 30}
    finally:
        proxy.close()


def test_kiosk_killed_mid_sync_resumes_exactly_once(
    market: MarketServer, ready: Station, today: dt.date
) -> None:
    queued = queue_bindings(ready, 1000)
    market_admin(
        market.database,
        "import-demo",
        "--jobs",
        "3000",
        "--seed",
        "7",
        "--today",
        today.isoformat(),
    )
    ready.close()
    env = {**os.environ, "KIOSK_STORAGE_DATA_DIR": str(ready.config.storage.data_dir)}
    cmd = [str(Path(sys.executable).parent / "kiosk-admin"), "sync", "--once"]
    moments: list[tuple[int, int]] = []
    for _ in range(3):  # kill -9 three times, each as soon as that run made progress
        before = (len(server_uuids(market.database)), local_job_count(ready))
        proc = subprocess.Popen(
            cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        # Not a guessed delay (on a slow machine every kill landed before any work): the
        # kill lands once this run has pushed or pulled something, mid-way.
        while proc.poll() is None and time.monotonic() < deadline:
            if (len(server_uuids(market.database)), local_job_count(ready)) != before:
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        moments.append((len(server_uuids(market.database)), local_job_count(ready)))
    done = subprocess.run(
        cmd, check=False, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    stored = server_uuids(market.database)
    assert len(stored) == len(set(stored)) == 1000
    assert set(stored) == queued
    # No cursor gap: every job the feed holds is at the kiosk.
    from sqlalchemy import create_engine

    engine = create_engine(market.database)
    with Session(engine) as s:
        feed_jobs = set(s.scalars(select(Change.entity_id).where(Change.collection == "jobs")))
    engine.dispose()
    with Session(ready.backend.engine) as s:
        local_jobs = set(s.scalars(select(m.JobRow.id)))
    assert feed_jobs == local_jobs
    assert len(local_jobs) == 3100
    # The kills landed mid-way: some pushed or pulled before a kill, not everything.
    assert any(0 < pushed < 1000 or 100 < pulled < 3100 for pushed, pulled in moments), moments


@pytest.mark.parametrize("kind", ["503", "500"])
def test_5xx_with_retry_after_is_honoured(market: MarketServer, ready: Station, kind: str) -> None:
    proxy = FaultProxy(market.url)
    try:
        ready.worker.engine.client.base = proxy.url
        queue_bindings(ready, 5)
        proxy.fault = Fault(kind, times=5, retry_after=42)
        assert ready.worker.run_once() is None
        assert ready.worker.status.problem == f"http_{kind}"
        assert 42 <= ready.worker.next_delay() < 60
        assert outbox_uuids(ready, "pending")  # nothing lost, nothing marked
        proxy.fault = None
        assert ready.worker.run_once() is not None
        assert ready.outbox_states() == {"done": 5}
    finally:
        proxy.close()


@pytest.mark.parametrize(("kind", "code"), [("malformed", "not_json"), ("oversized", "oversized")])
def test_bad_replies_apply_nothing(
    market: MarketServer, ready: Station, kind: str, code: str
) -> None:
    proxy = FaultProxy(market.url)
    try:
        ready.worker.engine.client.base = proxy.url
        cursor = ready.cursor()
        market_admin(
            market.database, "post-job", "--trade", "banyun", "--title", "x", "--wage", "260"
        )
        proxy.fault = Fault(kind, path="/v1/changes")
        with pytest.raises(BadResponseError) as err:
            ready.worker.engine.cycle()
        assert err.value.code == code
        assert ready.cursor() == cursor
        report = ready.worker.run_once()
        assert report is not None
        assert report.pulled == 1
    finally:
        proxy.close()


def test_signatures_wrong_or_replayed_are_refused(market: MarketServer, station: Station) -> None:
    creds = credentials.load(station.paths.credentials)
    assert creds is not None
    path = "/v1/changes?collections=jobs&cursor=&limit=10"
    ts, nonce = int(time.time()), uuid.uuid4().hex
    good = wire.sign(creds.key, "GET", path, b"", ts, nonce)
    headers = {
        wire.H_CREDENTIAL: creds.token,
        wire.H_TIMESTAMP: str(ts),
        wire.H_NONCE: nonce,
        wire.H_SIGNATURE: good,
        wire.H_APP_VERSION: "0.1.0",
    }
    assert requests.get(market.url + path, headers=headers, timeout=5).status_code == 200
    replay = requests.get(market.url + path, headers=headers, timeout=5)
    assert (replay.status_code, replay.json()["error"]) == (401, "replayed")
    forged = {**headers, wire.H_NONCE: uuid.uuid4().hex}  # signature no longer matches
    wrong = requests.get(market.url + path, headers=forged, timeout=5)
    assert (wrong.status_code, wrong.json()["error"]) == (401, "bad_signature")
    stale_ts = ts - 1000
    stale = {
        **headers,
        wire.H_TIMESTAMP: str(stale_ts),
        wire.H_NONCE: "n2",
        wire.H_SIGNATURE: wire.sign(creds.key, "GET", path, b"", stale_ts, "n2"),
    }
    old = requests.get(market.url + path, headers=stale, timeout=5)
    assert (old.status_code, old.json()["error"]) == (401, "clock_skew")


def test_a_wrong_kiosk_clock_is_corrected_and_reported(station: Station) -> None:
    station.worker.engine.client.clock = lambda: time.time() + 1000
    assert station.worker.run_once() is not None  # refused once, then signed with the offset
    assert station.worker.status.skew_warning
    assert station.worker.status.clock_skew_s == pytest.approx(-1000, abs=5)


def test_upgrade_required_is_shown(market_db: str, tmp_path: Path) -> None:
    market_admin(market_db, "migrate")
    server = MarketServer.start(
        market_db, tmp_path / "m.log", env={"MARKET_MIN_APP_VERSION": "9.0"}
    )
    try:
        st = enrol(tmp_path / "k", server.url, market_db)
        assert st.worker.run_once() is None
        assert st.worker.status.state == "upgrade_required"
        st.close()
    finally:
        server.stop()


def test_checked_failures_raise_only_sync_errors(market: MarketServer, ready: Station) -> None:
    proxy = FaultProxy(market.url)
    try:
        ready.worker.engine.client.base = proxy.url
        proxy.fault = Fault("503", times=5, path="/v1/changes")
        with pytest.raises(ServerBusyError) as err:
            ready.worker.engine.cycle()
        assert err.value.retry_after == 7
        assert len(proxy.seen) == 3  # urllib3 retried the GET twice, then gave up
    finally:
        proxy.close()
