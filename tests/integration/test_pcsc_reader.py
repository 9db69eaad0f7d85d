"""The PC/SC backend against real pcscd with the vpcd driver and a virtual ID card."""

from __future__ import annotations

import os
import queue
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.idcard.demo import SAMPLES
from kiosk.idcard.events import CardPresented, CardRemoved, ReaderEvent, ReaderState, ReaderStatus
from kiosk.idcard.pcsc import PcscReader
from kiosk.idcard.textblock import build
from tests.helpers.pcscd import VPCD_PORTS, Pcscd
from tests.helpers.vcard import TEXT_APDU, VirtualCard

WAIT = 8.0  # pcscd polls vpcd every 400 ms (IDCARD.md: allow >= 1 s)
SERIAL = bytes.fromhex("0123456789ABCDEF")


def next_of(q: queue.Queue[ReaderEvent], kind: type, timeout: float = WAIT) -> ReaderEvent:
    deadline = time.monotonic() + timeout
    while True:
        event = q.get(timeout=max(0.01, deadline - time.monotonic()))
        if isinstance(event, kind):
            return event


@pytest.fixture
def reader_events(pcscd: Pcscd) -> Iterator[tuple[PcscReader, queue.Queue[ReaderEvent]]]:
    q: queue.Queue[ReaderEvent] = queue.Queue()
    reader = PcscReader("Virtual PCD", text_apdus=(TEXT_APDU,), debounce_s=0.5, poll_ms=200)
    reader.start(q.put)
    status = next_of(q, ReaderStatus)
    assert isinstance(status, ReaderStatus)
    assert status.state is ReaderState.CONNECTED, status.reason
    assert "Virtual PCD" in status.reason
    yield reader, q
    reader.stop()


def test_tapping_a_card_gives_its_serial_and_identity(
    reader_events: tuple[PcscReader, queue.Queue[ReaderEvent]],
) -> None:
    _, q = reader_events
    card = VirtualCard(SERIAL, build(SAMPLES["resident_tibetan"]))
    card.insert()
    try:
        event = next_of(q, CardPresented)
        assert isinstance(event, CardPresented)
        assert event.chip_serial == "0123456789ABCDEF"
        assert event.identity == SAMPLES["resident_tibetan"]
    finally:
        card.remove()
    assert isinstance(next_of(q, CardRemoved), CardRemoved)


def test_a_plain_reader_gives_only_the_chip_serial(pcscd: Pcscd) -> None:
    q: queue.Queue[ReaderEvent] = queue.Queue()
    reader = PcscReader("Virtual PCD", poll_ms=200)
    reader.start(q.put)
    card = VirtualCard(SERIAL)
    try:
        next_of(q, ReaderStatus)
        card.insert()
        event = next_of(q, CardPresented)
        assert isinstance(event, CardPresented)
        assert event.chip_serial == "0123456789ABCDEF"
        assert event.identity is None
    finally:
        card.remove()
        reader.stop()


def test_the_same_card_again_at_once_is_one_tap(
    reader_events: tuple[PcscReader, queue.Queue[ReaderEvent]],
) -> None:
    reader, q = reader_events
    reader.debounce_s = 30.0
    card = VirtualCard(SERIAL, build(SAMPLES["resident_chinese"]))
    card.insert()
    next_of(q, CardPresented)
    card.remove()
    next_of(q, CardRemoved)
    card.insert()
    try:
        with pytest.raises(queue.Empty):
            next_of(q, CardPresented, timeout=2.5)
    finally:
        card.remove()
    other = VirtualCard(bytes.fromhex("FEDCBA9876543210"), build(SAMPLES["long_term"]))
    other.insert()
    try:
        event = next_of(q, CardPresented)
        assert isinstance(event, CardPresented)
        assert event.identity == SAMPLES["long_term"]
    finally:
        other.remove()


def test_a_pcscd_restart_is_survived(pcscd: Pcscd) -> None:
    if pcscd.process is None:
        pytest.skip("pcscd was already running here; the tests stop only what they started")
    q: queue.Queue[ReaderEvent] = queue.Queue()
    reader = PcscReader("Virtual PCD", text_apdus=(TEXT_APDU,), poll_ms=200)
    reader.start(q.put)
    try:
        next_of(q, ReaderStatus)
        pcscd.stop()
        status = next_of(q, ReaderStatus)
        assert isinstance(status, ReaderStatus)
        assert status.state in (ReaderState.MISSING, ReaderState.ERROR)
        restarted = Pcscd.ensure()
        pcscd.process, pcscd.log = restarted.process, restarted.log
        status = next_of(q, ReaderStatus, timeout=15)
        assert isinstance(status, ReaderStatus)
        assert status.state is ReaderState.CONNECTED
        card = VirtualCard(SERIAL, build(SAMPLES["resident_tibetan"]))
        card.insert()
        try:
            event = next_of(q, CardPresented)
            assert isinstance(event, CardPresented)
            assert event.identity == SAMPLES["resident_tibetan"]
        finally:
            card.remove()
    finally:
        reader.stop()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may reserve ports")
def test_outgoing_connections_are_never_given_vpcd_ports() -> None:
    """A client socket on 35964 once made pcscd drop the reader in a CI run: the session
    keeps both of vpcd's ports out of the kernel's ephemeral range."""
    reserved = Path("/proc/sys/net/ipv4/ip_local_reserved_ports").read_text().strip()
    ranges = [part.split("-") for part in reserved.split(",") if part]
    covered = {
        port
        for bounds in ranges
        for port in range(int(bounds[0]), int(bounds[-1]) + 1)
        if port in VPCD_PORTS
    }
    assert covered == set(VPCD_PORTS), reserved
