"""GA/T 467 frames spoken by certified SAM ID-card readers over UART or USB.

Request:  AA AA AA 96 69 | LEN (2, big-endian) | CMD PARA [DATA] | CHK
Reply:    AA AA AA 96 69 | LEN | SW1 SW2 SW3 | DATA | CHK
LEN counts everything after itself, CHK included; CHK is the XOR of LEN..last data byte.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from kiosk.domain.errors import CardErrorKind, CardReadError

PREAMBLE = bytes.fromhex("AAAAAA9669")
MAX_LEN = 4096
# Bytes a reply may be preceded by before we give up on finding its preamble: real readers
# emit CR LF, XON/XOFF, a power-on banner or half a frame when the port opens.
MAX_NOISE = 256


class Command(Enum):
    """The commands a kiosk uses (CMD, PARA)."""

    RESET_SAM = (0x10, 0xFF)
    SAM_STATUS = (0x11, 0xFF)
    SAM_ID = (0x12, 0xFF)
    FIND_CARD = (0x20, 0x01)
    SELECT_CARD = (0x20, 0x02)
    READ_TEXT_PHOTO = (0x30, 0x01)
    READ_ALL = (0x30, 0x10)
    READ_NEW_ADDRESS = (0x30, 0x03)


# SW3 codes (IDCARD.md) mapped to what a kiosk does about them.
SW3_OK, SW3_FOUND = 0x90, 0x9F
SW3_ERRORS: dict[int, tuple[CardErrorKind, str]] = {
    0x80: (CardErrorKind.REMOVED, "find card failed"),
    0x81: (CardErrorKind.REMOVED, "select card failed"),
    0x41: (CardErrorKind.UNREADABLE, "read failed"),
    0x31: (CardErrorKind.UNREADABLE, "card authentication failed"),
    0x32: (CardErrorKind.UNREADABLE, "SAM authentication failed"),
    0x33: (CardErrorKind.UNREADABLE, "authentication failed"),
    0x10: (CardErrorKind.READER_ERROR, "reader reports checksum error"),
    0x11: (CardErrorKind.READER_ERROR, "reader reports length error"),
    0x21: (CardErrorKind.READER_ERROR, "reader reports command error"),
    0x66: (CardErrorKind.READER_ERROR, "reader not authorised"),
}


def checksum(data: bytes) -> int:
    """XOR of every byte."""
    value = 0
    for b in data:
        value ^= b
    return value


def request(command: Command, data: bytes = b"") -> bytes:
    """Encode a request frame."""
    body = bytes(command.value) + data
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([checksum(length + body)])


@dataclass(frozen=True, repr=False)
class Reply:
    """A decoded reply: the three status words and the data."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes

    def __repr__(self) -> str:
        """No card data in logs."""
        return f"Reply(sw3={self.sw3:02X}, {len(self.data)} bytes)"


def reply_length(header: bytes) -> int:
    """From the 7-byte header (preamble + LEN), the bytes still to read."""
    if len(header) != 7 or header[:5] != PREAMBLE:
        raise CardReadError(CardErrorKind.READER_ERROR, "bad frame preamble")
    length = int.from_bytes(header[5:7], "big")
    if not 4 <= length <= MAX_LEN:
        raise CardReadError(CardErrorKind.READER_ERROR, f"implausible frame length {length}")
    return length


def read_frame(read: Callable[[int], bytes], what: str = "request") -> Reply:
    """Read and decode one reply, resynchronising on the preamble past line noise.

    ``read(n)`` returns at most ``n`` bytes (fewer, or none, on its time-out), as pyserial's
    ``Serial.read`` does. Noise before the preamble (up to ``MAX_NOISE`` bytes, including
    a partial preamble) is skipped; a reply that never shows a preamble is a reader error.
    """
    n = len(PREAMBLE)
    window = read(n)
    if not window:
        raise CardReadError(CardErrorKind.READER_ERROR, f"no reply to {what}")
    skipped = 0
    while window != PREAMBLE:
        more = read(1)
        skipped += 1
        if not more or skipped > MAX_NOISE:
            raise CardReadError(CardErrorKind.READER_ERROR, "bad frame preamble")
        window = (window + more)[-n:]
    header = PREAMBLE + read(2)
    if len(header) < n + 2:
        raise CardReadError(CardErrorKind.READER_ERROR, "frame cut short")
    rest = read(reply_length(header))
    return decode(header + rest)


def decode(frame: bytes) -> Reply:
    """Decode a whole reply frame; raises CardReadError only."""
    length = reply_length(frame[:7])
    if len(frame) != 7 + length:
        raise CardReadError(CardErrorKind.READER_ERROR, "frame length mismatch")
    body, chk = frame[5:-1], frame[-1]
    if checksum(body) != chk:
        raise CardReadError(CardErrorKind.READER_ERROR, "frame checksum mismatch")
    sw1, sw2, sw3 = frame[7], frame[8], frame[9]
    return Reply(sw1, sw2, sw3, frame[10:-1])


def encode_reply(sw3: int, data: bytes = b"") -> bytes:
    """Encode a reply (for the test emulator and the demo)."""
    body = bytes([0x00, 0x00, sw3]) + data
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([checksum(length + body)])


def check(reply: Reply, *accepted: int) -> Reply:
    """Raise the typed error for a status outside ``accepted``."""
    if reply.sw3 in accepted:
        return reply
    kind, what = SW3_ERRORS.get(reply.sw3, (CardErrorKind.READER_ERROR, "unknown status"))
    raise CardReadError(kind, f"SW3={reply.sw3:02X}: {what}")


def split_text_photo(data: bytes) -> bytes:
    """From a 30 01 reply, the 256-byte text block (the photo is never decoded or kept)."""
    if len(data) < 4:
        raise CardReadError(CardErrorKind.UNREADABLE, "read reply too short")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if text_len != 256 or len(data) < 4 + text_len + photo_len:
        raise CardReadError(CardErrorKind.UNREADABLE, f"text length {text_len}, data {len(data)}")
    return data[4 : 4 + text_len]
