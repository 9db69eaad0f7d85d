"""The demo reader: staff "tap" sample cards from a panel; each goes through the real parser.

Sample numbers are made up with valid check characters (GB 11643) and belong to no one.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from kiosk.domain import idnumber
from kiosk.domain.errors import CardReadError
from kiosk.domain.identity import CardType, Identity
from kiosk.idcard import textblock
from kiosk.idcard.events import (
    CardFailed,
    CardPresented,
    CardRemoved,
    ReaderState,
    ReaderStatus,
    Sink,
)


def _number(first17: str, *, valid: bool = True) -> str:
    check = idnumber.check_char(first17)
    if not valid:
        check = "0" if check != "0" else "1"
    return first17 + check


def _resident(
    name: str, gender: int, nation: str, born: str, first17: str, **kw: object
) -> Identity:
    fields: dict[str, object] = {
        "card_type": CardType.RESIDENT, "name": name, "gender": gender, "nation_code": nation,
        "birth_date": dt.date.fromisoformat(born), "address": "西藏拉萨市城关区北京中路",
        "number": _number(first17), "authority": "拉萨市公安局城关分局",
        "valid_from": dt.date(2018, 5, 1), "valid_to": dt.date(2038, 5, 1),
    }  # fmt: skip
    fields.update(kw)
    return Identity(**fields)  # type: ignore[arg-type]


SAMPLES: dict[str, Identity] = {
    "resident_tibetan": _resident("次仁卓玛", 2, "04", "1978-03-15", "54010219780315024"),
    "resident_chinese": _resident("王建国", 1, "01", "1972-08-09", "54010319720809013"),
    "long_term": _resident(
        "格桑旺堆",
        1,
        "04",
        "1968-11-02",
        "54012119681102031",
        valid_to=None,
        valid_from=dt.date(2015, 3, 1),
    ),
    "expired": _resident(
        "拉巴次仁",
        1,
        "04",
        "1983-06-21",
        "54012719830621057",
        valid_from=dt.date(2004, 6, 30),
        valid_to=dt.date(2024, 6, 30),
    ),
    "bad_number": _resident(
        "普布",
        1,
        "04",
        "1980-01-01",
        "54010219800101011",
        number=_number("54010219800101011", valid=False),
    ),
    "hmt_permit": Identity(
        card_type=CardType.HMT_PERMIT,
        name="陈志明",
        gender=1,
        nation_code="",
        birth_date=dt.date(1985, 4, 12),
        address="西藏拉萨市城关区江苏路",
        number=_number("81000019850412003"),
        authority="拉萨市公安局",
        valid_from=dt.date(2022, 1, 10),
        valid_to=dt.date(2027, 1, 10),
        pass_number="H60123456",
        issue_count="01",
    ),
    "foreign_permanent": Identity(
        card_type=CardType.FOREIGN_PERMANENT,
        name="帕桑",
        gender=1,
        nation_code="",
        birth_date=dt.date(1979, 9, 9),
        address="",
        number="NPL540079090001",
        authority="1500",
        valid_from=dt.date(2020, 7, 1),
        valid_to=dt.date(2030, 7, 1),
        name_en="SHERPA, PASANG",
        nationality="NPL",
    ),
}
UNKNOWN_TYPE = "unknown_type"
ORDER = (*SAMPLES, UNKNOWN_TYPE)
REGISTERED = ("resident_tibetan", "resident_chinese", "long_term")


def sample_block(key: str) -> bytes:
    """The text block of a sample card (``unknown_type`` carries marker Z)."""
    if key == UNKNOWN_TYPE:
        block = bytearray(textblock.build(SAMPLES["resident_chinese"]))
        block[248:250] = "Z".encode("utf-16-le")
        return bytes(block)
    return textblock.build(SAMPLES[key])


class DemoReader:
    """Presents sample cards when the demo panel asks; no thread of its own."""

    name = "demo"

    def __init__(self) -> None:
        self._sink: Sink | None = None

    def start(self, sink: Sink) -> None:
        """Ready at once."""
        self._sink = sink
        sink(ReaderStatus(ReaderState.CONNECTED, "demo reader"))

    def stop(self) -> None:
        """Nothing to release."""
        self._sink = None

    def present(self, key: str) -> None:
        """Tap the sample card ``key`` (one of ``ORDER``), then take it away."""
        if self._sink is None:
            return
        serial = hashlib.sha256(key.encode()).hexdigest()[:16].upper()
        try:
            identity = textblock.parse(sample_block(key))
        except CardReadError as exc:
            self._sink(CardFailed(exc))
        else:
            self._sink(CardPresented(chip_serial=serial, identity=identity))
        self._sink(CardRemoved())
