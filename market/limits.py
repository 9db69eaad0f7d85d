"""Bounds on what a request may cost the server (issue 17).

- ``BodyLimit``: every body is bounded per route, whether or not ``Content-Length`` is
  sent. A declared length over the bound is refused before a byte is read; a chunked body
  is counted as it arrives and refused the moment it passes the bound, so an unsigned
  200 MB upload never sits in memory. Bodies under the bound are handed on unchanged.
- ``RateLimit``: enrolment requests per client address (a token bucket per address, kept
  in the process: with ``--workers N`` each process counts its own share), and a ceiling on
  pending enrolments overall, so a flood cannot fill the administrator's list.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from kiosk.domain import clips
from kiosk.sync import wire

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SMALL_BODY = 4 * 1024  # enrolment and its polling carry a name and a code
BODY_LIMITS: tuple[tuple[str, int], ...] = (
    ("/v1/enrol", SMALL_BODY),
    ("/v1/clip", clips.MAX_BYTES),
    ("/v1/mutations", wire.MAX_BATCH_BYTES),
)
DEFAULT_LIMIT = SMALL_BODY  # any other route takes no body worth the name


def body_limit(path: str) -> int:
    """The largest body ``path`` takes, in bytes."""
    for prefix, limit in BODY_LIMITS:
        if path == prefix or path.startswith(prefix + "/"):
            return limit
    return DEFAULT_LIMIT


def _error_body(code: str) -> bytes:
    return json.dumps(
        {"error": code, "server_time": time.time(), "detail": None}, separators=(",", ":")
    ).encode()


async def _answer(send: Send, status: int, code: str, headers: list[tuple[bytes, bytes]]) -> None:
    body = _error_body(code)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """ASGI middleware: see the module docstring."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(scope.get("path", ""))
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or len(declared) > 12:
                await _answer(send, 400, "invalid_request", [])
                return
            if int(declared) > limit:
                await _answer(send, 413, "too_large", [(b"connection", b"close")])
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away: the app sees it as it would have
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _answer(send, 413, "too_large", [(b"connection", b"close")])
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        given = False

        async def replay() -> Message:
            nonlocal given
            if not given:
                given = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class RateLimit:
    """A token bucket per key (``rate`` per minute, up to ``burst`` at once); the least
    recently seen keys are forgotten past ``keys``."""

    def __init__(self, rate_per_min: float, burst: int, keys: int = 10_000) -> None:
        self.rate = rate_per_min / 60.0
        self.burst = float(burst)
        self.keys = keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str, now: float | None = None) -> float:
        """0 when ``key`` may go ahead now, else the seconds until it may."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self._buckets[key] = (tokens - 1 if wait == 0 else tokens, now)
            while len(self._buckets) > self.keys:
                self._buckets.popitem(last=False)
            return wait
