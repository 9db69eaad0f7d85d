"""Matching: every hard filter, every score term, the fairness rule, the employer cap."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kiosk.domain.entities import Duration, Employer, Job, PayTerms
from kiosk.domain.matching import (
    Candidate,
    Context,
    JobIndex,
    Seeker,
    distance_km,
    fairness,
    rank,
    refusal,
    score,
)
from kiosk.domain.timeutil import LHASA_TZ

NOW = dt.datetime(2026, 11, 24, 7, 0, tzinfo=LHASA_TZ)
GONGDELIN = (29.654, 91.105)
CTX = Context(NOW, *GONGDELIN, min_hourly_yuan=18)
GOOD = Employer("e1", "拉萨雪域装饰工程有限公司", "company", True, 92, 0, False)


def job(**kw: object) -> Job:
    base: dict[str, object] = {
        "id": "j1", "job_type_code": "banyun", "employer_id": "e1", "title_zh": "搬运",
        "day_wage": 260, "pay_terms": PayTerms.SAME_DAY, "duration": Duration.ONE_DAY,
        "starts_at": NOW + dt.timedelta(hours=2), "ends_at": NOW + dt.timedelta(hours=11),
        "hours_per_day": 8.0, "place_code": None, "address_zh": "功德林街道北京中路1号",
        "lat": GONGDELIN[0], "lon": GONGDELIN[1], "slots_total": 2, "slots_taken": 0,
        "posted_at": NOW - dt.timedelta(hours=1),
    }  # fmt: skip
    base.update(kw)
    return Job(**base)  # type: ignore[arg-type]


def cand(employer: Employer = GOOD, applicants: int = 0, **kw: object) -> Candidate:
    return Candidate(job(**kw), employer, applicants)


SEEKER = Seeker(skills={"banyun": 5}, expected_wage=250)


@pytest.mark.parametrize(
    ("candidate", "seeker", "why"),
    [
        (cand(job_type_code="hangong"), SEEKER, "job_type"),
        (cand(slots_taken=2), SEEKER, "full"),
        (
            cand(employer=dataclasses.replace(GOOD, on_arrears_list=True)),
            SEEKER,
            "employer_on_arrears_list",
        ),
        (cand(starts_at=NOW - dt.timedelta(hours=2)), SEEKER, "started"),
        (cand(), dataclasses.replace(SEEKER, days=(NOW.date() + dt.timedelta(days=1),)), "date"),
        (cand(), dataclasses.replace(SEEKER, half_days_only=True), "duration"),
        (cand(day_wage=120), SEEKER, "below_minimum_wage"),  # 15 yuan an hour
    ],
)
def test_each_hard_filter_refuses_with_its_reason(
    candidate: Candidate, seeker: Seeker, why: str
) -> None:
    assert refusal(seeker, candidate, CTX) == why
    assert rank(seeker, [candidate], CTX) == []


def test_a_fitting_job_passes_every_filter() -> None:
    assert refusal(SEEKER, cand(), CTX) is None
    assert refusal(SEEKER, cand(starts_at=NOW - dt.timedelta(minutes=30)), CTX) is None


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        ({}, {"day_wage": 200}),  # pay above expectation beats below
        ({}, {"lat": 29.640, "lon": 91.240}),  # 13 km away (蔡公堂)
        (
            {},
            {
                "starts_at": NOW + dt.timedelta(days=5),
                "ends_at": NOW + dt.timedelta(days=5, hours=9),
            },
        ),
        ({}, {"pay_terms": PayTerms.ON_COMPLETION}),
        ({}, {"posted_at": NOW - dt.timedelta(days=6)}),
    ],
)
def test_each_score_term_moves_the_score_the_right_way(
    better: dict[str, object], worse: dict[str, object]
) -> None:
    assert score(SEEKER, cand(**better), CTX).score > score(SEEKER, cand(**worse), CTX).score


def test_experience_and_employer_credit_count() -> None:
    veteran = dataclasses.replace(SEEKER, skills={"banyun": 10})
    novice = dataclasses.replace(SEEKER, skills={"banyun": 0})
    assert score(veteran, cand(), CTX).score > score(novice, cand(), CTX).score
    shaky = dataclasses.replace(GOOD, credit_score=60, unpaid_wage_cases=1, licence_verified=False)
    assert score(SEEKER, cand(), CTX).score > score(SEEKER, cand(employer=shaky), CTX).score


def test_reasons_are_the_three_strongest_with_their_values() -> None:
    match = score(SEEKER, cand(day_wage=300), CTX)
    assert len(match.reasons) == 3
    ids = [r.message_id for r in match.reasons]
    assert ids[:2] == ["reason.wage_above", "reason.skill"]  # 300 against 250 weighs most
    assert match.reasons[1].values == {"job_type": "banyun", "years": 5}
    wage = next(r for r in match.reasons if r.message_id == "reason.wage_above")
    assert wage.values == {"wage": 300}
    weights = [r.weight for r in match.reasons]
    assert weights == sorted(weights, reverse=True)


def test_fairness_lifts_contested_jobs_for_workers_with_few_paid_days() -> None:
    contested = cand(applicants=8)
    idle = dataclasses.replace(SEEKER, paid_days_last_week=0)
    busy = dataclasses.replace(SEEKER, paid_days_last_week=7)
    assert fairness(idle, contested) > 0 > fairness(busy, contested)
    assert fairness(idle, cand(applicants=0)) == 0
    # the same contested job and a quiet one: the idle worker sees the contested one first
    quiet = cand(id="j2", applicants=0, day_wage=250)
    contested_lower = cand(
        id="j1", applicants=8, day_wage=250, posted_at=NOW - dt.timedelta(hours=3)
    )
    assert [m.candidate.job.id for m in rank(idle, [quiet, contested_lower], CTX)] == ["j1", "j2"]
    assert [m.candidate.job.id for m in rank(busy, [quiet, contested_lower], CTX)] == ["j2", "j1"]


def test_one_employer_cannot_fill_the_list_while_others_remain() -> None:
    big = [cand(id=f"big{i}", day_wage=400) for i in range(6)]
    other = Employer("e2", "王先生家", "household", False, 85, 0, False)
    small = [cand(employer=other, id=f"small{i}", employer_id="e2") for i in range(3)]
    top = rank(SEEKER, big + small, CTX, limit=6)
    assert sum(m.candidate.employer.id == "e1" for m in top) == 3
    assert len(rank(SEEKER, big, CTX, limit=6)) == 6  # alone, it fills the list


def test_ranking_is_deterministic_and_returns_ten_when_ten_exist() -> None:
    jobs = [cand(id=f"j{i:02d}", day_wage=200 + 10 * (i % 5), applicants=i % 3) for i in range(12)]
    first = rank(SEEKER, jobs, CTX, limit=20)
    assert len(first) == 12
    assert rank(SEEKER, list(reversed(jobs)), CTX, limit=20) == first


def test_distance() -> None:
    potala, jokhang = (29.6578, 91.1172), (29.653, 91.131)
    assert 1.2 < distance_km(*potala, *jokhang) < 1.6


def test_index_returns_only_the_trades_and_window_asked() -> None:
    jobs = [
        cand(id="a", job_type_code="banyun", starts_at=NOW + dt.timedelta(hours=1)),
        cand(id="b", job_type_code="banyun", starts_at=NOW + dt.timedelta(days=3)),
        cand(id="c", job_type_code="baojie", starts_at=NOW + dt.timedelta(hours=1)),
    ]
    index = JobIndex(jobs)
    assert len(index) == 3
    got = index.query(["banyun", "mugong"], NOW, NOW + dt.timedelta(days=1))
    assert [c.job.id for c in got] == ["a"]


@pytest.mark.parametrize("variant", range(6))
def test_the_fast_score_equals_the_explained_one(variant: int) -> None:
    from kiosk.domain.matching import _value

    c = cand(
        day_wage=180 + 40 * variant,
        lat=29.64 + 0.01 * variant,
        pay_terms=list(PayTerms)[variant % 3],
        starts_at=NOW + dt.timedelta(hours=5 * variant),
        posted_at=NOW - dt.timedelta(hours=9 * variant),
    )
    seeker = dataclasses.replace(
        SEEKER, skills={"banyun": 2 * variant}, same_day_pay=variant % 2 == 0
    )
    assert _value(seeker, c, CTX) == pytest.approx(score(seeker, c, CTX).score)
    assert (refusal(seeker, c, CTX) is None) == _passes(seeker, c, CTX)


def _passes(seeker: Seeker, c: Candidate, ctx: Context) -> bool:
    from kiosk.domain.matching import STARTED_GRACE
    from kiosk.domain.matching import _passes as passes

    return passes(seeker, c, ctx, ctx.now - STARTED_GRACE)
