"""Recorded Tibetan clips as both ends check them: a clip's name, and whether a WAV file is
one a kiosk can play (the kiosk checks a take before it keeps it and a download before it
plays it; the market checks an upload before it shares it with every kiosk)."""

from __future__ import annotations

import array
import hashlib
import io
import re
import sys
import wave
from dataclasses import dataclass

# A message id ("jobs.title", "jobtype.banyun") or a number's place value ("num/200").
NAME = re.compile(r"(?:num/[0-9]{1,4}|[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)")
MAX_NAME = 100
MIN_SECONDS = 0.3
MAX_SECONDS = 60.0
MAX_BYTES = 8 * 1024 * 1024  # a minute of 48 kHz stereo 16-bit PCM is 11 MB; takes are mono
RATES = range(8000, 48001)
SILENT_PEAK = 330  # 1 % of full scale: a muted microphone, not a quiet speaker

# Why a file is refused (a catalog message "clip.reason.<code>" says it to staff).
REASONS = (
    "not_wav",
    "not_pcm16",
    "channels",
    "rate",
    "truncated",
    "too_short",
    "too_long",
    "too_large",
    "silent",
    "mismatch",  # a download that is not what the manifest said
    "bad_name",
    "too_many_clips",  # the market's manifest is full
    "other",
)


class BadClipError(ValueError):
    """The file is not a clip a kiosk may play; ``reason`` is one of :data:`REASONS`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ClipInfo:
    """What a checked clip is."""

    sha256: str
    size: int
    seconds: float
    rate: int
    channels: int


def valid_name(name: str) -> bool:
    """True for a message id or ``num/<value>`` (never a path that leaves the library)."""
    return len(name) <= MAX_NAME and NAME.fullmatch(name) is not None


def digest(data: bytes) -> str:
    """SHA-256 of a clip's bytes, hex (its identity on both ends)."""
    return hashlib.sha256(data).hexdigest()


def check_wav(data: bytes) -> ClipInfo:
    """The clip's facts, or :class:`BadClipError`: 16-bit PCM, mono or stereo, 8-48 kHz,
    0.3-60 s, complete, at most 8 MiB, and not silent."""
    if len(data) > MAX_BYTES:
        raise BadClipError("too_large")
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise BadClipError("not_wav")
    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            channels, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
            frames = w.getnframes()
            pcm = w.readframes(frames)
    except (wave.Error, EOFError):
        raise BadClipError("not_pcm16") from None
    if width != 2:  # 16-bit samples only
        raise BadClipError("not_pcm16")
    if channels not in (1, 2):
        raise BadClipError("channels")
    if rate not in RATES:
        raise BadClipError("rate")
    if len(pcm) < frames * channels * width:
        raise BadClipError("truncated")
    seconds = frames / rate
    if seconds < MIN_SECONDS:
        raise BadClipError("too_short")
    if seconds > MAX_SECONDS:
        raise BadClipError("too_long")
    samples = array.array("h")
    samples.frombytes(pcm)
    if sys.byteorder == "big":
        samples.byteswap()
    loudest, quietest = max(samples), min(samples)
    if max(loudest, -quietest) < SILENT_PEAK:
        raise BadClipError("silent")
    return ClipInfo(digest(data), len(data), round(seconds, 3), rate, channels)
