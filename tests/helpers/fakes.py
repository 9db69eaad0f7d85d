"""Fakes for the service ports: a clock tests step by hand, in-memory stores."""

from __future__ import annotations

import datetime as dt

from kiosk.domain.pin import PinRecord
from kiosk.domain.timeutil import LHASA_TZ


class FakeClock:
    """Wall and monotonic time that move only when a test says so."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.wall = start or dt.datetime(2026, 11, 24, 9, 0, tzinfo=LHASA_TZ)
        self.mono = 1000.0

    def now(self) -> dt.datetime:
        """Current fake wall time."""
        return self.wall

    def monotonic(self) -> float:
        """Current fake monotonic time."""
        return self.mono

    def advance(self, seconds: float) -> None:
        """Move both clocks forward."""
        self.mono += seconds
        self.wall += dt.timedelta(seconds=seconds)


class MemoryPins:
    """PIN records in a dict."""

    def __init__(self) -> None:
        self.records: dict[str, PinRecord] = {}

    def load(self, role: str) -> PinRecord:
        """The stored record or an empty one."""
        return self.records.get(role, PinRecord(pin_hash=None))

    def save(self, role: str, record: PinRecord) -> None:
        """Keep the record."""
        self.records[role] = record


class ListAudit:
    """Audit entries in a list."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str, str]] = []

    def append(self, at: dt.datetime, actor: str, action: str, detail: str = "") -> None:
        """Record an action."""
        self.entries.append((actor, action, detail))
