"""Sync status snapshots (standard library only: the UI imports this before the first frame)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

CLOCK_SKEW_WARN_S = 300  # SYNC.md: warn when the kiosk clock is off by more than this

ONLINE, OFFLINE, SYNCING = "online", "offline", "syncing"
NOT_ENROLLED, REVOKED, UPGRADE = "not_enrolled", "revoked", "upgrade_required"
STORAGE = "storage"  # the kiosk's own disk failed (full, read-only): nothing was lost


@dataclass(frozen=True)
class Waiting:
    """Outbox figures for the status line and staff."""

    pending: int
    rejected: int
    conflicts: int


@dataclass(frozen=True)
class SyncStatus:
    """What the status line and the staff screen show."""

    state: str
    last_sync: dt.datetime | None = None
    waiting: Waiting = field(default_factory=lambda: Waiting(0, 0, 0))
    problem: str | None = None
    clock_skew_s: float = 0.0
    pulled_total: int = 0
    pushed_total: int = 0

    @property
    def skew_warning(self) -> bool:
        """True when the kiosk clock is off by more than SYNC.md allows."""
        return abs(self.clock_skew_s) > CLOCK_SKEW_WARN_S
