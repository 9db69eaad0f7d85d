"""Resident ID numbers (GB 11643-1999): check character, validation and masking.

Unknown or retired region codes are accepted on purpose: people keep their number when
districts are re-coded (IDCARD.md).
"""

from __future__ import annotations

import datetime as dt

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_char(first17: str) -> str:
    """The 18th character for the first 17 digits."""
    if len(first17) != 17 or not (first17.isascii() and first17.isdigit()):
        raise ValueError("need exactly 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def problem(number: str) -> str | None:
    """Why ``number`` is not a valid ID number, or None when it is."""
    n = number.strip().upper()
    if len(n) != 18:
        return "length"
    if not (n[:17].isascii() and n[:17].isdigit()) or n[17] not in "0123456789X":
        return "characters"
    try:
        dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        return "birth_date"
    if check_char(n[:17]) != n[17]:
        return "check_digit"
    return None


def is_valid(number: str) -> bool:
    """True when ``number`` passes every GB 11643 rule."""
    return problem(number) is None


def mask(number: str) -> str:
    """Show the region and the last four only: ``540102********0011``."""
    n = number.strip().upper()
    if len(n) < 10:
        return "*" * len(n)
    return n[:6] + "*" * (len(n) - 10) + n[-4:]
