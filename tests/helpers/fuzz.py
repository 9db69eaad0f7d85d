"""For the API fuzzer: a real credential from the device grant, and a requests auth that
signs whatever request the fuzzer makes, exactly as a kiosk would (SYNC.md)."""

from __future__ import annotations

import secrets
import time

import requests
from requests.auth import AuthBase

from kiosk.sync import wire
from kiosk.sync.client import MarketClient
from kiosk.sync.credentials import Credentials
from tests.helpers.market import market_admin


def enrolled(url: str, database: str, name: str = "fuzz") -> Credentials:
    """Enrol one terminal through the API and approve it with market-admin."""
    client = MarketClient(url, None, app_version="0.1.0")
    try:
        start = client.enrol(name)
        market_admin(database, "approve", start.user_code)
        got = client.enrol_poll(start.device_code)
    finally:
        client.close()
    assert isinstance(got, Credentials), got
    return got


class KioskSigner(AuthBase):
    """Signs the prepared request (method, path and query as sent, body bytes)."""

    def __init__(self, creds: Credentials) -> None:
        self.creds = creds

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        body = r.body or b""
        raw = body.encode() if isinstance(body, str) else bytes(body)
        ts = int(time.time())
        nonce = secrets.token_hex(16)
        r.headers[wire.H_CREDENTIAL] = self.creds.token
        r.headers[wire.H_TIMESTAMP] = str(ts)
        r.headers[wire.H_NONCE] = nonce
        r.headers[wire.H_APP_VERSION] = "0.1.0"
        r.headers[wire.H_SIGNATURE] = wire.sign(
            self.creds.key, r.method or "GET", r.path_url, raw, ts, nonce
        )
        return r
