"""GB 11643-1999 ID numbers: check character, validation, masking."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain import idnumber


def test_the_standards_own_example_is_valid() -> None:
    assert idnumber.is_valid("11010519491231002X")
    assert idnumber.is_valid("11010519491231002x")


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("110105194912310021", "check_digit"),
        ("11010519491331002X", "birth_date"),
        ("1101051949123100", "length"),
        ("11010519491231002Y", "characters"),
        ("A1010519491231002X", "characters"),
    ],
)
def test_invalid_numbers_say_why(number: str, why: str) -> None:
    assert idnumber.problem(number) == why


def test_unknown_region_codes_are_accepted() -> None:
    first17 = "99999919800101001"
    assert idnumber.is_valid(first17 + idnumber.check_char(first17))


def test_mask_keeps_region_and_last_four() -> None:
    assert idnumber.mask("540102198001010011") == "540102********0011"


@given(
    region=st.from_regex(r"\A54[0-9]{4}\Z"),
    day=st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2026, 1, 1)),
    seq=st.integers(0, 999),
)
def test_any_number_with_its_check_character_is_valid(region: str, day: dt.date, seq: int) -> None:
    first17 = f"{region}{day:%Y%m%d}{seq:03d}"
    number = first17 + idnumber.check_char(first17)
    assert idnumber.is_valid(number)
    wrong = "0" if number[-1] != "0" else "1"
    assert not idnumber.is_valid(number[:-1] + wrong)
