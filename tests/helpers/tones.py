"""Generated tones standing in for recorded clips (never speech)."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path


def write_tone(
    path: Path,
    hz: float,
    seconds: float = 0.4,
    rate: int = 16000,
    *,
    amplitude: int = 12000,
    channels: int = 1,
) -> Path:
    """A sine tone WAV at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = int(rate * seconds)
    frames = b"".join(
        struct.pack("<h", int(amplitude * math.sin(2 * math.pi * hz * i / rate))) * channels
        for i in range(n)
    )
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)
    return path


def tone_bytes(tmp: Path, hz: float, seconds: float = 0.4, **kw: int) -> bytes:
    """A sine tone WAV's bytes (written once under ``tmp``)."""
    return write_tone(
        tmp / f"tone-{hz}-{seconds}-{sorted(kw.items())}.wav", hz, seconds, **kw
    ).read_bytes()
