"""The SAM backend with real pyserial on a pseudo-terminal, against an emulated reader."""

from __future__ import annotations

import queue
from collections.abc import Iterator

import pytest

from kiosk.domain.errors import CardErrorKind
from kiosk.idcard.demo import SAMPLES
from kiosk.idcard.events import (
    CardFailed,
    CardPresented,
    CardRemoved,
    ReaderEvent,
    ReaderState,
    ReaderStatus,
)
from kiosk.idcard.sam import SamReader
from kiosk.idcard.textblock import build
from tests.helpers.sam_emulator import SamEmulator

WAIT = 5.0


@pytest.fixture
def emulator() -> Iterator[SamEmulator]:
    emu = SamEmulator()
    yield emu
    emu.close()


@pytest.fixture
def events(emulator: SamEmulator) -> Iterator[queue.Queue[ReaderEvent]]:
    q: queue.Queue[ReaderEvent] = queue.Queue()
    reader = SamReader(emulator.path, poll_s=0.05, reply_timeout_s=0.3)
    reader.start(q.put)
    yield q
    reader.stop()


def next_of(q: queue.Queue[ReaderEvent], kind: type) -> ReaderEvent:
    while True:
        event = q.get(timeout=WAIT)
        if isinstance(event, kind):
            return event


def test_a_card_on_the_reader_is_read_once_then_removed(
    emulator: SamEmulator, events: queue.Queue[ReaderEvent]
) -> None:
    status = next_of(events, ReaderStatus)
    assert isinstance(status, ReaderStatus)
    assert status.state is ReaderState.CONNECTED
    emulator.card = build(SAMPLES["resident_tibetan"])
    event = next_of(events, CardPresented)
    assert isinstance(event, CardPresented)
    assert event.identity == SAMPLES["resident_tibetan"]
    emulator.card = None
    assert isinstance(next_of(events, CardRemoved), CardRemoved)
    presented = [e for e in list(events.queue) if isinstance(e, CardPresented)]
    assert presented == []  # one tap, one event, however many polls saw it


def test_an_unreadable_card_is_reported_once(
    emulator: SamEmulator, events: queue.Queue[ReaderEvent]
) -> None:
    next_of(events, ReaderStatus)
    emulator.mode = "read_fails"
    emulator.card = build(SAMPLES["resident_chinese"])
    failed = next_of(events, CardFailed)
    assert isinstance(failed, CardFailed)
    assert failed.error.kind is CardErrorKind.UNREADABLE


def test_garbage_and_silence_are_reader_errors_and_it_recovers(
    emulator: SamEmulator, events: queue.Queue[ReaderEvent]
) -> None:
    next_of(events, ReaderStatus)
    for mode in ("garbage", "bad_checksum", "silent"):
        emulator.mode = mode
        status = next_of(events, ReaderStatus)
        assert isinstance(status, ReaderStatus)
        assert status.state is ReaderState.ERROR
        emulator.mode = "ok"
        status = next_of(events, ReaderStatus)
        assert isinstance(status, ReaderStatus)
        assert status.state is ReaderState.CONNECTED
    emulator.card = build(SAMPLES["long_term"])
    event = next_of(events, CardPresented)
    assert isinstance(event, CardPresented)
    assert event.identity == SAMPLES["long_term"]


def test_a_missing_port_is_reported() -> None:
    q: queue.Queue[ReaderEvent] = queue.Queue()
    reader = SamReader("/dev/does-not-exist-kiosk", poll_s=0.05)
    reader.start(q.put)
    try:
        status = next_of(q, ReaderStatus)
    finally:
        reader.stop()
    assert isinstance(status, ReaderStatus)
    assert status.state is ReaderState.MISSING
    assert "/dev/does-not-exist-kiosk" in status.reason


def test_a_reader_that_sends_line_noise_before_its_replies_still_reads_cards(
    emulator: SamEmulator, events: queue.Queue[ReaderEvent]
) -> None:
    emulator.mode = "noisy"
    status = next_of(events, ReaderStatus)
    assert isinstance(status, ReaderStatus)
    assert status.state is ReaderState.CONNECTED
    emulator.card = build(SAMPLES["resident_tibetan"])
    event = next_of(events, CardPresented)
    assert isinstance(event, CardPresented)
    assert event.identity == SAMPLES["resident_tibetan"]
    errors = [e for e in list(events.queue) if isinstance(e, ReaderStatus)]
    assert all(e.state is ReaderState.CONNECTED for e in errors)
