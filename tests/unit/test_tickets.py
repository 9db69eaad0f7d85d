"""The kiosk's ticket keeper (``kiosk.sync.tickets``) against a scripted market: a ticket
only while the attract screen shows, a confirmation handed on with the worker's hash, a new
ticket after each, and the QR code hidden while the market cannot be reached."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from kiosk.sync.errors import OfflineError
from kiosk.sync.tickets import TicketKeeper


class Market:
    """Hands out tickets t1, t2, ...; answers each wait from ``states`` (then waiting)."""

    def __init__(self, states: list[dict[str, Any] | Exception]) -> None:
        self.states, self.opened = states, 0
        self.offline = False
        self.lock = threading.Lock()

    def open_ticket(self, station: str) -> dict[str, Any]:
        if self.offline:
            raise OfflineError("timeout")
        with self.lock:
            self.opened += 1
            return {"ticket": f"t{self.opened}", "url": f"http://m/worker/t/t{self.opened}"}

    def wait_ticket(self, ticket: str, wait_s: float) -> dict[str, Any]:
        with self.lock:
            got = self.states.pop(0) if self.states else {"state": "waiting"}
        if isinstance(got, Exception):
            raise got
        threading.Event().wait(0.01)
        return got

    def close(self) -> None:
        pass


def until(check: Callable[[], bool], timeout: float = 5.0) -> None:
    done = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if check():
            return
        done.wait(0.01)
    raise AssertionError("not in time")


def keeper_for(market: Market) -> tuple[TicketKeeper, list[str | None], list[str]]:
    shown: list[str | None] = []
    logins: list[str] = []
    keeper = TicketKeeper(market, "gongdelin", wait_s=0.05, renew_s=60, retry_s=0.05)
    keeper.on_ticket, keeper.on_login = shown.append, logins.append
    return keeper, shown, logins


def test_a_confirmed_ticket_starts_a_login_and_a_new_ticket_follows() -> None:
    market = Market([{"state": "waiting"}, {"state": "confirmed", "id_hash": "ab" * 32}])
    keeper, shown, logins = keeper_for(market)
    keeper.start()
    try:
        threading.Event().wait(0.1)
        assert market.opened == 0  # not wanted yet: no ticket
        keeper.want(True)
        until(lambda: logins == ["ab" * 32])
        until(lambda: "http://m/worker/t/t2" in shown)  # a new one after the login
        assert shown[0] == "http://m/worker/t/t1"
    finally:
        keeper.stop()


def test_offline_the_qr_code_is_hidden_and_comes_back() -> None:
    market = Market([])
    market.offline = True
    keeper, shown, _ = keeper_for(market)
    keeper.want(True)
    keeper.start()
    try:
        until(lambda: shown[-1:] == [None])
        market.offline = False
        until(lambda: bool(shown) and shown[-1] is not None)
        keeper.want(False)  # a visit started: the code goes
        until(lambda: shown[-1] is None)
    finally:
        keeper.stop()
