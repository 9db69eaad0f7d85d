"""Hostile and clumsy requests, on SQLite and PostgreSQL (issue 17): bodies bounded with or
without Content-Length, enrolment limited per address, numbers range-checked, one bad
mutation refused on its own, bad jobs refused at the door, names shown and never obeyed."""

from __future__ import annotations

import datetime as dt
import json
import math
import socket
import time
import uuid
from collections.abc import Iterator

import pytest
import requests
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from kiosk.sync import wire
from market.models import Enrolment, Record
from tests.helpers.fuzz import KioskSigner, enrolled
from tests.helpers.market import MarketServer, market_admin, server_rows

pytestmark = pytest.mark.slow
MB = 1 << 20


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def _chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        sent += size
        yield b"x" * size


def _post_chunked(url: str, total: int) -> int | None:
    """POST ``total`` bytes without Content-Length; the status, or None when the server
    closed the connection on us (it refused to read more)."""
    try:
        return requests.post(url, data=_chunks(total), timeout=30).status_code
    except requests.ConnectionError:
        return None


def test_a_chunked_body_is_refused_before_it_fills_memory(market: MarketServer) -> None:
    before = _rss_mb(market.process.pid)
    for path in ("/v1/mutations", "/v1/enrol", "/v1/clip?name=x"):
        status = _post_chunked(f"{market.url}{path}", 200 * MB)
        assert status in (413, None), (path, status)
    with socket.create_connection(("127.0.0.1", market.port), timeout=10) as sock:
        sock.sendall(  # a 500 MB body declared (requests would correct the length)
            b"POST /v1/enrol HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {500 * MB}\r\n\r\n{{}}".encode()
        )
        assert sock.recv(100).startswith(b"HTTP/1.1 413")
    assert _rss_mb(market.process.pid) - before < 40  # before: +285 MB for one such POST
    assert requests.get(f"{market.url}/v1/status", timeout=5).ok


def test_enrolment_is_limited_per_address(market: MarketServer) -> None:
    started = time.monotonic()
    statuses = [
        requests.post(f"{market.url}/v1/enrol", json={"name": f"k{i}"}, timeout=5)
        for i in range(30)
    ]
    refills = math.ceil((time.monotonic() - started) / 10)  # 6 a minute: one per 10 s taken
    codes = [r.status_code for r in statuses]
    taken = codes.count(200)
    assert 10 <= taken <= 10 + refills  # the burst, then 6 a minute (a slow machine: more)
    refused = [r for r in statuses if r.status_code == 429]
    assert len(refused) == 30 - taken
    assert int(refused[0].headers["Retry-After"]) >= 1
    assert refused[0].json()["error"] == "too_many_requests"
    assert server_rows(market.database, Enrolment) == taken


def test_numbers_out_of_range_are_400_not_500(market: MarketServer) -> None:
    creds = enrolled(market.url, market.database)
    signed = requests.Session()
    signed.auth = KioskSigner(creds)
    page = signed.get(
        f"{market.url}/v1/changes", params={"cursor": "v1.0.99999999999999999999999"}, timeout=5
    )
    assert (page.status_code, page.json()["error"]) == (400, "bad_cursor")
    huge = requests.get(
        f"{market.url}/v1/changes",
        headers={
            wire.H_CREDENTIAL: creds.token,
            wire.H_TIMESTAMP: "9" * 400,
            wire.H_NONCE: "n1",
            wire.H_SIGNATURE: "0" * 64,
        },
        timeout=5,
    )
    assert (huge.status_code, huge.json()["detail"]) == (400, {"header": wire.H_TIMESTAMP})
    odd = requests.get(
        f"{market.url}/v1/changes",
        headers={
            wire.H_CREDENTIAL: "tok\u00e9n",
            wire.H_TIMESTAMP: str(int(time.time())),
            wire.H_NONCE: "n2",
            wire.H_SIGNATURE: "é" * 64,
        },
        timeout=5,
    )
    assert odd.status_code == 400


def _report(entity: str, reason: str = "a test") -> dict[str, object]:
    return {
        "seq": 0,
        "mutation_uuid": str(uuid.uuid4()),
        "type": "pull.refused",
        "entity_id": entity,
        "base_version": None,
        "payload": {
            "report_id": entity,
            "collection": "jobs",
            "row_id": "j-1",
            "version": 1,
            "reason": reason,
        },
        "captured_at_local": "2026-12-02T09:00:00",
    }


def test_one_bad_mutation_is_refused_and_the_rest_of_the_batch_applies(
    market: MarketServer,
) -> None:
    creds = enrolled(market.url, market.database)
    signed = requests.Session()
    signed.auth = KioskSigner(creds)
    good = [_report(str(uuid.uuid4())) for _ in range(3)]
    bad = [
        _report("ab\u0000cd"),  # NUL in the id: PostgreSQL refuses it
        _report("w" * 37),  # longer than any id of ours
        _report(str(uuid.uuid4()), reason="nul \u0000 inside"),
    ]
    items = [good[0], bad[0], good[1], bad[1], bad[2], good[2]]
    for seq, item in enumerate(items, start=1):
        item["seq"] = seq
    batch = {"terminal_id": creds.terminal_id, "schema_version": wire.SCHEMA_VERSION}
    body = json.dumps({**batch, "app_version": "0.1.0", "mutations": items}).encode()
    reply = signed.post(
        f"{market.url}/v1/mutations",
        data=body,
        headers={"Content-Type": "application/json", wire.H_IDEMPOTENCY: str(uuid.uuid4())},
        timeout=10,
    )
    assert reply.status_code == 200, reply.text
    statuses = [r["status"] for r in reply.json()["results"]]
    assert statuses == ["applied", "rejected", "applied", "rejected", "rejected", "applied"]
    listed = market_admin(market.database, "refused-rows")
    assert listed.count("jobs j-1 v1: a test") == 3


def test_a_job_no_kiosk_could_take_is_refused_at_the_door(market: MarketServer) -> None:
    before = server_rows(market.database, Record, Record.collection == "jobs")
    market_admin(market.database, "import-demo", "--jobs", "3")
    with pytest.raises(RuntimeError, match="day wage must be a whole number"):
        market_admin(market.database, "post-job", "--trade", "banyun", "--title", "x",
                     "--wage", "-5", "--slots", "0")  # fmt: skip
    with pytest.raises(RuntimeError, match="places must be from 1"):
        market_admin(market.database, "post-job", "--trade", "banyun", "--title", "x",
                     "--wage", "300", "--slots", "0")  # fmt: skip
    assert server_rows(market.database, Record, Record.collection == "jobs") == before + 3


def test_names_are_shown_escaped_never_obeyed(market: MarketServer) -> None:
    refused = requests.post(
        f"{market.url}/v1/enrol", json={"name": "kiosk\n\x1b[2Jfake"}, timeout=5
    )
    assert refused.status_code == 400  # the API takes no control characters in a name
    engine = create_engine(market.database)  # one an older server let in
    now = dt.datetime.now(dt.UTC)
    with Session(engine) as s, s.begin():
        s.add(
            Enrolment(
                device_code="d" * 40,
                user_code="ABCD-EFGH",
                name="kiosk\nWXYZ-1234  fake\x1b[2J\u202e",
                status="pending",
                created_at=now,
                expires_at=now + dt.timedelta(minutes=15),
            )
        )
    engine.dispose()
    out = market_admin(market.database, "pending")
    assert out.count("\n") == 1  # one enrolment, one row
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "kiosk\\x0aWXYZ-1234  fake\\x1b[2J\\u202e" in out
