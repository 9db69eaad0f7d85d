"""Certified SAM ID-card readers over a serial port (GA/T 467), polled from one thread.

Each poll: find card (20 01); on 9F select (20 02) and read text + photo (30 01); parse
the text block; drop the photo unread. A card that stays on the reader is reported once;
two "not found" answers in a row mean it was removed. A port that vanishes or stops
answering is reported and reopened until it comes back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import serial

from kiosk.domain.errors import CardErrorKind, CardReadError
from kiosk.idcard import gat467, textblock
from kiosk.idcard.events import (
    CardFailed,
    CardPresented,
    CardRemoved,
    ReaderState,
    ReaderStatus,
    Sink,
    ThreadedReader,
)

log = logging.getLogger(__name__)

SerialFactory = Callable[[str, int, float], serial.Serial]


def _open_serial(port: str, baudrate: int, timeout: float) -> serial.Serial:
    return serial.Serial(
        port, baudrate=baudrate, bytesize=8, parity="N", stopbits=1, timeout=timeout
    )


class SamReader(ThreadedReader):
    """GA/T 467 reader on ``port`` (115200 8N1 by default)."""

    name = "sam"

    def __init__(
        self,
        port: str,
        baudrate: int = 115200,
        *,
        poll_s: float = 0.25,
        reply_timeout_s: float = 1.0,
        opener: SerialFactory = _open_serial,
    ) -> None:
        super().__init__()
        self.port, self.baudrate = port, baudrate
        self.poll_s, self.reply_timeout_s = poll_s, reply_timeout_s
        self._opener = opener
        self._serial: serial.Serial | None = None

    # --- protocol ---------------------------------------------------------------------
    def transact(self, command: gat467.Command, data: bytes = b"") -> gat467.Reply:
        """Send one request and read one reply frame."""
        port = self._serial
        if port is None:
            raise CardReadError(CardErrorKind.READER_MISSING, "port not open")
        port.reset_input_buffer()
        port.write(gat467.request(command, data))
        return gat467.read_frame(port.read, command.name)

    def read_card(self) -> CardPresented | None:
        """One find/select/read cycle; None when no card is on the reader."""
        found = self.transact(gat467.Command.FIND_CARD)
        if found.sw3 == 0x80:
            return None
        gat467.check(found, gat467.SW3_FOUND, gat467.SW3_OK)
        gat467.check(self.transact(gat467.Command.SELECT_CARD), gat467.SW3_OK, gat467.SW3_FOUND)
        reply = gat467.check(self.transact(gat467.Command.READ_TEXT_PHOTO), gat467.SW3_OK)
        identity = textblock.parse(gat467.split_text_photo(reply.data))
        return CardPresented(chip_serial="", identity=identity)

    # --- thread -----------------------------------------------------------------------
    def _run(self, sink: Sink) -> None:
        poll = _Poll(sink)
        while not self.stop_event.is_set():
            if self._serial is None and not self._open(poll):
                self.stop_event.wait(1.0)
                continue
            try:
                poll.seen(self.read_card())
            except CardReadError as exc:
                if exc.kind in (CardErrorKind.READER_ERROR, CardErrorKind.READER_MISSING):
                    poll.report(ReaderState.ERROR, exc.detail)
                    self._close()
                    self.stop_event.wait(0.5)
                    continue
                poll.failed(exc)
            except (serial.SerialException, OSError) as exc:
                poll.report(ReaderState.MISSING, f"{self.port}: {exc}")
                self._close()
                continue
            self.stop_event.wait(self.poll_s)
        self._close()

    def _open(self, poll: _Poll) -> bool:
        try:
            self._serial = self._opener(self.port, self.baudrate, self.reply_timeout_s)
        except (serial.SerialException, OSError) as exc:
            poll.report(ReaderState.MISSING, f"{self.port}: {exc}")
            return False
        return True

    def _close(self) -> None:
        if self._serial is not None:
            try:
                self._serial.close()
            except (serial.SerialException, OSError):
                log.debug("closing %s failed", self.port)
            self._serial = None


class _Poll:
    """What the polling thread remembers: reader state and whether a card is on it."""

    def __init__(self, sink: Sink) -> None:
        self.sink = sink
        self.state: ReaderState | None = None
        self.present, self.misses = False, 0

    def report(self, state: ReaderState, reason: str) -> None:
        if state is not self.state:
            self.state = state
            self.sink(ReaderStatus(state, reason))

    def seen(self, event: CardPresented | None) -> None:
        """A poll answered: a card (reported once per tap) or none (removal after two)."""
        self.report(ReaderState.CONNECTED, "answering")
        if event is not None:
            if not self.present:
                self.sink(event)
            self.present, self.misses = True, 0
        elif self.present:
            self.misses += 1
            if self.misses >= 2:
                self.present = False
                self.sink(CardRemoved())

    def failed(self, error: CardReadError) -> None:
        """A card is there but unreadable: report once per tap."""
        self.report(ReaderState.CONNECTED, "answering")
        if not self.present:
            self.sink(CardFailed(error))
        self.present, self.misses = True, 0
