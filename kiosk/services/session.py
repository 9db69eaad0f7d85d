"""A worker's visit at the kiosk: who is signed in, and wiping it all at the end."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from kiosk.domain.entities import Worker
from kiosk.domain.errors import CardErrorKind, CardReadError
from kiosk.domain.privacy import Hasher, older_hash
from kiosk.idcard.events import CardPresented
from kiosk.services.ports import AuditLog, Clock, WorkerReader

__all__ = ["Hasher", "Rekeying", "SessionService", "SessionView"]


class Rekeying(Protocol):
    """The store's side of moving a worker to the district's look-up hash."""

    def rekey(self, worker_id: str, id_hash: str, now: dt.datetime) -> None:
        """Keep the new hash and queue ``worker.rekey``, together."""
        ...


@dataclass(frozen=True)
class SessionView:
    """What the screens may show of the signed-in worker (masked, no full number)."""

    worker_id: str
    name: str
    id_masked: str
    skills: dict[str, int]
    preferred_lang: str


class SessionService:
    """Starts and ends visits; holds the only reference to the current worker."""

    def __init__(
        self,
        workers: WorkerReader,
        clock: Clock,
        audit: AuditLog,
        hasher: Hasher,
        rekeying: Rekeying | None = None,
    ) -> None:
        self.workers, self.clock, self.audit, self.hasher = workers, clock, audit, hasher
        self.rekeying = rekeying
        self._current: Worker | None = None

    @property
    def worker(self) -> Worker | None:
        """The signed-in worker for other services (never handed to the UI)."""
        return self._current

    @property
    def current(self) -> SessionView | None:
        """The signed-in worker, or None on the attract screen."""
        w = self._current
        if w is None:
            return None
        return SessionView(w.id, w.name, w.id_masked, dict(w.skills), w.preferred_lang)

    def start_for_card(self, event: CardPresented) -> SessionView:
        """Sign in the card's holder, or raise CardReadError (invalid, expired, not registered).

        Look-up is by keyed hash only: of the ID number when the reader read it, else of
        the chip serial (bound to a worker when staff registered the card).
        """
        worker: Worker | None = None
        if event.identity is not None:
            event.identity.check(self.clock.now().date())
            worker = self.by_number(event.identity.number)
        elif event.chip_serial:
            worker = self.workers.by_chip_hash(self.hasher("chip", event.chip_serial))
        if worker is None:
            self.audit.append(self.clock.now(), "worker", "card_not_registered")
            raise CardReadError(CardErrorKind.NOT_REGISTERED)
        self._current = worker
        self.audit.append(self.clock.now(), "worker", "session_started")
        view = self.current
        assert view is not None
        return view

    def by_number(self, number: str) -> Worker | None:
        """The worker filed under this ID number: by its hash under the district's key, or
        by the one it had before the kiosk had that key (then moved to the new one, and the
        market told with ``worker.rekey``: one person, one worker across the district)."""
        current = self.hasher("id", number)
        worker = self.workers.by_id_hash(current)
        older = older_hash(self.hasher, "id", number)
        if worker is not None or older is None:
            return worker
        worker = self.workers.by_id_hash(older)
        if worker is None or self.rekeying is None:
            return worker  # found by the old hash all the same; nothing here can move it
        self.rekeying.rekey(worker.id, current, self.clock.now())
        self.audit.append(self.clock.now(), "worker", "rekeyed")
        return dataclasses.replace(worker, id_hash=current)

    def start_for_hash(self, id_hash: str) -> SessionView:
        """Sign in the worker the market vouched for (a phone's login code, scanned): found
        here by their look-up hash, or CardReadError NOT_REGISTERED (first time here: the
        card once, so the kiosk has what it shows of them)."""
        worker = self.workers.by_id_hash(id_hash)
        if worker is None:
            self.audit.append(self.clock.now(), "worker", "scan_not_here")
            raise CardReadError(CardErrorKind.NOT_REGISTERED)
        self._current = worker
        self.audit.append(self.clock.now(), "worker", "session_started", "phone_code")
        view = self.current
        assert view is not None
        return view

    def start_for_worker(self, worker: Worker) -> SessionView | None:
        """Sign in a worker just filed at this kiosk."""
        self._current = worker
        self.audit.append(self.clock.now(), "worker", "session_started")
        return self.current

    def end(self, reason: str) -> None:
        """Forget the worker (idle timeout, finish, error); safe to call twice."""
        if self._current is not None:
            self._current = None
            self.audit.append(self.clock.now(), "worker", "session_ended", reason)
