"""A worker's visit at the kiosk: who is signed in, and wiping it all at the end."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.entities import Worker
from kiosk.services.ports import AuditLog, Clock, WorkerReader


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

    def __init__(self, workers: WorkerReader, clock: Clock, audit: AuditLog) -> None:
        self.workers, self.clock, self.audit = workers, clock, audit
        self._current: Worker | None = None

    @property
    def current(self) -> SessionView | None:
        """The signed-in worker, or None on the attract screen."""
        w = self._current
        if w is None:
            return None
        return SessionView(w.id, w.name, w.id_masked, dict(w.skills), w.preferred_lang)

    def start_for_hash(self, id_hash: str) -> SessionView | None:
        """Sign in the worker with this keyed hash; None when not registered."""
        worker = self.workers.by_id_hash(id_hash)
        if worker is None:
            return None
        self._current = worker
        self.audit.append(self.clock.now(), "worker", "session_started")
        return self.current

    def end(self, reason: str) -> None:
        """Forget the worker (idle timeout, finish, error); safe to call twice."""
        if self._current is not None:
            self._current = None
            self.audit.append(self.clock.now(), "worker", "session_ended", reason)
