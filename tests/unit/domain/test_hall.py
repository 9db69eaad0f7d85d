"""The hall board's jobs and pages: what matching would offer anybody, today and tomorrow,
soonest first; a new job is news once, and the page holding it can be found."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kiosk.domain.hall import MAX_ON_BOARD, Roll, job_address, on_board
from kiosk.domain.matching import Candidate, Match
from tests.unit.domain.test_matching import CTX, GOOD, NOW, cand

HOUR = dt.timedelta(hours=1)


def at(job_id: str, start: dt.datetime, **kw: object) -> Candidate:
    return cand(id=job_id, starts_at=start, ends_at=start + 9 * HOUR, **kw)


def ids(candidates: list[Candidate]) -> list[str]:
    return [m.candidate.job.id for m in on_board(candidates, CTX)]


def test_today_and_tomorrow_soonest_first_better_paid_first_when_together() -> None:
    tomorrow = NOW + 24 * HOUR
    jobs = [
        at("later", NOW + 5 * HOUR),
        at("tomorrow", tomorrow),
        at("soon-low", NOW + 2 * HOUR, day_wage=240),
        at("soon-high", NOW + 2 * HOUR, day_wage=300),
        at("day-after", NOW + 48 * HOUR),  # past the end of tomorrow: not on the board
    ]
    assert ids(jobs) == ["soon-high", "soon-low", "later", "tomorrow"]


@pytest.mark.parametrize(
    "left_out",
    [
        at("full", NOW + 2 * HOUR, slots_taken=2),
        at("listed", NOW + 2 * HOUR, employer=dataclasses.replace(GOOD, on_arrears_list=True)),
        at("started", NOW - 2 * HOUR),
        at("underpaid", NOW + 2 * HOUR, day_wage=120),
    ],
    ids=["full", "employer on the unpaid-wage list", "started two hours ago", "below minimum"],
)
def test_what_matching_would_offer_nobody_is_not_shown(left_out: Candidate) -> None:
    assert ids([left_out, at("fine", NOW + 3 * HOUR)]) == ["fine"]


def test_a_job_that_began_within_the_hour_is_still_shown() -> None:
    assert ids([at("just", NOW - dt.timedelta(minutes=40))]) == ["just"]


def test_distances_are_from_the_station() -> None:
    far = at("far", NOW + 2 * HOUR, lat=CTX.origin_lat + 0.1)  # about 11 km north
    (match,) = on_board([far], CTX)
    assert 10 < match.distance_km < 12
    assert match.from_station


def board(*names: str, posted: dt.datetime = NOW) -> list[Match]:
    return on_board(
        [at(n, NOW + (i + 1) * HOUR, posted_at=posted) for i, n in enumerate(names)], CTX
    )


def news(roll: Roll, jobs: list[Match], now: dt.datetime = NOW) -> list[str]:
    return [m.candidate.job.id for m in roll.update(jobs, now)]


def test_nothing_is_news_at_the_first_look_and_a_new_job_is_news_once() -> None:
    roll = Roll(per_page=2)
    assert news(roll, board("a", "b", "c")) == []
    assert news(roll, board("a", "b", "c", "d")) == ["d"]
    assert news(roll, board("a", "b", "c", "d")) == []
    # A job that leaves the board for a moment (a place freed, then taken) is not news.
    roll.update(board("a", "b", "c"), NOW)
    assert news(roll, board("a", "b", "c", "d")) == []


@pytest.mark.parametrize(
    ("posted", "is_news"),
    [
        (NOW - dt.timedelta(minutes=29), True),
        (NOW + dt.timedelta(minutes=4), True),  # the market's clock a little ahead
        (NOW - dt.timedelta(minutes=31), False),  # a day's jobs pulled after enrolment
        (NOW + 2 * HOUR, False),  # "posted" in the future: bad data, not news
    ],
)
def test_only_a_job_posted_in_the_last_half_hour_is_news(
    posted: dt.datetime, is_news: bool
) -> None:
    roll = Roll(per_page=2)
    roll.update([], NOW)
    assert news(roll, board("x", posted=posted)) == (["x"] if is_news else [])


def test_pages_turn_and_wrap_and_the_page_of_a_job_is_found() -> None:
    roll = Roll(per_page=2)
    roll.update(board("a", "b", "c", "d", "e"), NOW)
    assert roll.pages == 3
    seen = []
    for _ in range(4):
        seen.append([m.candidate.job.id for m in roll.current()])
        roll.turn()
    assert seen == [["a", "b"], ["c", "d"], ["e"], ["a", "b"]]
    assert roll.show("e")
    assert roll.page == 2
    assert not roll.show("gone")
    roll.update(board("a"), NOW)  # the board shrank under the page shown
    assert (roll.page, roll.pages) == (0, 1)


def test_an_empty_board_has_one_empty_page() -> None:
    roll = Roll(per_page=3)
    roll.update([], NOW)
    assert (roll.pages, roll.current()) == (1, [])
    roll.turn()
    assert roll.page == 0


def test_a_printed_jobs_code_opens_its_page_at_the_market() -> None:
    assert job_address("https://market.example/", "j-1") == "https://market.example/v1/jobs/j-1"


def test_a_crowded_day_shows_the_soonest_jobs_up_to_the_cap() -> None:
    minute = dt.timedelta(minutes=1)
    jobs = [at(f"j{i:03}", NOW + HOUR + i * minute) for i in range(MAX_ON_BOARD + 5)]
    shown = ids(list(reversed(jobs)))
    assert shown == [f"j{i:03}" for i in range(MAX_ON_BOARD)]
