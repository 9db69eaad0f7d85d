"""Real services for the integration tests, started once and stopped only if we started them."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.domain.timeutil import LHASA_TZ
from tests.helpers.kiosk import Rig, close_kiosk
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.pcscd import Pcscd
from tests.helpers.postgres import Postgres
from tests.helpers.syncrig import Station, enrol, start_enrolled


@pytest.fixture(scope="session")
def pcscd() -> Iterator[Pcscd]:
    """pcscd with the vpcd virtual reader: reused when running, else started (and stopped)."""
    service = Pcscd.ensure()
    yield service
    service.stop()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """One private PostgreSQL cluster for the session, stopped by pid at the end."""
    pg = Postgres.start()
    yield pg
    pg.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def market_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty market database on each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'market.sqlite3'}"
    pg: Postgres = request.getfixturevalue("postgres")
    return pg.create_database(f"market_{uuid.uuid4().hex[:10]}")


@pytest.fixture
def market(market_db: str, tmp_path: Path) -> Iterator[MarketServer]:
    """The server on loopback over that database."""
    market_admin(market_db, "migrate")
    server = MarketServer.start(market_db, tmp_path / "market.log")
    yield server
    server.stop()


@pytest.fixture
def today() -> dt.date:
    """Today in Lhasa (demo data is laid out around it)."""
    return dt.datetime.now(LHASA_TZ).date()


@pytest.fixture
def station(market: MarketServer, tmp_path: Path) -> Iterator[Station]:
    """One enrolled kiosk."""
    st = enrol(tmp_path / "kiosk1", market.url, market.database, "station-1")
    yield st
    st.close()


@pytest.fixture
def zh_kiosk(tmp_path: Path, market: MarketServer, today: dt.date) -> Iterator[Rig]:
    """The Gongdelin kiosk with a screen (Chinese mode), enrolled and syncing; the market
    has the kiosk's own demo jobs, so what a worker applies for there, the market knows."""
    rig = start_enrolled(
        tmp_path / "gongdelin-1", market.url, market.database, "gongdelin-1", today,
        display={"default_mode": "zh"},
    )  # fmt: skip
    try:
        yield rig
    finally:
        close_kiosk(rig.kiosk, rig.backend)
