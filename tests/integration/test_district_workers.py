"""One worker across the district (issue 17), against the real server on SQLite and
PostgreSQL: a card filed at one station is found at another, the same person filed at two
stations while both were offline becomes one worker, and a kiosk's workers filed before it
had the district's look-up key move to it at their next tap.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from kiosk.check import diagnose
from kiosk.domain.errors import CardErrorKind, CardReadError
from kiosk.domain.privacy import keyed_hash
from kiosk.domain.profile import ProfileDraft
from kiosk.idcard.demo import SAMPLES
from kiosk.idcard.events import CardPresented
from kiosk.store import models as m
from kiosk.sync import credentials
from market import district
from market.models import Application, Worker, WorkerAlias
from tests.helpers.market import MarketServer, market_admin, server_rows
from tests.helpers.syncrig import Station, enrol

pytestmark = pytest.mark.slow

PERSON = SAMPLES["hmt_permit"]


@pytest.fixture
def other(market: MarketServer, tmp_path: Path) -> Iterator[Station]:
    """A second kiosk, at another station."""
    st = enrol(tmp_path / "kiosk2", market.url, market.database, "station-2")
    yield st
    st.close()


def file_here(station: Station, chip: str, skills: dict[str, int]) -> str:
    """File PERSON at this kiosk (as the filing screens do); the local worker id."""
    draft = ProfileDraft(skills=skills, expected_wage=250, phone="13812345678")
    station.backend.registration.register(PERSON, chip, draft)
    worker = station.backend.session.worker
    assert worker is not None
    station.backend.session.end("done")
    return worker.id


def ready(market: MarketServer, today: dt.date, *stations: Station) -> None:
    """Trades and jobs at the market, pulled by each kiosk (a worker's trades name them)."""
    market_admin(market.database, "import-demo", "--jobs", "50", "--today", today.isoformat())
    for st in stations:
        sync(st)


def sync(station: Station) -> None:
    report = station.worker.run_once()
    assert report is not None, station.statuses[-1]


def server_worker(database: str, *ids: str) -> Worker:
    """The one worker the server keeps of those filed under ``ids`` (the demo's aside)."""
    engine = create_engine(database)
    with Session(engine) as s:
        rows = list(s.scalars(select(Worker).where(Worker.id.in_(ids))))
    engine.dispose()
    assert len(rows) == 1, f"{len(rows)} workers on the server"
    return rows[0]


def lookup_key(database: str) -> bytes:
    engine = create_engine(database)
    with Session(engine) as s:
        key = district.lookup_key(s)
        s.commit()
    engine.dispose()
    return bytes.fromhex(key)


def test_every_kiosk_hashes_id_numbers_under_the_district_s_key(
    market: MarketServer, station: Station, other: Station
) -> None:
    key = lookup_key(market.database)
    for st in (station, other):
        saved = credentials.load(st.paths.credentials)
        assert saved is not None
        assert saved.lookup_key == key.hex()
        assert st.backend.keys("id", PERSON.number) == keyed_hash(key, "id", PERSON.number)
        # chip serials and phones stay under the installation's own secret
        assert st.backend.keys("chip", "CHIP-1") == keyed_hash(st.backend.secret, "chip", "CHIP-1")
    assert station.backend.secret != other.backend.secret
    assert district_line(station) == "ok"


def district_line(station: Station) -> str:
    """What ``kiosk --check`` says of the district's key."""
    found = diagnose(station.config, station.paths, None, None)
    return next(f.level for f in found if f.name == "district look-up key")


def test_a_card_filed_at_one_station_is_found_at_another(
    market: MarketServer, station: Station, other: Station, today: dt.date
) -> None:
    ready(market, today, station, other)
    first = file_here(station, "CHIP-1", {"banyun": 3})
    sync(station)

    card = CardPresented("CHIP-9", PERSON)
    with pytest.raises(CardReadError) as err:
        other.backend.session.start_for_card(card)
    assert err.value.kind is CardErrorKind.NOT_REGISTERED
    registration = other.backend.registration
    assert registration.can_ask_market()
    found = registration.find_at_market(PERSON)
    assert found is not None
    assert (found["worker_id"], found["skills"]) == (first, {"banyun": 3})
    view = registration.adopt(PERSON, card.chip_serial, found)
    assert view.worker_id == first
    assert view.skills == {"banyun": 3}

    worker = other.backend.session.worker
    assert worker is not None
    job = other.backend.jobs.matches(worker)[0].candidate.job
    other.backend.jobs.apply(worker, job.id)
    sync(other)
    assert other.outbox_states() == {"done": 2}  # the chip bound here, the application
    assert server_worker(market.database, first).id == first  # nobody filed twice
    assert server_rows(market.database, Application, Application.worker_id == first) == 1
    other.backend.session.end("done")
    # The next tap at the second station finds them there, without asking.
    assert other.backend.session.start_for_card(card).worker_id == first


def test_a_card_unknown_at_the_market_or_asked_offline_is_filed_here(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    ready(market, today, station)
    registration = station.backend.registration
    assert registration.find_at_market(PERSON) is None  # filed nowhere: filing starts
    market.stop()
    assert registration.find_at_market(PERSON) is None  # the market cannot say: file here
    file_here(station, "CHIP-1", {"banyun": 3})
    assert station.outbox_states() == {"pending": 1}  # merged later, should it be known


def test_one_person_filed_at_two_stations_offline_becomes_one_worker(
    market: MarketServer, station: Station, other: Station, today: dt.date
) -> None:
    ready(market, today, station, other)
    first = file_here(station, "CHIP-1", {"banyun": 3})
    second = file_here(other, "CHIP-2", {"niwa": 10, "banyun": 5})
    worker = other.backend.workers.by_id_hash(other.backend.keys("id", PERSON.number))
    assert worker is not None
    job = other.backend.jobs.matches(worker)[0].candidate.job
    other.backend.jobs.apply(worker, job.id)
    sync(station)
    sync(other)

    one = server_worker(market.database, first, second)
    assert one.id == first
    assert one.data["skills"] == {"banyun": 5, "niwa": 10}  # both stations' trades, most years
    assert server_rows(market.database, WorkerAlias, WorkerAlias.alias_id == second) == 1
    # what the second station sent under its own id belongs to the one worker
    assert server_rows(market.database, Application, Application.worker_id == first) == 1
    # the second station learnt the one id; its worker keeps the id it was filed under
    assert other.count(m.WorkerAliasRow, m.WorkerAliasRow.market_id == first) == 1
    assert other.count(m.WorkerRow, m.WorkerRow.id == second) == 1
    # figures stay per station: each station filed one
    listing = market_admin(market.database, "terminals")
    assert listing.count("workers filed 1") == 2


def test_workers_filed_before_the_district_key_move_to_it_at_their_next_tap(
    market: MarketServer, station: Station, other: Station, today: dt.date
) -> None:
    ready(market, today, station, other)
    district_key = station.backend.keys.district
    assert district_key is not None
    station.backend.keys.district = None  # as a kiosk enrolled before the market had the key
    old = file_here(station, "CHIP-1", {"banyun": 3})
    sync(station)
    installation = keyed_hash(station.backend.secret, "id", PERSON.number)
    assert server_worker(market.database, old).id_hash == installation

    # The other station files the same person under the district's key, and syncs first.
    first = file_here(other, "CHIP-2", {"niwa": 10})
    sync(other)
    creds = credentials.load(station.paths.credentials)
    assert creds is not None  # the key is fetched again when the credential lacks it
    credentials.save(station.paths.credentials, dataclasses.replace(creds, lookup_key=None))
    station.worker.engine.client.credentials = dataclasses.replace(creds, lookup_key=None)
    assert district_line(station) == "warn"
    sync(station)
    assert station.backend.keys.district == district_key
    refreshed = credentials.load(station.paths.credentials)
    assert refreshed is not None
    assert refreshed.lookup_key == district_key.hex()
    assert district_line(station) == "ok"

    # The next tap finds the worker by the old hash and moves them to the district's.
    view = station.backend.session.start_for_card(CardPresented("CHIP-1", PERSON))
    assert view.worker_id == old
    current = station.backend.keys("id", PERSON.number)
    assert station.count(m.WorkerRow, m.WorkerRow.id_hash == current) == 1
    station.backend.session.end("done")
    sync(station)

    one = server_worker(market.database, old, first)  # merged into the one the other station filed
    assert one.id == first
    assert one.data["skills"] == {"banyun": 3, "niwa": 10}
    assert server_rows(market.database, WorkerAlias, WorkerAlias.alias_id == old) == 1
    assert station.count(m.WorkerAliasRow, m.WorkerAliasRow.market_id == first) == 1
    # Ratings published under the one id reach the first station's own worker.
    assert station.count(m.WorkerRatingRow, m.WorkerRatingRow.worker_id == old) == 1
    sync(other)
    assert other.count(m.WorkerRatingRow, m.WorkerRatingRow.worker_id == first) == 1
