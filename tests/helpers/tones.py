"""Generated tones standing in for recorded clips (never speech)."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path


def write_tone(path: Path, hz: float, seconds: float = 0.4, rate: int = 16000) -> Path:
    """A sine tone WAV at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = int(rate * seconds)
    frames = b"".join(
        struct.pack("<h", int(12000 * math.sin(2 * math.pi * hz * i / rate))) for i in range(n)
    )
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)
    return path
