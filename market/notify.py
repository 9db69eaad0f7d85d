"""Waking the kiosks that wait for the change feed (``GET /v1/changes/wait``).

Every write to the feed marks its session; when that session commits, the waiting
requests of this server process wake and look again. On PostgreSQL the write also sends
``NOTIFY market_feed`` inside its transaction, which PostgreSQL delivers at commit to every
listening process: each worker process of ``market-server --workers N`` listens on a thread
of its own, so a job posted through any process (or by ``market-admin``) wakes the kiosks
waiting on all of them. SQLite has one process; a waiting request there also looks again
every second, for writes made by another process (``market-admin``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

CHANNEL = "market_feed"
CHANGED = "feed_changed"  # the session's info key feed.write sets


def mark(s: Session) -> None:
    """This session wrote to the feed: wake the waiters when it commits."""
    s.info[CHANGED] = True
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text(f"NOTIFY {CHANNEL}"))


class FeedNotifier:
    """The waiting requests of one process: they wait on one event, replaced after firing."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None
        # The feed's head, read once for all the waiters of this process after each
        # wake-up (or when older than they allow), never once per waiter.
        self._generation = 0
        self._head: tuple[float, int, Any] | None = None  # (read at, generation, head)
        self._head_lock: asyncio.Lock | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """The server's event loop (at start-up)."""
        self._loop, self._event = loop, asyncio.Event()

    async def wait(self, timeout: float) -> bool:
        """Until the feed changes or ``timeout`` seconds pass; whether it changed."""
        if self._event is None:
            self.bind(asyncio.get_running_loop())
        assert self._event is not None
        try:
            await asyncio.wait_for(self._event.wait(), timeout)
        except TimeoutError:
            return False
        return True

    async def head(self, read: Callable[[], Any], max_age: float) -> Any:
        """The feed's head: ``read`` (run on a worker thread) at most once per wake-up and
        per ``max_age`` seconds, whatever the number of waiters asking."""
        loop = asyncio.get_running_loop()
        if self._head_lock is None:
            self._head_lock = asyncio.Lock()
        async with self._head_lock:
            kept = self._head
            if kept is None or kept[1] != self._generation or loop.time() - kept[0] > max_age:
                generation = self._generation
                value = await run_in_threadpool(read)
                self._head = kept = (loop.time(), generation, value)
        return kept[2]

    def _fire(self) -> None:
        self._generation += 1
        if self._event is not None:
            self._event.set()
            self._event = asyncio.Event()

    def notify(self) -> None:
        """Wake every waiter (from any thread)."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop stopped meanwhile
                loop.call_soon_threadsafe(self._fire)

    def watch_commits(self, sessions: sessionmaker[Session]) -> None:
        """Notify after every commit of a session that wrote to the feed."""

        def committed(s: Session) -> None:
            if s.info.pop(CHANGED, False):
                self.notify()

        event.listen(sessions, "after_commit", committed)
        event.listen(sessions, "after_rollback", lambda s: s.info.pop(CHANGED, None))

    def listen(self, engine: Engine) -> None:
        """On PostgreSQL, a thread that turns ``NOTIFY market_feed`` into a wake-up."""
        if engine.dialect.name != "postgresql":
            return
        dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._thread = threading.Thread(target=self._listen, args=(dsn,), daemon=True)
        self._thread.name = "feed-listen"
        self._thread.start()

    def _listen(self, dsn: str) -> None:
        import psycopg  # noqa: PLC0415 - PostgreSQL servers only

        while not self._stop.is_set():
            try:
                with psycopg.connect(dsn, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.notify()  # anything missed while (re)connecting
                    while not self._stop.is_set():
                        for _note in conn.notifies(timeout=1.0):
                            self.notify()
            except Exception as exc:  # noqa: BLE001 - the database went away: try again
                log.warning("feed listener: %s; again in 2 s", type(exc).__name__)
                self._stop.wait(2.0)

    def close(self) -> None:
        """Stop the listening thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=3.0)


def attach(sessions: sessionmaker[Session]) -> FeedNotifier:
    """A notifier for one app: its sessions' commits (and, once ``listen`` runs, PostgreSQL's
    notifications) wake its waiters."""
    notifier = FeedNotifier()
    notifier.watch_commits(sessions)
    return notifier
