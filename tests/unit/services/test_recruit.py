"""The recruitment desk on a real kiosk store: an employer registered from their card is
found by it again (under the district's key only); a job posted in a few touches is open at
once with its outbox row; the day's queue numbers are one per worker and day, and list
those of the job's trade first; only the called worker's own card takes the job, and a
second tap takes it once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.errors import RecruitError, RecruitErrorKind
from kiosk.domain.privacy import KeyRing
from kiosk.domain.recruit import start_of
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.idcard.demo import REGISTERED, SAMPLES
from kiosk.idcard.events import CardPresented
from kiosk.services.demo_data import DemoCatalog, DemoGenerator
from kiosk.services.jobs import Station
from kiosk.services.recruit import RecruitDesk
from kiosk.store import models as m
from kiosk.store.db import open_database
from kiosk.store.recruit import RecruitRepository
from kiosk.store.repositories import DemoRepository
from tests.helpers.fakes import FakeClock, ListAudit

ROOT = Path(__file__).resolve().parents[3]
SECRET = b"s" * 32
MORNING = dt.datetime(2026, 12, 4, 9, 10, tzinfo=LHASA_TZ)


def card(key: str) -> CardPresented:
    return CardPresented(f"chip-{key}", SAMPLES[key])


@pytest.fixture
def desk(tmp_path: Path) -> RecruitDesk:
    engine, _ = open_database(tmp_path / "k.sqlite3")
    data = DemoGenerator(DemoCatalog.load(ROOT / "assets/data"), SECRET).generate(
        jobs=40, today=MORNING.date(), registered=[SAMPLES[k] for k in REGISTERED]
    )
    DemoRepository(engine).replace_all(data, MORNING)
    keys = KeyRing(SECRET, b"d" * 32)  # the district's key came with the first sync
    return RecruitDesk(
        RecruitRepository(engine), keys, FakeClock(MORNING), ListAudit(), Station(29.65, 91.13),
        None, 18,
    )  # fmt: skip


def rows(desk: RecruitDesk, table: type[m.Base]) -> list[object]:
    repo = desk.repo
    assert isinstance(repo, RecruitRepository)
    with Session(repo.engine) as s:
        return list(s.scalars(select(table)))


def outbox(desk: RecruitDesk) -> list[str]:
    return sorted(r.type for r in rows(desk, m.OutboxRow))  # type: ignore[attr-defined]


def worker_id(desk: RecruitDesk, key: str) -> str:
    masked = SAMPLES[key].masked_number
    return next(w.id for w in rows(desk, m.WorkerRow) if w.id_masked == masked)  # type: ignore[attr-defined]


def test_an_employer_registered_from_their_card_is_found_by_it_again(desk: RecruitDesk) -> None:
    employer_card = card("hmt_permit")
    assert desk.employer_for(employer_card) is None
    with pytest.raises(RecruitError) as err:
        desk.register(employer_card, "1398900112")  # ten digits
    assert err.value.kind is RecruitErrorKind.PHONE
    assert outbox(desk) == []
    employer = desk.register(employer_card, "139 8900 1122")
    assert (employer.name, employer.phone, employer.kind) == ("陈志明", "13989001122", "person")
    assert employer.id_or_code == SAMPLES["hmt_permit"].masked_number  # never the number
    assert employer.licence_verified, "their card was read in front of staff"
    assert desk.employer_for(employer_card) == employer
    assert desk.register(employer_card, "13989001122") == employer, "a second press: once"
    assert outbox(desk) == ["employer.register"]
    chip_only = CardPresented("chip-x", None)
    with pytest.raises(RecruitError) as err:
        desk.register(chip_only, "13989001122")
    assert err.value.kind is RecruitErrorKind.NO_IDENTITY


def test_no_employer_is_registered_before_the_district_key_arrives(desk: RecruitDesk) -> None:
    desk.hasher = KeyRing(SECRET)  # never synced: the market could find no one by the hash
    with pytest.raises(RecruitError) as err:
        desk.register(card("hmt_permit"), "13989001122")
    assert err.value.kind is RecruitErrorKind.NO_DISTRICT
    assert outbox(desk) == []


def test_a_job_posted_in_a_few_touches_is_open_at_once_and_queued(desk: RecruitDesk) -> None:
    employer = desk.register(card("hmt_permit"), "13989001122")
    for wage in (143, 2001):  # below 8 hours at 18 yuan; a keypad slip
        with pytest.raises(RecruitError) as err:
            desk.post(employer, "banyun", wage, tomorrow=False, slots=2)
        assert err.value.kind is RecruitErrorKind.WAGE
    job = desk.post(employer, "banyun", 260, tomorrow=False, slots=2)
    assert (job.title_zh, job.day_wage, job.slots) == ("搬运", 260, 2)
    assert job.starts_at == dt.datetime(2026, 12, 4, 10, 0, tzinfo=LHASA_TZ)  # 9:10 + 30 min, up
    (row,) = [r for r in rows(desk, m.JobRow) if r.id == job.job_id]  # type: ignore[attr-defined]
    assert (row.status, row.employer_id, row.duration) == ("open", employer.id, "one_day")  # type: ignore[attr-defined]
    assert outbox(desk) == ["employer.register", "job.post"]
    assert desk.past_jobs(employer.id)[0].day_wage == 260  # "the same as before" next time
    desk.clock.wall = MORNING.replace(hour=16, minute=5)  # type: ignore[attr-defined]
    with pytest.raises(RecruitError) as err:
        desk.post(employer, "banyun", 260, tomorrow=False, slots=1)
    assert err.value.kind is RecruitErrorKind.TOO_LATE
    tomorrow = desk.post(employer, "banyun", 260, tomorrow=True, slots=1)
    assert tomorrow.starts_at == dt.datetime(2026, 12, 5, 8, 0, tzinfo=LHASA_TZ)


def test_start_times_round_up_to_the_half_hour_and_stop_in_the_afternoon() -> None:
    at = [dt.datetime(2026, 12, 4, h, mi, tzinfo=LHASA_TZ) for h, mi in ((7, 0), (7, 1), (15, 30))]
    assert [start_of(t, False) for t in at] == [
        at[0].replace(minute=30), at[0].replace(hour=8), at[0].replace(hour=16),
    ]  # fmt: skip
    assert start_of(at[2].replace(minute=31), False) is None


def test_the_called_workers_own_card_takes_the_job_once(desk: RecruitDesk) -> None:
    tibetan, chinese = worker_id(desk, "resident_tibetan"), worker_id(desk, "resident_chinese")
    assert desk.check_in(chinese) == (1, True)
    assert desk.check_in(tibetan) == (2, True)
    assert desk.check_in(chinese) == (1, False), "the same number all day"
    employer = desk.register(card("hmt_permit"), "13989001122")
    skills = {s.worker_id: s.job_type_code for s in rows(desk, m.WorkerSkillRow)}  # type: ignore[attr-defined]
    job = desk.post(employer, skills[tibetan], 260, tomorrow=True, slots=1)
    queue = desk.queue(job)
    assert [w.number for w in queue][:1] == [2], "those of the job's trade first"
    assert queue[0].fits
    assert all(w.trades for w in queue)
    desk.call(job, 2)
    assert desk.queue(job)[0].called
    with pytest.raises(RecruitError) as err:
        desk.accept(job, 2, tibetan, card("resident_chinese"))
    assert err.value.kind is RecruitErrorKind.NOT_CALLED
    first = desk.accept(job, 2, tibetan, card("resident_tibetan"))
    again = desk.accept(job, 2, tibetan, card("resident_tibetan"))  # a double tap
    assert first == again
    apps = rows(desk, m.ApplicationRow)
    assert [(a.worker_id, a.job_id) for a in apps] == [(tibetan, job.job_id)]  # type: ignore[attr-defined]
    assert outbox(desk).count("application.create") == 1
    assert [w.number for w in desk.queue(job)] == [1], "hired: out of the queue"
    with pytest.raises(RecruitError) as err:
        desk.call(job, 2)
    assert err.value.kind is RecruitErrorKind.GONE
    desk.clock.wall += dt.timedelta(days=1)  # type: ignore[attr-defined]
    assert desk.queue(job) == [], "the queue starts again each day"
    assert desk.check_in(tibetan) == (1, True)
