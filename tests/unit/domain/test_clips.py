"""Which files count as a clip a kiosk can play: both the kiosk (a take, a download) and the
market (an upload) refuse the rest, each with a reason staff can act on."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import pytest

from kiosk.domain.clips import MAX_BYTES, REASONS, BadClipError, check_wav, valid_name
from tests.helpers.tones import tone_bytes


def _wav(channels: int = 1, width: int = 2, rate: int = 16000, frames: bytes = b"") -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(frames)
    return out.getvalue()


def test_a_tone_is_a_clip(tmp_path: Path) -> None:
    data = tone_bytes(tmp_path, 440.0, 1.0)
    info = check_wav(data)
    assert info.seconds == pytest.approx(1.0)
    assert (info.rate, info.channels, info.size) == (16000, 1, len(data))
    assert check_wav(tone_bytes(tmp_path, 440.0, 0.5, channels=2)).channels == 2


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda t: b"not a wave file at all, just some bytes" * 10, "not_wav"),
        (lambda t: b"RIFF\x00\x00\x00\x00WAVEjunkjunk", "not_pcm16"),
        (lambda t: _wav(width=1, frames=b"\x80\xff" * 8000), "not_pcm16"),
        (lambda t: _wav(channels=3, frames=b"\x00\x10" * 3 * 8000), "channels"),
        (lambda t: _wav(rate=96000, frames=b"\x00\x10" * 96000), "rate"),
        (lambda t: tone_bytes(t, 440.0, 1.0)[:-4000], "truncated"),
        (lambda t: tone_bytes(t, 440.0, 0.2), "too_short"),
        (lambda t: tone_bytes(t, 440.0, 61.0, rate=8000), "too_long"),
        (lambda t: tone_bytes(t, 440.0, 1.0) + b"\x00" * MAX_BYTES, "too_large"),
        (lambda t: tone_bytes(t, 440.0, 1.0, amplitude=200), "silent"),
    ],
)
def test_bad_files_are_refused_with_their_reason(tmp_path: Path, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BadClipError) as caught:
        check_wav(make(tmp_path))
    assert caught.value.reason == reason
    assert reason in REASONS


@pytest.mark.parametrize("name", ["jobs.title", "say.jobs.count", "jobtype.banyun", "num/200"])
def test_message_ids_and_numbers_are_names(name: str) -> None:
    assert valid_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "",
        "jobs",
        "../etc/passwd",
        "num/../../x",
        "num/12345",
        "Jobs.Title",
        "a.b/c",
        "x" * 101 + ".y",
    ],
)
def test_nothing_else_is_a_name(name: str) -> None:
    assert not valid_name(name)
