"""The sync protocol's pieces that need no network: cursors, signatures, backoff, status."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from kiosk.sync import wire
from kiosk.sync.status import OFFLINE, ONLINE, SyncStatus, Waiting
from kiosk.sync.worker import backoff_delay
from kiosk.ui.syncstatus.flow import rejected_messages, status_messages

ROOT = Path(__file__).resolve().parents[2]


def test_cursor_round_trips_and_orders_by_transaction_then_sequence() -> None:
    c = wire.Cursor(12, 7)
    assert wire.Cursor.decode(c.encode()) == c
    assert wire.Cursor.decode("") == wire.Cursor()
    assert wire.Cursor(1, 999) < wire.Cursor(2, 0)
    for bad in ("v2.1.1", "v1.1", "v1.-1.3", "v1.a.b"):
        with pytest.raises(ValueError, match=r"."):
            wire.Cursor.decode(bad)


def test_signature_covers_method_path_body_time_and_nonce() -> None:
    key = b"k" * 32
    sig = wire.sign(key, "POST", "/v1/mutations", b"{}", 100, "n1")
    assert wire.verify(key, "POST", "/v1/mutations", b"{}", 100, "n1", sig)
    changed = [
        ("GET", "/v1/mutations", b"{}", 100, "n1"),
        ("POST", "/v1/changes", b"{}", 100, "n1"),
        ("POST", "/v1/mutations", b"{ }", 100, "n1"),
        ("POST", "/v1/mutations", b"{}", 101, "n1"),
        ("POST", "/v1/mutations", b"{}", 100, "n2"),
    ]
    for method, path, body, ts, nonce in changed:
        assert not wire.verify(key, method, path, body, ts, nonce, sig)
    assert not wire.verify(b"x" * 32, "POST", "/v1/mutations", b"{}", 100, "n1", sig)


def test_backoff_is_full_jitter_capped_and_honours_retry_after() -> None:
    rng = random.Random(1)
    for failures in range(1, 15):
        delays = [backoff_delay(failures, None, rng) for _ in range(200)]
        cap = min(300.0, 2.0**failures)
        assert all(0 <= d <= cap for d in delays)
        assert max(delays) > cap * 0.8  # full jitter spreads over the whole range
    assert all(backoff_delay(1, 42.0, rng) >= 42.0 for _ in range(50))


def test_status_lines_say_what_staff_need() -> None:
    when = dt.datetime(2026, 11, 24, 6, 5, tzinfo=dt.UTC)  # 14:05 in Lhasa
    online = SyncStatus(ONLINE, last_sync=when, waiting=Waiting(0, 2, 0))
    assert status_messages(online, True) == [
        ("sync.online", None, {"time": "14:05"}),
        ("sync.rejected", 2, {"n": 2}),
    ]
    offline = SyncStatus(OFFLINE, waiting=Waiting(5, 0, 0), clock_skew_s=-900)
    assert status_messages(offline, True) == [
        ("sync.offline", 5, {"n": 5}),
        ("sync.clock_skew", None, {"minutes": 15}),
    ]
    assert status_messages(None, False) == [("sync.not_enrolled", None, {})]
    rows = [("application.create", "full", dt.datetime(2026, 11, 24, 9, 30)), ("x.y", "?", when)]
    # An unknown kind (an older version's outbox row) is listed as "other", never dropped.
    assert rejected_messages(rows) == [
        ("sync.kind.application", None, {"when": "11-24 09:30", "reason": "full"}),
        ("sync.kind.unknown", None, {"when": f"{when:%m-%d %H:%M}", "reason": "?"}),
    ]


def test_the_published_openapi_document_is_current() -> None:
    from market.api import openapi_document

    committed = json.loads((ROOT / "market" / "openapi.json").read_text(encoding="utf-8"))
    assert openapi_document() == committed, (
        "the API changed: regenerate with `market-admin openapi > market/openapi.json`"
    )
