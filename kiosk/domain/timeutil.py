"""The kiosk's local time zone; Lhasa keeps Beijing time."""

from __future__ import annotations

import datetime as dt

LHASA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")


def now_local() -> dt.datetime:
    """The current time in Beijing time, timezone-aware."""
    return dt.datetime.now(LHASA_TZ)
