"""Demo data: deterministic, realistic for Chengguan, and scalable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.domain import idnumber
from kiosk.domain.entities import Duration, PayTerms, PlaceKind
from kiosk.services.demo_data import DemoCatalog, DemoGenerator

ROOT = Path(__file__).resolve().parents[3]
TODAY = dt.date(2026, 11, 24)
MIN_HOURLY = 18  # TAR 2021 notice (LHASA.md)


@pytest.fixture(scope="module")
def generator() -> DemoGenerator:
    return DemoGenerator(DemoCatalog.load(ROOT / "assets" / "data"), b"s" * 32)


def test_same_seed_and_day_give_the_same_data(generator: DemoGenerator) -> None:
    a = generator.generate(jobs=300, today=TODAY, seed=7)
    b = generator.generate(jobs=300, today=TODAY, seed=7)
    assert a == b
    assert a != generator.generate(jobs=300, today=TODAY, seed=8)


def test_catalogue_has_the_trades_and_places_of_chengguan(generator: DemoGenerator) -> None:
    data = generator.generate(jobs=10, today=TODAY)
    names = {j.name_zh for j in data.job_types}
    assert len(names) >= 20
    assert {
        "搬运",
        "保洁",
        "水电",
        "油漆",
        "木工",
        "帮厨洗碗",
        "保安",
        "家政",
        "绿化",
        "装卸",
    } <= names
    stations = {p.code for p in data.places if p.kind is PlaceKind.STATION}
    assert stations == {"gongdelin", "jinzhuxilu", "gamagongsang"}
    assert [p.code for p in data.places if p.kind is PlaceKind.MARKET] == ["market"]


def test_jobs_are_plausible(generator: DemoGenerator) -> None:
    data = generator.generate(jobs=3000, today=TODAY)
    ranges = {j.code: (j.wage_min, j.wage_max) for j in data.job_types}
    seen_durations = set()
    for job in data.jobs:
        low, high = ranges[job.job_type_code]
        seen_durations.add(job.duration)
        if job.duration is Duration.HALF_DAY:
            assert job.hours_per_day == 4
            assert job.day_wage < high
        else:
            assert low <= job.day_wage <= high
        assert job.day_wage / job.hours_per_day >= MIN_HOURLY
        assert -1 <= (job.starts_at.date() - TODAY).days <= 7
        assert job.ends_at > job.starts_at
        assert 0 <= job.slots_taken < job.slots_total
        assert 29.6 < job.lat < 29.71
        assert 91.06 < job.lon < 91.25
    assert seen_durations == set(Duration)
    share_same_day = sum(j.pay_terms is PayTerms.SAME_DAY for j in data.jobs) / len(data.jobs)
    assert share_same_day > 0.4


def test_employers_carry_credit_records(generator: DemoGenerator) -> None:
    data = generator.generate(jobs=4000, today=TODAY)
    assert len(data.employers) == 200
    assert any(e.unpaid_wage_cases for e in data.employers)
    assert any(e.on_arrears_list for e in data.employers)
    assert all(40 <= e.credit_score <= 100 for e in data.employers)


def test_demo_workers_have_valid_masked_numbers_and_no_full_number(
    generator: DemoGenerator,
) -> None:
    data = generator.generate(jobs=10, today=TODAY, workers=60)
    for worker in data.workers:
        assert len(worker.id_hash) == 64
        assert worker.id_masked[6:14] == "********"
        assert 40 <= TODAY.year - worker.birth_year <= 55
        assert worker.skills
    assert not any(idnumber.is_valid(w.id_masked) for w in data.workers)


def test_scales_to_benchmark_sizes(generator: DemoGenerator) -> None:
    data = generator.generate(jobs=20_000, today=TODAY)
    assert len(data.jobs) == 20_000
    assert len({j.id for j in data.jobs}) == 20_000
