"""Jobs within a second: a thread of its own waits on the market's change feed
(``GET /v1/changes/wait``, up to ``wait_s`` a request) and wakes the sync worker the moment
something arrives, so a kiosk polling every 30 s still has a new job, or an employer's
answer, within about a second. It pulls nothing itself: the sync worker's cycle does that.

It has its own connection (a waiting request holds it), and after waking the worker it
waits until the worker's pull moved the cursor (at most ``settle_s``) before it asks again,
so it never spins. Offline or refused, it backs off (2 s doubling to 60 s) and the sync
worker's own interval still runs.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol

from kiosk.sync import wire
from kiosk.sync.errors import SyncError

log = logging.getLogger(__name__)

WAIT_S = 25.0
SETTLE_S = 5.0
MAX_BACKOFF_S = 60.0


class Waiter(Protocol):
    """The one request (``kiosk.sync.client.MarketClient`` fits)."""

    def wait_changes(self, collections: tuple[str, ...], cursor: str | None, wait_s: float) -> bool:
        """Whether the feed has changes after ``cursor``, waiting up to ``wait_s``."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...


class FeedWatcher:
    """Waits on the feed on a daemon thread; ``wake`` is the sync worker's."""

    def __init__(
        self,
        client: Waiter,
        cursor: Callable[[], str | None],
        wake: Callable[[], None],
        *,
        wait_s: float = WAIT_S,
        settle_s: float = SETTLE_S,
    ) -> None:
        self.client, self.cursor, self.wake = client, cursor, wake
        self.wait_s, self.settle_s = wait_s, settle_s
        self.woken = 0  # how many times it woke the worker (for tests and diagnostics)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sync-watch", daemon=True)

    def start(self) -> None:
        """Start waiting."""
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        """Stop (a request in flight ends with its own timeout; the thread is a daemon)."""
        self._stop.set()
        self.client.close()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                before = self.cursor()
                changed = self.client.wait_changes(wire.COLLECTIONS, before, self.wait_s)
            except SyncError as exc:
                failures += 1
                delay = min(MAX_BACKOFF_S, 2.0**failures)
                log.info("feed watch: %s; again in %.0f s", exc.code, delay)
                self._stop.wait(delay)
                continue
            except Exception:  # a closed session at stop, or a fault: back off
                if self._stop.is_set():
                    return
                log.warning("feed watch failed; again in 10 s", exc_info=True)
                self._stop.wait(10.0)
                continue
            failures = 0
            if changed and not self._stop.is_set():
                self.woken += 1
                self.wake()
                self._settle(before)

    def _settle(self, before: str | None) -> None:
        """Until the worker's pull moved the cursor, or ``settle_s`` passed."""
        deadline = time.monotonic() + self.settle_s
        while not self._stop.is_set() and time.monotonic() < deadline:
            try:
                if self.cursor() != before:
                    return
            except Exception:  # noqa: BLE001 - the store is busy: look again shortly
                pass
            self._stop.wait(0.1)
