"""The sync thread: runs cycles, backs off with full jitter, reports a status snapshot.

The GUI never waits on it: it only reads :class:`SyncStatus` snapshots that arrive through
``on_status`` (bridged to a Qt signal in ``kiosk/ui/bridges.py``) and may call ``wake()``.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import replace

from kiosk.domain.storage import storage_kind
from kiosk.sync.engine import CycleReport, SyncEngine, WatchdogExpiredError
from kiosk.sync.errors import (
    BadResponseError,
    RefusedError,
    SyncError,
    UnauthorizedError,
    UpgradeRequiredError,
)
from kiosk.sync.status import (
    NOT_ENROLLED,
    OFFLINE,
    ONLINE,
    REVOKED,
    STORAGE,
    SYNCING,
    UPGRADE,
    SyncStatus,
)
from kiosk.sync.tickets import TicketKeeper
from kiosk.sync.watch import FeedWatcher

log = logging.getLogger(__name__)


def backoff_delay(failures: int, retry_after: float | None, rng: random.Random) -> float:
    """Full jitter: ``random(0, min(300, 2**n))``, never sooner than Retry-After."""
    delay = rng.uniform(0, min(300.0, 2.0 ** max(1, failures)))
    return max(delay, retry_after or 0.0)


class SyncWorker:
    """Owns the engine (and so its requests session) on one daemon thread."""

    def __init__(
        self,
        engine: SyncEngine,
        *,
        interval_s: float,
        on_status: Callable[[SyncStatus], None],
        on_pulled: Callable[[int], None] = lambda _n: None,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        rng: random.Random | None = None,
    ) -> None:
        self.engine = engine
        self.interval_s = interval_s
        self.on_status = on_status
        self.on_pulled = on_pulled
        self.now = now
        self.rng = rng or random.Random()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)
        self.status = SyncStatus(OFFLINE, last_sync=self._kept_last_sync())
        self.failures = 0
        self._retry_after: float | None = None
        # Waits on the market's feed and wakes this worker (kiosk.sync.watch), when set.
        self.watcher: FeedWatcher | None = None
        # Keeps the attract screen's login ticket open (kiosk.sync.tickets), when set.
        self.tickets: TicketKeeper | None = None

    def start(self) -> None:
        """Start the thread; the first cycle runs at once. The watcher, if any, too."""
        self._thread.start()
        for companion in (self.watcher, self.tickets):
            if companion is not None:
                companion.start()

    def wake(self) -> None:
        """Run a cycle now (something was queued, or a technician asked)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to end and wait for it (a request in flight ends by its timeout)."""
        self._stop.set()
        self._wake.set()
        for companion in (self.watcher, self.tickets):
            if companion is not None:
                companion.stop()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self.engine.client.close()

    def _publish(self, status: SyncStatus) -> None:
        self.status = status
        try:
            self.on_status(status)
        except Exception:
            log.exception("sync status listener failed")

    def run_once(self) -> CycleReport | None:
        """One cycle with status updates; the report, or None when it failed."""
        self._retry_after = None
        self._publish(replace(self.status, state=SYNCING))
        try:
            report = self.engine.cycle()
        except (SyncError, WatchdogExpiredError) as exc:
            self._retry_after = getattr(exc, "retry_after", None)
            if isinstance(exc, BadResponseError | RefusedError):
                log.warning("server answer refused: %s", exc)
            self._publish(self._failed(exc))
            return None
        except Exception as exc:
            if storage_kind(exc) is None:
                log.exception("sync cycle failed")
            self._publish(self._failed(exc))
            return None
        self.failures = 0
        done = self.now()
        try:
            self.engine.local.synced(done)
        except Exception as exc:  # noqa: BLE001 - a failed write of the time loses nothing else
            log.warning("last sync time not kept: %s", type(exc).__name__)
        status = SyncStatus(
            ONLINE,
            last_sync=done,
            waiting=self.engine.local.waiting(),
            clock_skew_s=self.engine.client.offset,
            pulled_total=self.status.pulled_total + report.pulled,
            pushed_total=self.status.pushed_total + report.pushed,
        )
        self._publish(status)
        if status.skew_warning:
            log.warning("kiosk clock is %.0f s off the server's", status.clock_skew_s)
        if report.pulled:
            self.on_pulled(report.pulled)
        return report

    def _kept_last_sync(self) -> dt.datetime | None:
        try:
            return self.engine.local.last_sync()
        except Exception as exc:  # noqa: BLE001 - "never" is shown rather than nothing
            log.warning("last sync time not read: %s", type(exc).__name__)
            return None

    def _failed(self, exc: Exception) -> SyncStatus:
        self.failures += 1
        code = getattr(exc, "code", type(exc).__name__)
        log.warning("sync failed: %s (attempt %d)", code, self.failures)
        state = OFFLINE
        storage = storage_kind(exc)
        if storage is not None:  # the kiosk's disk, not the network: say so, nothing is lost
            state, code = STORAGE, storage.value
        elif isinstance(exc, UpgradeRequiredError):
            state = UPGRADE
        elif isinstance(exc, UnauthorizedError) and code in {"revoked", "unknown_credential"}:
            state = REVOKED
        elif isinstance(exc, UnauthorizedError) and code == "not_enrolled":
            state = NOT_ENROLLED
        try:
            waiting = self.engine.local.waiting()
        except Exception:  # noqa: BLE001 - the status must still go out
            waiting = self.status.waiting
        return replace(
            self.status,
            state=state,
            problem=str(code),
            waiting=waiting,
            clock_skew_s=self.engine.client.offset,
        )

    def next_delay(self) -> float:
        """Seconds to the next cycle: the interval with jitter, or the backoff."""
        if self.failures == 0:
            return self.interval_s * self.rng.uniform(0.8, 1.2)
        if self.status.state in (REVOKED, UPGRADE, NOT_ENROLLED):
            return 300.0  # a person must act; look again now and then
        return backoff_delay(self.failures, self._retry_after, self.rng)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            self.run_once()
            self._wake.wait(self.next_delay())
