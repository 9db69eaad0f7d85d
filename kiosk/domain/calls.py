"""A worker's call for staff: open until a staff member closes it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class StaffCall:
    """Which kiosk called, from which screen, and since when (no worker is named)."""

    id: int
    kiosk: str
    screen: str
    opened_at: dt.datetime

    def waited_minutes(self, now: dt.datetime) -> int:
        """Whole minutes since the call (0 in the first minute)."""
        return max(0, int((now - self.opened_at).total_seconds() // 60))
