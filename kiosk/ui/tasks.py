"""One way to run work off the GUI thread: ``TaskRunner.submit(fn, on_done, on_error)``.

Callbacks run on the GUI thread (queued signal). A runner with one thread is the DB worker
that owns every write (ARCHITECTURE.md). ``fn`` must never touch a widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries a result back to the GUI thread."""

    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the caller
            log.debug("task failed: %s", type(exc).__name__)
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


class TaskRunner(QObject):
    """A pool of ``threads`` workers whose results come back as GUI-thread callbacks."""

    def __init__(self, threads: int, name: str) -> None:
        super().__init__()
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(threads)
        self.pool.setObjectName(name)
        self._relays: set[_Relay] = set()
        self.closed = False

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``fn`` on a worker; ``on_done`` or ``on_error`` then run on the GUI thread."""
        relay = _Relay()
        self._relays.add(relay)

        def finished(result: object) -> None:
            self._relays.discard(relay)
            if on_done is not None and not self.closed:
                on_done(result)

        def failed(exc: object) -> None:
            self._relays.discard(relay)
            if self.closed:
                return
            if on_error is not None and isinstance(exc, Exception):
                on_error(exc)
            else:
                log.error("unhandled task failure: %r", exc)

        relay.done.connect(finished)
        relay.failed.connect(failed)
        self.pool.start(_Job(fn, relay))

    def close(self, msecs: int = 10_000) -> None:
        """Finish running tasks and drop their callbacks: the widgets they would touch are going."""
        self.closed = True
        self.pool.waitForDone(msecs)

    def wait(self, msecs: int = 5000) -> bool:
        """Block until every task finished (shutdown and tests only)."""
        return self.pool.waitForDone(msecs)
