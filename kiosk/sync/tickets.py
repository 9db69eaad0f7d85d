"""Scan-to-login from the kiosk's side (``market.tickets``): while the attract screen shows,
a thread of its own keeps a one-time ticket open at the market, hands its address to the
screen for the QR code, and waits on it (``GET /v1/login/tickets/wait``, up to ``wait_s`` a
request). A phone that confirms it reaches ``on_login`` within about a second, with the
worker's look-up hash. A ticket is renewed before its 120 s run out; offline or refused,
the QR code is hidden (``on_ticket(None)``) and it tries again later."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from kiosk.sync.errors import SyncError

log = logging.getLogger(__name__)

WAIT_S = 25.0
RENEW_S = 100.0  # a ticket lasts 120 s at the market: a new one before it runs out
RETRY_S = 15.0


class TicketClient(Protocol):
    """The market's side (``kiosk.sync.client.MarketClient`` fits)."""

    def open_ticket(self, station: str) -> dict[str, Any]:
        """A new ticket: ``{ticket, url, expires_at}``."""
        ...

    def wait_ticket(self, ticket: str, wait_s: float) -> dict[str, Any]:
        """The ticket's state after waiting up to ``wait_s``: ``{state, id_hash}``."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...


class TicketKeeper:
    """A daemon thread; ``on_ticket(url | None)`` and ``on_login(id_hash)`` run on it."""

    def __init__(
        self,
        client: TicketClient,
        station: str,
        *,
        wait_s: float = WAIT_S,
        renew_s: float = RENEW_S,
        retry_s: float = RETRY_S,
    ) -> None:
        self.client, self.station = client, station
        self.wait_s, self.renew_s, self.retry_s = wait_s, renew_s, retry_s
        self.on_ticket: Callable[[str | None], None] = lambda _url: None
        self.on_login: Callable[[str], None] = lambda _hash: None
        self._wanted = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="login-ticket", daemon=True)

    def start(self) -> None:
        """Start the thread (it opens a ticket once it is wanted)."""
        self._thread.start()

    def want(self, wanted: bool) -> None:
        """Whether the attract screen is showing (a ticket is kept only then)."""
        if wanted:
            self._wanted.set()
        else:
            self._wanted.clear()

    def stop(self, timeout: float = 3.0) -> None:
        """End the thread: closing the client ends a wait in flight (else its own timeout
        does; the thread is a daemon)."""
        self._stop.set()
        self._wanted.set()
        self.client.close()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wanted.wait()
            if self._stop.is_set():
                break
            try:
                self._one_ticket()
            except (SyncError, KeyError, TypeError) as exc:
                if self._stop.is_set():
                    break  # the client was closed under a wait: nothing to hide
                log.info("login ticket: %s; QR code hidden", type(exc).__name__)
                self.on_ticket(None)
                self._stop.wait(self.retry_s)

    def _one_ticket(self) -> None:
        """Open a ticket and wait on it until it is confirmed, runs out, or is not wanted."""
        opened = self.client.open_ticket(self.station)
        ticket, url = str(opened["ticket"]), str(opened["url"])
        self.on_ticket(url)
        began = time.monotonic()
        while self._wanted.is_set() and not self._stop.is_set():
            left = self.renew_s - (time.monotonic() - began)
            if left <= 0:
                return  # a new ticket before this one runs out
            got = self.client.wait_ticket(ticket, min(self.wait_s, left))
            state = got.get("state")
            if state == "confirmed":
                id_hash = got.get("id_hash")
                if isinstance(id_hash, str) and id_hash:
                    self.on_login(id_hash)
                return  # taken: the next visit gets a new ticket
            if state != "waiting":
                return  # expired or closed ("not me" on the phone): a new one
        self.on_ticket(None)  # not wanted any more: nothing to scan
