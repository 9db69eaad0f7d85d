"""One bad row no longer stops every kiosk's pull (issue 17), on SQLite and PostgreSQL: the
kiosk sets the row aside, applies the rest of its page, shows it to the technician, tells
the server once, and takes the row when a mended version comes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from kiosk.check import diagnose
from kiosk.store import models as m
from market import feed
from market.models import Record
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.syncrig import Station

pytestmark = pytest.mark.slow


def _publish_bad_job(database: str, **changes: object) -> str:
    """A job as an older server (or a hand edit) would have published it."""
    engine = create_engine(database)
    with Session(engine) as s, s.begin():
        job = s.scalars(
            select(Record).where(Record.collection == "jobs").order_by(Record.id)
        ).first()
        assert job is not None
        data = {**job.data, **changes}
        feed.write(s, "jobs", job.id, data, dt.datetime.now(dt.UTC))
        job_id = job.id
    engine.dispose()
    return job_id


def test_a_bad_job_is_set_aside_and_the_rest_of_the_page_arrives(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "30", "--today", today.isoformat())
    bad = _publish_bad_job(market.database, day_wage=-5, slots_total=0)
    assert station.worker.run_once() is not None
    assert station.count(m.JobRow) == 29  # every good job of the page
    assert station.count(m.JobRow, m.JobRow.id == bad) == 0
    assert station.count(m.PulledRejectRow, m.PulledRejectRow.row_id == bad) == 1
    found = diagnose(station.config, station.paths, station.backend, None)
    aside = next(f for f in found if f.name == "pulled rows set aside")
    assert aside.level == "warn"
    assert bad in aside.detail
    assert "day wage" in aside.detail
    # told to the server once, even when the row is met again
    assert station.worker.run_once() is not None
    station.worker.engine.local.restart_feed()
    assert station.worker.run_once() is not None
    listed = market_admin(market.database, "refused-rows")
    assert listed.count(f"jobs {bad} v2") == 1
    # a mended version is taken, and the row is no longer set aside
    _publish_bad_job(market.database, day_wage=260, slots_total=3)
    assert station.worker.run_once() is not None
    assert station.count(m.JobRow, m.JobRow.id == bad) == 1
    assert station.count(m.PulledRejectRow) == 0


def test_a_value_of_the_wrong_type_is_set_aside_too(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "10", "--today", today.isoformat())
    bad = _publish_bad_job(market.database, day_wage="two hundred")
    assert station.worker.run_once() is not None
    assert station.count(m.JobRow) == 9
    with Session(station.backend.engine) as s:
        reason = s.scalar(select(m.PulledRejectRow.reason).where(m.PulledRejectRow.row_id == bad))
    assert reason is not None
    assert "day_wage" in reason
