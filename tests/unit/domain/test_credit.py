"""The employer credit rule against its published table (kiosk.domain.credit, README)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.domain.credit import (
    LEVELS,
    RULES,
    START,
    Event,
    Happened,
    credit,
    level,
    listed_until,
    on_list,
    pay_event,
    table,
)

DAY = dt.date(2026, 12, 1)
README = Path(__file__).resolve().parents[3] / "README.md"


def _rows() -> dict[str, str]:
    """The published table as printed: the rule in words -> its points."""
    rows = {}
    for line in table().splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 2 and not cells[0].startswith("-"):
            rows[cells[0]] = cells[1]
    return rows


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.event.value)
def test_each_event_moves_the_score_by_its_published_points(rule) -> None:  # type: ignore[no-untyped-def]
    published = _rows()[rule.says]
    given = 7 if rule.points is None else None
    found = credit([Happened(DAY, rule.event, "K7PD-3XQM", given)])
    expected = START + (7 if rule.points is None else rule.points)
    assert found.score == expected
    assert published == ("as given" if rule.points is None else f"{rule.points:+d}")


def test_the_readme_publishes_exactly_the_rule_in_the_code() -> None:
    assert table() in README.read_text(encoding="utf-8")


def test_a_score_is_the_start_plus_its_events_kept_between_0_and_100() -> None:
    events = [Happened(DAY, Event.COMPLAINT_UPHELD, f"C{i}") for i in range(5)]
    assert credit(events).score == 0
    events = [Happened(DAY, Event.PAID, f"A{i}") for i in range(20)]
    assert credit(events).score == 100
    mixed = [
        Happened(DAY, Event.PAID, "A1"),
        Happened(DAY, Event.RATED_GOOD, "A1"),
        Happened(DAY, Event.UNPAID, "A2"),
        Happened(DAY, Event.COMPLAINT_UPHELD, "C1"),
    ]
    found = credit(mixed)
    assert found.score == START + 2 + 1 - 10 - 20
    assert found.upheld == 1
    assert [e.about for e in found.events] == ["C1", "A1", "A1", "A2"]  # by day, then event


@pytest.mark.parametrize(
    ("score", "expected"),
    [(100, "A"), (90, "A"), (89, "B"), (75, "B"), (74, "C"), (60, "C"), (59, "D"), (0, "D")],
)
def test_levels_follow_the_published_floors(score: int, expected: str) -> None:
    assert level(score)[0] == expected
    assert f"| {min(f for f, lv, _ in LEVELS if lv == expected)} or more | {expected} |" in table()


def test_a_listed_employer_has_the_listed_level_whatever_its_score() -> None:
    assert credit([Happened(DAY, Event.PAID, "A")], listed=True).level == "X"


@pytest.mark.parametrize(
    ("answers", "event"),
    [
        ([], None),
        (["paid"], Event.PAID),
        (["paid", "paid"], Event.PAID),
        (["unpaid", "paid"], Event.PAID_LATE),
        (["partly", "paid"], Event.PAID_LATE),
        (["partly"], Event.PARTLY),
        (["unpaid"], Event.UNPAID),
        (["unpaid", "partly"], Event.PARTLY),
        (["paid", "unpaid"], Event.UNPAID),
    ],
)
def test_pay_answers_count_as_one_event_per_agreement(
    answers: list[str], event: Event | None
) -> None:
    assert pay_event(answers) is event


def test_the_unpaid_wage_list_lasts_three_years_or_six_months_after_paying_with_a_pledge() -> None:
    listed = dt.date(2026, 1, 31)
    assert listed_until(listed, None, False) == dt.date(2029, 1, 31)
    assert listed_until(listed, dt.date(2026, 3, 1), False) == dt.date(2029, 1, 31)  # no pledge
    assert listed_until(listed, dt.date(2026, 8, 31), True) == dt.date(2027, 2, 28)
    assert on_list(listed, None, False, dt.date(2029, 1, 30))
    assert not on_list(listed, None, False, dt.date(2029, 1, 31))
    assert not on_list(listed, None, False, dt.date(2026, 1, 30))  # not yet
    assert on_list(listed, dt.date(2026, 8, 31), True, dt.date(2027, 2, 27))
    assert not on_list(listed, dt.date(2026, 8, 31), True, dt.date(2027, 2, 28))
