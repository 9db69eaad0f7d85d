"""What an ID card says about its holder, with the rules a kiosk applies to it.

The value never prints personal data: its ``repr`` is masked, so an identity that ends up
in a log line or a traceback leaks nothing (PIPL; IDCARD.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from kiosk.domain import idnumber
from kiosk.domain.errors import CardErrorKind, CardReadError


class CardType(Enum):
    """The card, by the marker at offset 248 of the text block."""

    RESIDENT = "resident"  # 居民身份证 (marker: space)
    HMT_PERMIT = "hmt_permit"  # 港澳台居民居住证 (marker J)
    FOREIGN_PERMANENT = "foreign_permanent"  # 外国人永久居留身份证, 2017 layout (marker I)


@dataclass(frozen=True, repr=False)
class Identity:
    """Fields read from a card. ``valid_to`` None means long-term (长期)."""

    card_type: CardType
    name: str
    gender: int  # GB/T 2261.1: 0 unknown, 1 male, 2 female, 9 unspecified
    nation_code: str  # GB/T 3304 two digits; "" on foreigners' cards
    birth_date: dt.date
    address: str
    number: str
    authority: str
    valid_from: dt.date
    valid_to: dt.date | None
    name_en: str = ""
    nationality: str = ""  # ISO 3166 alpha-3 on foreigners' cards
    pass_number: str = ""  # Hong Kong/Macau/Taiwan permits
    issue_count: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        """Masked: safe in logs and tracebacks."""
        return f"Identity({self.card_type.value}, {idnumber.mask(self.number)})"

    __str__ = __repr__

    @property
    def masked_number(self) -> str:
        """The number as shown on screens and copies."""
        return idnumber.mask(self.number)

    def expired(self, today: dt.date) -> bool:
        """True after the last valid day; long-term cards never expire."""
        return self.valid_to is not None and today > self.valid_to

    def check(self, today: dt.date) -> None:
        """Raise CardReadError when a kiosk must not accept this card today."""
        if self.card_type is CardType.RESIDENT or self.card_type is CardType.HMT_PERMIT:
            why = idnumber.problem(self.number)
            if why is not None:
                raise CardReadError(CardErrorKind.INVALID_NUMBER, f"number fails GB 11643: {why}")
        if self.expired(today):
            raise CardReadError(CardErrorKind.EXPIRED, f"valid to {self.valid_to}")


def identity_from_number(number: str, name: str, today: dt.date) -> Identity:
    """What staff can vouch for when the reader gives only a chip serial: the typed number
    (checked), the name as on the card; birth date and gender follow from the number."""
    n = number.strip().upper()
    why = idnumber.problem(n)
    if why is not None:
        raise CardReadError(CardErrorKind.INVALID_NUMBER, f"typed number fails GB 11643: {why}")
    return Identity(
        card_type=CardType.RESIDENT,
        name=name.strip(),
        gender=1 if int(n[16]) % 2 else 2,
        nation_code="",
        birth_date=dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14])),
        address="",
        number=n,
        authority="",
        valid_from=today,
        valid_to=None,
    )
