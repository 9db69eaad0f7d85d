"""Sync use cases: the engine's port over the kiosk database, and enrolment."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from kiosk.services.ports import Clock
from kiosk.sync import credentials
from kiosk.sync.client import Change, EnrolStart, MarketClient, Result
from kiosk.sync.engine import OutgoingBatch, PushTally
from kiosk.sync.enrol import wait_for_approval
from kiosk.sync.errors import SyncError
from kiosk.sync.status import Waiting


class SyncRecords(Protocol):
    """What :class:`kiosk.store.sync.SyncRepository` offers (kept structural: no store import)."""

    def next_batch(
        self, max_items: int, max_bytes: int
    ) -> tuple[str, list[dict[str, Any]]] | None: ...
    def record_results(
        self, batch_key: str, results: Sequence[Result], now: dt.datetime
    ) -> tuple[int, int, int, int]: ...
    def feed_cursor(self) -> str | None: ...
    def apply_page(self, changes: Sequence[Change], cursor: str, now: dt.datetime) -> int: ...
    def restart_feed(self, now: dt.datetime) -> None: ...
    def sweep(self, seen: dict[str, set[str]]) -> int: ...
    def waiting(self) -> tuple[int, int, int]: ...
    def rejected(self, limit: int = 20) -> list[tuple[str, str, dt.datetime]]: ...
    def last_sync(self) -> dt.datetime | None: ...
    def synced(self, at: dt.datetime) -> None: ...


class StoreSyncPort:
    """:class:`kiosk.sync.engine.LocalStore` over the store's sync records."""

    def __init__(self, repo: SyncRecords, clock: Clock) -> None:
        self.repo = repo
        self.clock = clock

    def next_batch(self, max_items: int, max_bytes: int) -> OutgoingBatch | None:
        """The batch to send next."""
        found = self.repo.next_batch(max_items, max_bytes)
        return None if found is None else OutgoingBatch(*found)

    def record_results(self, batch: OutgoingBatch, results: list[Result]) -> PushTally:
        """Store the server's answers."""
        return PushTally(*self.repo.record_results(batch.key, results, self.clock.now()))

    def feed_cursor(self) -> str | None:
        """The committed cursor."""
        return self.repo.feed_cursor()

    def apply_page(self, changes: list[Change], next_cursor: str) -> int:
        """Apply one page with its cursor."""
        return self.repo.apply_page(changes, next_cursor, self.clock.now())

    def restart_feed(self) -> None:
        """Pull everything again."""
        self.repo.restart_feed(self.clock.now())

    def sweep(self, seen: dict[str, set[str]]) -> int:
        """Drop what the server no longer has."""
        return self.repo.sweep(seen)

    def waiting(self) -> Waiting:
        """Outbox figures."""
        return Waiting(*self.repo.waiting())

    def last_sync(self) -> dt.datetime | None:
        """When the last cycle completed."""
        return self.repo.last_sync()

    def synced(self, at: dt.datetime) -> None:
        """A cycle completed."""
        self.repo.synced(at)


class EnrolmentService:
    """Technician-driven enrolment (RFC 8628): start, show the code, wait, save.

    Both calls block on the network: the UI runs them on a worker, never on the GUI thread.
    """

    def __init__(
        self,
        credentials_path: Path,
        *,
        app_version: str,
        terminal_name: str,
        ca_bundle: str | None,
    ) -> None:
        self.path = credentials_path
        self.app_version = app_version
        self.terminal_name = terminal_name
        self.ca_bundle = ca_bundle

    def enrolled_with(self) -> str | None:
        """The server this kiosk is enrolled with, if any."""
        creds = credentials.load(self.path)
        return None if creds is None else creds.server_url

    def begin(self, server_url: str) -> PendingEnrolment:
        """Ask the server for codes (raises ValueError for a malformed address)."""
        client = MarketClient(
            server_url.strip(), None, app_version=self.app_version, ca_bundle=self.ca_bundle
        )
        try:
            start = client.enrol(self.terminal_name)
        except SyncError:
            client.close()
            raise
        return PendingEnrolment(self, client, start)


class PendingEnrolment:
    """A started enrolment: ``user_code`` to show, ``wait`` until approved."""

    def __init__(self, service: EnrolmentService, client: MarketClient, start: EnrolStart) -> None:
        self.service = service
        self.client = client
        self.start = start
        self.user_code = start.user_code
        self.cancel_event = threading.Event()

    def wait(self) -> str:
        """Block until approved; save the credential; return the terminal id."""
        try:
            creds = wait_for_approval(self.client, self.start, cancel=self.cancel_event)
        finally:
            self.client.close()
        credentials.save(self.service.path, creds)
        return creds.terminal_id

    def cancel(self) -> None:
        """Stop waiting (from any thread)."""
        self.cancel_event.set()
