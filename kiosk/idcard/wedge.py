"""Keyboard-wedge scanners (QR codes, ID readers in keyboard mode), told apart by timing.

A scanner "types" its payload within a few milliseconds per key and ends with Enter; people
leave more than 50 ms between keys. Only digits, A-Z, TAB and SPACE survive every keyboard
layout, so payloads are short ASCII (IDCARD.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

ALLOWED = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\t -_.:/")


@dataclass
class WedgeDecoder:
    """Feed ``key(char, t)``; it returns a payload when a fast burst ends with Enter."""

    max_gap_s: float = 0.035
    min_length: int = 4
    max_length: int = 512
    _buffer: list[str] = field(default_factory=list)
    _last: float = -1.0

    def in_burst(self, t: float) -> bool:
        """True when a key at ``t`` continues a scanner burst."""
        return bool(self._buffer) and t - self._last <= self.max_gap_s

    def key(self, char: str, t: float) -> str | None:
        """One key at time ``t`` (seconds); Enter is "\\r" or "\\n"."""
        continues = self.in_burst(t)
        self._last = t
        if char in ("\r", "\n"):
            payload = "".join(self._buffer) if continues else ""
            self._buffer.clear()
            return payload if len(payload) >= self.min_length else None
        if not continues:
            self._buffer.clear()
        if char in ALLOWED and len(self._buffer) < self.max_length:
            self._buffer.append(char)
        else:
            self._buffer.clear()  # not a scanner payload
        return None
