"""The real clock; tests pass their own."""

from __future__ import annotations

import datetime as dt
import time

from kiosk.domain.timeutil import now_local


class SystemClock:
    """Wall time in Beijing time and the monotonic clock."""

    def now(self) -> dt.datetime:
        """Timezone-aware local time."""
        return now_local()

    def monotonic(self) -> float:
        """Seconds from an arbitrary start, never going back."""
        return time.monotonic()
