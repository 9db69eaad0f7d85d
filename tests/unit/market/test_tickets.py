"""The kiosk's login ticket on the market's tables (SQLite): bound to the kiosk that asked,
confirmed once, taken once, 120 s; "not me" serves nobody."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from market import feed, tickets
from market.db import make_engine, migrate
from market.models import Terminal, Worker

NOW = dt.datetime(2026, 12, 3, 6, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(seconds=30)


@pytest.fixture
def s(tmp_path: Path) -> Iterator[Session]:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrate(engine)
    with Session(engine) as session:
        session.add(Terminal(id="k1", name="gongdelin-1", created_at=NOW))
        session.add(Worker(id="w", terminal_id="k1", data={"name": "次仁"}, field_versions={},
                           updated_at=NOW, id_hash="ab" * 32))  # fmt: skip
        feed.write(session, "places", "gongdelin", {"code": "gongdelin", "name_zh": "功德林"}, NOW)
        session.flush()
        yield session
    engine.dispose()


def test_a_confirmed_ticket_is_taken_once_by_the_kiosk_that_asked(s: Session) -> None:
    token, expires = tickets.open_ticket(s, "k1", "gongdelin", NOW)
    assert len(token) >= 22  # 128 random bits
    assert expires == NOW + dt.timedelta(seconds=120)
    assert tickets.for_phone(s, token, LATER) == tickets.ForPhone("功德林", "gongdelin-1")
    assert tickets.state(s, token, "k1", LATER) == ("waiting", None)
    assert tickets.confirm(s, token, "w", LATER) is None
    assert tickets.confirm(s, token, "w", LATER) == "used"  # a second phone cannot
    assert tickets.state(s, token, "k2", LATER) == ("closed", None)  # another kiosk
    assert tickets.state(s, token, "k1", LATER) == ("confirmed", "ab" * 32)
    assert tickets.state(s, token, "k1", LATER) == ("closed", None)  # taken once


def test_an_expired_a_cancelled_and_an_unknown_ticket_serve_nobody(s: Session) -> None:
    old, _ = tickets.open_ticket(s, "k1", "gongdelin", NOW)
    late = NOW + dt.timedelta(seconds=121)
    assert tickets.for_phone(s, old, late) == "expired"
    assert tickets.confirm(s, old, "w", late) == "expired"
    assert tickets.state(s, old, "k1", late) == ("expired", None)
    relayed, _ = tickets.open_ticket(s, "k1", "gongdelin", NOW)
    tickets.cancel(s, relayed, LATER)  # "not me" on the phone
    assert tickets.confirm(s, relayed, "w", LATER) == "used"
    assert tickets.state(s, relayed, "k1", LATER) == ("closed", None)
    assert tickets.for_phone(s, "made-up-ticket-000000", LATER) == "unknown"
