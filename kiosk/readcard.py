"""``kiosk-admin read-card``: wait for one card on a backend and print what it says, masked."""

from __future__ import annotations

import datetime as dt
import queue
import sys
from typing import TextIO

from kiosk.config import IdcardSection
from kiosk.devices import make_reader
from kiosk.domain.errors import CardReadError
from kiosk.domain.identity import Identity
from kiosk.domain.privacy import mask_name
from kiosk.idcard.events import CardFailed, CardPresented, ReaderEvent, ReaderStatus
from kiosk.idcard.tables import nation_name, region_name


def describe(identity: Identity) -> list[str]:
    """The masked lines ``read-card`` prints."""
    valid_to = "长期 (long-term)" if identity.valid_to is None else f"{identity.valid_to}"
    lines = [
        f"card type:   {identity.card_type.value}",
        f"name:        {mask_name(identity.name)}"
        + (f" / {mask_name(identity.name_en)}" if identity.name_en else ""),
        f"gender:      {identity.gender}",
        f"nation:      {identity.nation_code} {nation_name(identity.nation_code)}".rstrip(),
        f"birth year:  {identity.birth_date.year}",
        f"number:      {identity.masked_number}",
        f"region:      {region_name(identity.number) or '(outside Tibet or unknown)'}",
        f"valid:       {identity.valid_from} .. {valid_to}",
    ]
    return lines


def read_one(
    section: IdcardSection,
    *,
    backend: str | None,
    port: str | None,
    timeout_s: float,
    demo_card: str,
    out: TextIO = sys.stdout,
) -> int:
    """Start the reader, wait for one card, print it; 0 when readable and acceptable."""
    try:
        reader = make_reader(section, backend, port)
    except ValueError as exc:
        print(f"kiosk-admin: {exc}", file=sys.stderr)
        return 2
    if reader is None:
        print("kiosk-admin: no card reader configured ([idcard] backend = none)", file=sys.stderr)
        return 2
    events: queue.Queue[ReaderEvent] = queue.Queue()
    reader.start(events.put)
    if backend == "demo":
        from kiosk.idcard.demo import DemoReader  # noqa: PLC0415

        assert isinstance(reader, DemoReader)
        reader.present(demo_card)
    print(f"waiting up to {timeout_s:.0f} s for a card on the {reader.name} reader...", file=out)
    try:
        return _wait(events, timeout_s, out)
    finally:
        reader.stop()


def _wait(events: queue.Queue[ReaderEvent], timeout_s: float, out: TextIO) -> int:
    deadline = dt.datetime.now() + dt.timedelta(seconds=timeout_s)
    while True:
        left = (deadline - dt.datetime.now()).total_seconds()
        try:
            event = events.get(timeout=max(0.01, left))
        except queue.Empty:
            print("no card within the time given", file=out)
            return 1
        if isinstance(event, ReaderStatus):
            print(f"reader: {event.state.value} ({event.reason})", file=out)
        elif isinstance(event, CardFailed):
            print(f"card error: {event.error.kind.value}: {event.error.detail}", file=out)
            return 1
        elif isinstance(event, CardPresented):
            return _report(event, out)


def _report(event: CardPresented, out: TextIO) -> int:
    print(f"chip serial: {'yes' if event.chip_serial else 'not given by this reader'}", file=out)
    if event.identity is None:
        print(
            "identity:    not readable by this reader (no SAM): staff bind the card at filing",
            file=out,
        )
        return 0
    for line in describe(event.identity):
        print(line, file=out)
    try:
        event.identity.check(dt.date.today())
    except CardReadError as exc:
        print(f"check:       refused: {exc.kind.value} ({exc.detail})", file=out)
        return 1
    print("check:       ok", file=out)
    return 0
