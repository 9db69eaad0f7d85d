"""Fast recruitment reaches the market (SQLite and PostgreSQL): an employer staff register at
one station is verified there and found by their card at another; the job posted at the kiosk
is the market's job under the same id (so the kiosk's row and the pulled one are one); the
called worker's "yes" is an application the market knows; a number already registered at a
station is refused when its holder then signs up on the web; an employer who signed up on
the web as a person is found by their card at a kiosk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.profile import ProfileDraft
from kiosk.idcard.demo import SAMPLES
from kiosk.idcard.events import CardPresented
from kiosk.store import models as m
from market import employers
from market.db import make_engine
from market.employers import SignUpError
from market.models import Application, EmployerAccount, Record
from tests.helpers.market import MarketServer, market_admin, server_rows
from tests.helpers.syncrig import Station, enrol

EMPLOYER = CardPresented("CHIP-E", SAMPLES["hmt_permit"])


def _synced(k: Station) -> None:
    assert k.worker.run_once() is not None
    assert not k.outbox_states().get("pending"), k.outbox_states()


def test_a_station_hire_reaches_the_market_and_other_kiosks(
    market: MarketServer, station: Station, today: dt.date, tmp_path: Path
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "20", "--today", today.isoformat())
    other = enrol(tmp_path / "kiosk2", market.url, market.database, "station-2")
    try:
        for k in (station, other):
            _synced(k)  # the district's key comes with the first cycle
        desk = station.backend.recruit
        worker_card = CardPresented("CHIP-W", SAMPLES["resident_tibetan"])
        station.backend.registration.register(
            SAMPLES["resident_tibetan"], "CHIP-W", ProfileDraft(skills={"banyun": 4})
        )
        worker = station.backend.session.worker
        assert worker is not None
        employer = desk.register(EMPLOYER, "13989001122")
        job = desk.post(employer, "banyun", 240, tomorrow=True, slots=2)
        number, _new = desk.check_in(worker.id)
        desk.call(job, number)
        application_id = desk.accept(job, number, worker.id, worker_card)
        _synced(station)

        (account,) = _accounts(market.database)
        assert (account.id, account.name, account.kind) == (employer.id, "陈志明", "person")
        assert account.verified_at is not None, "the card was read in front of staff"
        record = _record(market.database, "jobs", job.job_id)
        assert record["employer_id"] == employer.id
        assert record["day_wage"] == 240
        assert record["starts_at"] == job.starts_at.isoformat()
        assert server_rows(market.database, Application, Application.id == application_id) == 1
        # The pulled job is the kiosk's own row again, not a second one.
        assert station.count(m.JobRow, m.JobRow.employer_id == employer.id) == 1

        _synced(other)  # the employer is known at the next station by their card
        found = other.backend.recruit.employer_for(EMPLOYER)
        assert found is not None
        assert found.id == employer.id
        assert found.licence_verified
        assert other.count(m.JobRow, m.JobRow.id == job.job_id) == 1

        # Signing up on the web with the same number is refused (staff can tell them).
        engine = make_engine(market.database)
        with Session(engine) as s:
            with pytest.raises(SignUpError, match="number_taken"):
                employers.sign_up(
                    s, kind="person", name="陈志明", phone="13989001199",
                    number=SAMPLES["hmt_permit"].number, password="long enough",
                    now=dt.datetime.now(dt.UTC),
                )  # fmt: skip
            # A person who signed up on the web is found by their card at a kiosk.
            employers.sign_up(
                s, kind="person", name="王建国", phone="13989005566",
                number=SAMPLES["resident_chinese"].number, password="long enough",
                now=dt.datetime.now(dt.UTC),
            )  # fmt: skip
            s.commit()
        engine.dispose()
        _synced(other)
        web = other.backend.recruit.employer_for(CardPresented("X", SAMPLES["resident_chinese"]))
        assert web is not None
        assert web.name == "王建国"
    finally:
        other.close()


def _accounts(database: str) -> list[EmployerAccount]:
    engine = make_engine(database)
    with Session(engine) as s:
        found = list(s.scalars(select(EmployerAccount)))
        s.expunge_all()
    engine.dispose()
    return found


def _record(database: str, collection: str, key: str) -> dict[str, object]:
    engine = make_engine(database)
    with Session(engine) as s:
        rec = s.get(Record, (collection, key))
        assert rec is not None
        data = dict(rec.data)
    engine.dispose()
    return data
