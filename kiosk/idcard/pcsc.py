"""PC/SC contactless readers through pcscd (pyscard's low-level API), watched from one thread.

A plain reader can only detect a resident ID card and read its 8-byte chip serial
(``00 36 00 00 08``; ``FF CA 00 00 00`` as a fallback for other cards). Readers with an
internal SAM may return the 256-byte text block to a vendor APDU sequence (configured).
The card ignores HALT, so repeats of the same serial within the debounce time are one tap.
Reader unplug/replug and a pcscd restart are survived: the context is rebuilt and the
state reported.
"""

from __future__ import annotations

import logging
import time

from smartcard import scard

from kiosk.domain.errors import CardErrorKind, CardReadError
from kiosk.idcard import textblock
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

GET_ID_SERIAL = [0x00, 0x36, 0x00, 0x00, 0x08]
GET_UID = [0xFF, 0xCA, 0x00, 0x00, 0x00]
PNP = "\\\\?PnP?\\Notification"
MAX_RETRIES = 4  # reads of one insertion that fail because the card went away
RETRY_WAIT_S = 0.35
SERVICE_GONE = {
    scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED, scard.SCARD_E_INVALID_HANDLE,
    scard.SCARD_F_COMM_ERROR, scard.SCARD_E_NO_READERS_AVAILABLE, scard.SCARD_E_UNKNOWN_READER,
    scard.SCARD_E_READER_UNAVAILABLE,
}  # fmt: skip


def _ok(hresult: int) -> bool:
    return bool(hresult == scard.SCARD_S_SUCCESS)


class PcscReader(ThreadedReader):
    """Watches the first reader whose name contains ``reader_match`` ("" = any)."""

    name = "pcsc"

    def __init__(
        self,
        reader_match: str = "",
        *,
        text_apdus: tuple[bytes, ...] = (),
        debounce_s: float = 0.5,
        poll_ms: int = 400,
    ) -> None:
        super().__init__()
        self.reader_match = reader_match
        self.text_apdus = text_apdus
        self.debounce_s, self.poll_ms = debounce_s, poll_ms

    def _run(self, sink: Sink) -> None:
        watcher = _Watcher(self, sink)
        while not self.stop_event.is_set():
            try:
                watcher.cycle()
            except _ServiceGoneError as exc:
                watcher.lost(str(exc))
                self.stop_event.wait(1.0)
        watcher.release()


class _ServiceGoneError(Exception):
    """pcscd or the reader went away; rebuild the context."""


