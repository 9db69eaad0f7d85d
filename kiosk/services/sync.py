"""The sync engine's port over the kiosk database (services persist what sync pulls)."""

from __future__ import annotations

from kiosk.services.ports import Clock
from kiosk.store.sync import SyncRepository
from kiosk.sync.client import Change, Result
from kiosk.sync.engine import OutgoingBatch, PushTally, Waiting


class StoreSyncPort:
    """:class:`kiosk.sync.engine.LocalStore` implemented with :class:`SyncRepository`."""

    def __init__(self, repo: SyncRepository, clock: Clock) -> None:
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
