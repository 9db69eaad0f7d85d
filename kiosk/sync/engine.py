"""One sync cycle over a :class:`LocalStore` port (SYNC.md rules 1-5): push, pull, then the
recorded clips (``kiosk.sync.clips``).

The engine holds no data of its own: the outbox, the cursor and the pulled tables live in
the kiosk database behind the port, so a kill at any point resumes where it left off.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol

from kiosk.sync import wire
from kiosk.sync.client import Change, ChangesPage, MarketClient, Result
from kiosk.sync.clips import ClipShare
from kiosk.sync.errors import (
    BadResponseError,
    CursorGoneError,
    RefusedError,
    SyncError,
    UnauthorizedError,
)
from kiosk.sync.station import StationReporter
from kiosk.sync.status import Waiting

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutgoingBatch:
    """Queued mutations under one idempotency key (kept until the server has answered)."""

    key: str
    items: list[dict[str, Any]]


@dataclass(frozen=True)
class PushTally:
    """What one batch's results did locally."""

    done: int = 0
    rejected: int = 0
    conflicts: int = 0
    retry: int = 0


class LocalStore(Protocol):
    """What the engine needs of the kiosk database (implemented in kiosk/store)."""

    def next_batch(self, max_items: int, max_bytes: int) -> OutgoingBatch | None:
        """The batch to send: an unanswered one again, else the next pending rows."""
        ...

    def record_results(self, batch: OutgoingBatch, results: list[Result]) -> PushTally:
        """Apply the server's per-item answers in one transaction."""
        ...

    def feed_cursor(self) -> str | None:
        """The committed cursor of the change feed."""
        ...

    def apply_page(self, changes: list[Change], next_cursor: str) -> int:
        """Apply a page and commit its cursor in one transaction; rows applied."""
        ...

    def restart_feed(self) -> None:
        """Forget the cursor (after 410)."""
        ...

    def sweep(self, seen: dict[str, set[str]]) -> int:
        """After a full re-pull, remove (or close) local rows the server no longer has."""
        ...

    def waiting(self) -> Waiting:
        """Outbox figures."""
        ...

    def last_sync(self) -> dt.datetime | None:
        """When the last cycle completed (kept across restarts; None: never)."""
        ...

    def synced(self, at: dt.datetime) -> None:
        """A cycle completed at ``at``."""
        ...


class WatchdogExpiredError(Exception):
    """A cycle ran past its wall-clock budget; the next one resumes from committed state."""


@dataclass
class CycleReport:
    """What one cycle moved."""

    pushed: int = 0
    rejected: int = 0
    conflicts: int = 0
    retry: int = 0
    pulled: int = 0
    pages: int = 0
    resynced: bool = False
    clips_sent: int = 0
    clips_refused: int = 0
    clips_pulled: int = 0
    server_time: float | None = None
    notes: list[str] = field(default_factory=list)


class SyncEngine:
    """Push the outbox, then pull the feed, page by page."""

    def __init__(
        self,
        client: MarketClient,
        local: LocalStore,
        *,
        page_size: int = wire.MAX_PAGE,
        watchdog_s: float = 120.0,
        monotonic: Callable[[], float] = time.monotonic,
        clips: ClipShare | None = None,
        on_district_key: Callable[[str], None] | None = None,
        station: StationReporter | None = None,
    ) -> None:
        self.client = client
        self.station = station
        self.on_district_key = on_district_key
        self.clips = clips
        self.local = local
        self.page_size = page_size
        self.watchdog_s = watchdog_s
        self.monotonic = monotonic
        self._deadline = 0.0

    def _check(self) -> None:
        if self.monotonic() > self._deadline:
            raise WatchdogExpiredError

    def cycle(self) -> CycleReport:
        """One full cycle; raises :mod:`kiosk.sync.errors` types when it cannot finish."""
        self._deadline = self.monotonic() + self.watchdog_s
        report = CycleReport()
        self.district_key()
        self.push(report)
        self.pull(report)
        if self.clips is not None:
            moved = self.clips.exchange(self.client, self._check)
            report.clips_sent, report.clips_refused = moved.sent, moved.refused
            report.clips_pulled = moved.pulled
            report.notes += [f"clip refused: {bad}" for bad in moved.bad]
        if self.station is not None and self.station.due():
            self._check()
            try:
                self.station.report(self.client)
            except SyncError as exc:  # the outbox and the feed are done: sync goes on
                self.station.postpone()
                report.notes.append(f"station figures not reported: {exc.code}")
        return report

    def district_key(self) -> None:
        """A kiosk enrolled before the market handed out the district's look-up key asks
        for it once (an older market without it: asked again next cycle, quietly)."""
        if self.on_district_key is None:
            return
        creds = self.client.credentials
        if creds is None or creds.lookup_key:
            return
        try:
            key: str = self._retrying_skew(self.client.district_key)
        except RefusedError:
            return
        self.on_district_key(key)

    def _retrying_skew(self, call: Callable[[], Any]) -> Any:
        """Run ``call``; on a clock-skew refusal the offset is now known: try once more."""
        try:
            return call()
        except UnauthorizedError as exc:
            if exc.code != "clock_skew":
                raise
            log.warning("clock differs from the server's by %.0f s", self.client.offset)
            return call()

    def push(self, report: CycleReport) -> None:
        """Send batches until the outbox holds nothing sendable."""
        while True:
            self._check()
            batch = self.local.next_batch(wire.MAX_MUTATIONS, wire.MAX_BATCH_BYTES - 4096)
            if batch is None:
                return
            results: list[Result] = self._retrying_skew(
                partial(self.client.push, batch.key, batch.items)
            )
            tally = self.local.record_results(batch, results)
            report.pushed += tally.done
            report.rejected += tally.rejected
            report.conflicts += tally.conflicts
            report.retry += tally.retry
            if tally.retry:
                return  # the server asked to wait; the next cycle sends them again

    def pull(self, report: CycleReport) -> None:
        """Pull pages until the feed has no more; a 410 restarts it from the beginning."""
        seen: dict[str, set[str]] | None = None
        while True:
            self._check()
            cursor = self.local.feed_cursor()
            try:
                page: ChangesPage = self._retrying_skew(
                    partial(self.client.changes, wire.COLLECTIONS, cursor, self.page_size)
                )
            except CursorGoneError:
                if seen is not None:
                    raise  # gone again from the very start: the server is confused
                log.warning("feed cursor too old (410): pulling everything again")
                self.local.restart_feed()
                seen = {c: set() for c in wire.COLLECTIONS}
                report.resynced = True
                continue
            if page.has_more and page.next_cursor == cursor:
                raise BadResponseError("cursor_stuck")
            report.server_time = page.server_time
            if seen is not None:
                for ch in page.changes:
                    if ch.op == "upsert":
                        seen[ch.collection].add(ch.id)
            report.pulled += self.local.apply_page(page.changes, page.next_cursor)
            report.pages += 1
            if not page.has_more:
                break
        if seen is not None:
            swept = self.local.sweep(seen)
            report.notes.append(f"resync removed {swept}")
