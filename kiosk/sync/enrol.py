"""Enrolment from the kiosk: RFC 8628 device grant (show a code, wait for an approval)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from kiosk.sync.client import EnrolStart, MarketClient
from kiosk.sync.credentials import Credentials
from kiosk.sync.errors import OfflineError, ServerBusyError, SyncError


class EnrolmentFailedError(SyncError):
    """The request was denied, expired, or the server is not a market server."""


def wait_for_approval(
    client: MarketClient,
    start: EnrolStart,
    *,
    cancel: threading.Event | None = None,
    sleep: Callable[[float], None] | None = None,
    monotonic: Callable[[], float] = time.monotonic,
) -> Credentials:
    """Poll until approved; honours ``slow_down``; stops on denial, expiry or ``cancel``."""
    cancel = cancel or threading.Event()
    wait = sleep or cancel.wait
    interval = max(1.0, float(start.interval))
    deadline = monotonic() + start.expires_in
    while monotonic() < deadline:
        wait(interval)
        if cancel.is_set():
            raise EnrolmentFailedError("cancelled")
        try:
            answer = client.enrol_poll(start.device_code)
        except (OfflineError, ServerBusyError):
            continue  # the network blinked: keep the code, keep polling
        if isinstance(answer, Credentials):
            return answer
        if answer == "slow_down":
            interval += 5.0
        elif answer != "authorization_pending":
            raise EnrolmentFailedError(answer)
    raise EnrolmentFailedError("expired_token")
