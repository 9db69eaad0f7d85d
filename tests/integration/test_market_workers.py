"""``market-server --workers N`` really serves from N processes that share only the database."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kiosk.sync import credentials, wire
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.syncrig import Station, enrol

pytestmark = pytest.mark.slow

ROUNDS = 30  # more than enough for both workers to serve (the kernel spreads accepts)


@pytest.fixture
def two_workers(market_db: str, tmp_path: Path) -> Iterator[MarketServer]:
    """A server with two worker processes over a fresh database."""
    server = MarketServer.start(market_db, tmp_path / "market.log", workers=2)
    yield server
    server.stop()


@pytest.fixture
def kiosk(two_workers: MarketServer, tmp_path: Path) -> Iterator[Station]:
    """One kiosk enrolled with it."""
    st = enrol(tmp_path / "kiosk", two_workers.url, two_workers.database)
    yield st
    st.close()


def signed(station: Station, method: str, path: str, body: bytes, nonce: str) -> dict[str, str]:
    creds = credentials.load(station.paths.credentials)
    assert creds is not None
    ts = int(time.time())
    return {
        wire.H_CREDENTIAL: creds.token,
        wire.H_TIMESTAMP: str(ts),
        wire.H_NONCE: nonce,
        wire.H_SIGNATURE: wire.sign(creds.key, method, path, body, ts, nonce),
        wire.H_APP_VERSION: "0.1.0",
        "Content-Type": "application/json",
    }


def test_two_worker_processes_serve_and_share_nonces_and_replies(
    two_workers: MarketServer, kiosk: Station
) -> None:
    assert len(two_workers.worker_pids()) == 2
    url = two_workers.url
    path = "/v1/changes?collections=jobs&cursor=&limit=10"
    spent = signed(kiosk, "GET", path, b"", uuid.uuid4().hex)
    assert requests.get(url + path, headers=spent, timeout=5).status_code == 200
    for _ in range(ROUNDS):  # whichever worker answers, the nonce was spent in the database
        again = requests.get(url + path, headers=spent, timeout=5)
        assert (again.status_code, again.json()["error"]) == (401, "replayed")

    creds = credentials.load(kiosk.paths.credentials)
    assert creds is not None
    batch = {
        "terminal_id": creds.terminal_id,
        "schema_version": wire.SCHEMA_VERSION,
        "app_version": "0.1.0",
        "mutations": [
            {
                "seq": 1,
                "mutation_uuid": str(uuid.uuid4()),
                "type": "worker.bind_card",
                "entity_id": "nobody",
                "payload": {"worker_id": "nobody", "chip_hash": "0" * 64},
            }
        ],
    }
    body = json.dumps(batch).encode()
    key = str(uuid.uuid4())
    replies = []
    for _ in range(ROUNDS):  # a retried batch: the same reply from either worker, verbatim
        headers = {**signed(kiosk, "POST", "/v1/mutations", body, uuid.uuid4().hex)}
        headers[wire.H_IDEMPOTENCY] = key
        reply = requests.post(url + "/v1/mutations", data=body, headers=headers, timeout=5)
        assert reply.status_code == 200
        replies.append(reply.json())
    assert replies[0]["results"][0]["error"] == "unknown_worker"
    assert all(r == replies[0] for r in replies)
    listed = market_admin(two_workers.database, "rejected")
    assert listed.count("\n") == 1  # applied once, whatever worker saw the retries
