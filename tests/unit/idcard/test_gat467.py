"""GA/T 467 frames: encoding, checksums, status words, and garbage refused cleanly."""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.errors import CardErrorKind, CardReadError
from kiosk.idcard import gat467


def test_request_frame_layout() -> None:
    frame = gat467.request(gat467.Command.FIND_CARD)
    assert frame.hex().upper() == "AAAAAA96690003200122"
    assert frame[-1] == gat467.checksum(frame[5:-1])


def test_reply_round_trip() -> None:
    frame = gat467.encode_reply(0x90, b"\x01\x02\x03")
    reply = gat467.decode(frame)
    assert (reply.sw1, reply.sw2, reply.sw3, reply.data) == (0, 0, 0x90, b"\x01\x02\x03")
    assert "01" not in repr(reply)


def test_bad_checksum_and_length_are_reader_errors() -> None:
    frame = bytearray(gat467.encode_reply(0x90, b"abc"))
    frame[-1] ^= 0xFF
    with pytest.raises(CardReadError, match="checksum") as err:
        gat467.decode(bytes(frame))
    assert err.value.kind is CardErrorKind.READER_ERROR
    with pytest.raises(CardReadError, match="length"):
        gat467.decode(gat467.encode_reply(0x90, b"abc")[:-2])


@pytest.mark.parametrize(
    ("sw3", "kind"),
    [
        (0x80, CardErrorKind.REMOVED),
        (0x41, CardErrorKind.UNREADABLE),
        (0x31, CardErrorKind.UNREADABLE),
        (0x10, CardErrorKind.READER_ERROR),
        (0x66, CardErrorKind.READER_ERROR),
        (0x77, CardErrorKind.READER_ERROR),
    ],
)
def test_status_words_map_to_kinds(sw3: int, kind: CardErrorKind) -> None:
    reply = gat467.decode(gat467.encode_reply(sw3))
    with pytest.raises(CardReadError) as err:
        gat467.check(reply, gat467.SW3_OK)
    assert err.value.kind is kind


def test_text_is_cut_from_a_read_reply_and_the_photo_ignored() -> None:
    text, photo = bytes(range(256)), b"\xff" * 1024
    data = (256).to_bytes(2, "big") + (1024).to_bytes(2, "big") + text + photo
    assert gat467.split_text_photo(data) == text
    with pytest.raises(CardReadError):
        gat467.split_text_photo(data[:100])


@settings(max_examples=500)
@given(st.binary(max_size=64))
def test_random_frames_raise_only_typed_errors(data: bytes) -> None:
    with contextlib.suppress(CardReadError):
        gat467.decode(gat467.PREAMBLE + data)
    with contextlib.suppress(CardReadError):
        gat467.decode(data)


NOISE = (
    b"\r\n",  # a line ending when the port opens
    b"\x11\x13",  # XON / XOFF
    b"\xaa\xaa",  # half a preamble
    b"\xaa\xaa\xaa\x96",  # all but the last preamble byte
    b"SAM V2.1\r\n\x00\xff",  # a power-on banner and stray bytes
)


@pytest.mark.parametrize("noise", NOISE)
def test_a_reply_after_line_noise_is_found_by_its_preamble(noise: bytes) -> None:
    frame = gat467.encode_reply(0x9F, b"\x00\x00\x00\x00")
    reply = gat467.read_frame(io.BytesIO(noise + frame).read)
    assert (reply.sw3, reply.data) == (0x9F, b"\x00\x00\x00\x00")


@settings(max_examples=300)
@given(st.binary(max_size=gat467.MAX_NOISE).map(lambda b: b.replace(gat467.PREAMBLE[:1], b"")))
def test_any_noise_without_a_preamble_byte_is_skipped(noise: bytes) -> None:
    frame = gat467.encode_reply(0x90, b"abc")
    assert gat467.read_frame(io.BytesIO(noise + frame).read).data == b"abc"


def test_noise_and_no_frame_is_a_reader_error_not_a_hang() -> None:
    for stream, reason in ((b"", "no reply"), (b"\r\n" * 400, "bad frame preamble")):
        with pytest.raises(CardReadError, match=reason) as err:
            gat467.read_frame(io.BytesIO(stream).read)
        assert err.value.kind is CardErrorKind.READER_ERROR
