"""The 256-byte text block of a second-generation ID card (UCS-2 LE, space padded).

``parse`` turns bytes into an ``Identity`` and raises only ``CardReadError``: whatever a
reader hands over, garbage included (a property test feeds it random bytes). ``build`` is
the inverse, for the demo reader and the test emulators. Layouts: IDCARD.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.domain.errors import CardErrorKind, CardReadError
from kiosk.domain.identity import CardType, Identity

BLOCK_SIZE = 256
LONG_TERM = "长期"


@dataclass(frozen=True)
class _Field:
    offset: int
    size: int


RESIDENT = {
    "name": _Field(0, 30), "gender": _Field(30, 2), "nation": _Field(32, 4),
    "birth": _Field(36, 16), "address": _Field(52, 70), "number": _Field(122, 36),
    "authority": _Field(158, 30), "valid_from": _Field(188, 16), "valid_to": _Field(204, 16),
}  # fmt: skip
HMT_EXTRA = {"pass_number": _Field(220, 18), "issue_count": _Field(238, 4)}
# Foreign permanent residence card, 2017 layout (GA 1 appendix; marker I at 248).
FOREIGN = {
    "name_en": _Field(0, 120), "gender": _Field(120, 2), "number": _Field(122, 30),
    "nationality": _Field(152, 6), "name": _Field(158, 30), "valid_from": _Field(188, 16),
    "valid_to": _Field(204, 16), "birth": _Field(220, 16), "version": _Field(236, 4),
    "authority": _Field(240, 8),
}  # fmt: skip
MARKER = _Field(248, 2)
MARKERS = {" ": CardType.RESIDENT, "J": CardType.HMT_PERMIT, "I": CardType.FOREIGN_PERMANENT}


def _text(block: bytes, f: _Field) -> str:
    try:
        return block[f.offset : f.offset + f.size].decode("utf-16-le").rstrip(" \x00")
    except UnicodeDecodeError:
        raise CardReadError(CardErrorKind.UNREADABLE, f"bad UCS-2 at offset {f.offset}") from None


def _date(value: str, what: str) -> dt.date:
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        raise CardReadError(CardErrorKind.UNREADABLE, f"{what} is not YYYYMMDD")
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise CardReadError(CardErrorKind.UNREADABLE, f"{what} is not a date") from None


def _gender(value: str) -> int:
    if value not in ("0", "1", "2", "9"):
        raise CardReadError(CardErrorKind.UNREADABLE, "gender code outside GB/T 2261.1")
    return int(value)


def parse(block: bytes) -> Identity:
    """Parse a text block; see the module docstring."""
    if len(block) != BLOCK_SIZE:
        raise CardReadError(CardErrorKind.UNREADABLE, f"text block has {len(block)} bytes")
    marker = _text(block, MARKER) or " "
    card_type = MARKERS.get(marker)
    if card_type is None:
        raise CardReadError(CardErrorKind.UNSUPPORTED_TYPE, f"card-type marker {marker!r}")
    layout = FOREIGN if card_type is CardType.FOREIGN_PERMANENT else RESIDENT
    raw = {key: _text(block, f) for key, f in layout.items()}
    if card_type is CardType.HMT_PERMIT:
        raw.update({key: _text(block, f) for key, f in HMT_EXTRA.items()})
    valid_to_raw = raw["valid_to"]
    nation = raw.get("nation", "")
    if nation and not (nation.isascii() and nation.isdigit()):
        raise CardReadError(CardErrorKind.UNREADABLE, "nation code is not digits")
    if not raw["name"] and not raw.get("name_en"):
        raise CardReadError(CardErrorKind.UNREADABLE, "no name on the card")
    return Identity(
        card_type=card_type,
        name=raw["name"],
        gender=_gender(raw["gender"]),
        nation_code=nation,
        birth_date=_date(raw["birth"], "birth date"),
        address=raw.get("address", ""),
        number=raw["number"].upper(),
        authority=raw["authority"],
        valid_from=_date(raw["valid_from"], "valid-from date"),
        valid_to=None if valid_to_raw == LONG_TERM else _date(valid_to_raw, "valid-to date"),
        name_en=raw.get("name_en", ""),
        nationality=raw.get("nationality", ""),
        pass_number=raw.get("pass_number", ""),
        issue_count=raw.get("issue_count", ""),
    )


def build(identity: Identity) -> bytes:
    """The text block a card holding ``identity`` would return (demo and test emulators)."""
    block = bytearray(" ".encode("utf-16-le") * (BLOCK_SIZE // 2))

    def put(f: _Field, value: str) -> None:
        data = value.encode("utf-16-le")[: f.size]
        block[f.offset : f.offset + len(data)] = data

    valid_to = LONG_TERM if identity.valid_to is None else f"{identity.valid_to:%Y%m%d}"
    common = {
        "name": identity.name, "gender": str(identity.gender),
        "birth": f"{identity.birth_date:%Y%m%d}", "number": identity.number,
        "authority": identity.authority, "valid_from": f"{identity.valid_from:%Y%m%d}",
        "valid_to": valid_to,
    }  # fmt: skip
    if identity.card_type is CardType.FOREIGN_PERMANENT:
        values = {**common, "name_en": identity.name_en, "nationality": identity.nationality}
        layout, marker = FOREIGN, "I"
    else:
        values = {**common, "nation": identity.nation_code, "address": identity.address}
        layout, marker = RESIDENT, " " if identity.card_type is CardType.RESIDENT else "J"
    for key, value in values.items():
        put(layout[key], value)
    if identity.card_type is CardType.HMT_PERMIT:
        put(HMT_EXTRA["pass_number"], identity.pass_number)
        put(HMT_EXTRA["issue_count"], identity.issue_count)
    put(MARKER, marker)
    return bytes(block)