class _Watcher:
    """State of one watching thread: context, reader, last card."""

    def __init__(self, owner: PcscReader, sink: Sink) -> None:
        self.owner, self.sink = owner, sink
        self.context: int | None = None
        self.reader: str | None = None
        self.state = scard.SCARD_STATE_UNAWARE
        self.status: ReaderState | None = None
        self.present_serial: str | None = None
        self.last_serial, self.last_removed = "", 0.0
        self.insert_count = -1  # pcsc-lite's event counter when the present card was read
        self.retries = 0

    def report(self, state: ReaderState, reason: str) -> None:
        if state is not self.status:
            self.status = state
            self.sink(ReaderStatus(state, reason))

    def lost(self, reason: str) -> None:
        if self.present_serial is not None:
            self.present_serial = None
            self.sink(CardRemoved())
        self.release()
        missing = "no reader" in reason or "service" in reason.lower()
        self.report(ReaderState.MISSING if missing else ReaderState.ERROR, reason)

    def release(self) -> None:
        if self.context is not None:
            scard.SCardReleaseContext(self.context)
        self.context, self.reader, self.state = None, None, scard.SCARD_STATE_UNAWARE

    def cycle(self) -> None:
        if self.context is None:
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if not _ok(hresult):
                raise _ServiceGoneError(f"pcscd service: {scard.SCardGetErrorMessage(hresult)}")
            self.context = context
        if self.reader is None:
            self.reader = self._find_reader()
            self.report(ReaderState.CONNECTED, self.reader)
        hresult, states = scard.SCardGetStatusChange(
            self.context, self.owner.poll_ms, [(self.reader, self.state)]
        )
        if hresult == scard.SCARD_E_TIMEOUT:
            return
        if not _ok(hresult):
            raise _ServiceGoneError(scard.SCardGetErrorMessage(hresult))
        _, event_state, _atr = states[0]
        self.state = event_state & ~scard.SCARD_STATE_CHANGED
        if event_state & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_UNAVAILABLE):
            raise _ServiceGoneError("no reader: unplugged")
        # pcsc-lite counts insertions and removals in the upper 16 bits: a card taken away
        # and put back between two polls shows as PRESENT throughout, but the count moves.
        count = (event_state >> 16) & 0xFFFF
        if event_state & scard.SCARD_STATE_PRESENT:
            if self.present_serial is not None and count != self.insert_count:
                self._card_out()
            if self.present_serial is None:
                self._card_in(count)
        elif event_state & scard.SCARD_STATE_EMPTY and self.present_serial is not None:
            self._card_out()

    def _card_out(self) -> None:
        self.present_serial = None
        self.retries = 0
        self.last_removed = time.monotonic()
        self.sink(CardRemoved())

    def _find_reader(self) -> str:
        assert self.context is not None
        hresult, readers = scard.SCardListReaders(self.context, [])
        if not _ok(hresult) or not readers:
            raise _ServiceGoneError("no reader connected")
        for name in readers:
            if self.owner.reader_match in name:
                return str(name)
        raise _ServiceGoneError(f"no reader matching {self.owner.reader_match!r}")

    def _card_in(self, count: int) -> None:
        try:
            serial, block = self._read()
        except CardReadError as exc:
            if exc.kind is CardErrorKind.REMOVED and self.retries < MAX_RETRIES:
                # Gone mid-read (or pcscd has not seen the removal yet): look again at once.
                self.retries += 1
                self.state = scard.SCARD_STATE_UNAWARE
                self.owner.stop_event.wait(RETRY_WAIT_S)  # pcscd polls readers every 400 ms
                return
            self.present_serial, self.insert_count, self.retries = "", count, 0
            self.sink(CardFailed(exc))
            return
        self.present_serial, self.insert_count, self.retries = serial, count, 0
        bounce = (
            serial == self.last_serial
            and time.monotonic() - self.last_removed < self.owner.debounce_s
        )
        self.last_serial = serial
        if bounce:
            log.debug("same card again within the debounce time: one tap")
            return
        identity = textblock.parse(block) if block is not None else None
        self.sink(CardPresented(chip_serial=serial, identity=identity))

    def _read(self) -> tuple[str, bytes | None]:
        assert self.context is not None
        assert self.reader is not None
        hresult, card, protocol = scard.SCardConnect(
            self.context, self.reader, scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )  # fmt: skip
        if not _ok(hresult):
            raise CardReadError(CardErrorKind.REMOVED, scard.SCardGetErrorMessage(hresult))
        try:
            serial = self._serial(card, protocol)
            block = self._text_block(card, protocol) if self.owner.text_apdus else None
        finally:
            scard.SCardDisconnect(card, scard.SCARD_LEAVE_CARD)
        return serial, block

    def _transmit(self, card: int, protocol: int, apdu: list[int]) -> tuple[bytes, int]:
        hresult, response = scard.SCardTransmit(card, protocol, apdu)
        if not _ok(hresult):
            raise CardReadError(CardErrorKind.REMOVED, scard.SCardGetErrorMessage(hresult))
        if len(response) < 2:
            raise CardReadError(CardErrorKind.UNREADABLE, "response without status word")
        return bytes(response[:-2]), (response[-2] << 8) | response[-1]

    def _serial(self, card: int, protocol: int) -> str:
        data, sw = self._transmit(card, protocol, GET_ID_SERIAL)
        if sw == 0x9000 and len(data) == 8:
            return data.hex().upper()
        data, sw = self._transmit(card, protocol, GET_UID)
        if sw == 0x9000 and data and any(data):
            return data.hex().upper()
        raise CardReadError(CardErrorKind.UNREADABLE, f"no chip serial (SW {sw:04X})")

    def _text_block(self, card: int, protocol: int) -> bytes:
        collected = b""
        for apdu in self.owner.text_apdus:
            data, sw = self._transmit(card, protocol, list(apdu))
            if sw != 0x9000:
                raise CardReadError(CardErrorKind.UNREADABLE, f"vendor APDU answered {sw:04X}")
            collected += data
        return collected[: textblock.BLOCK_SIZE]
