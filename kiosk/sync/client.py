"""The market server's v1 API over one ``requests.Session`` (owned by the sync thread).

Every request has a (connect, read) timeout and a wall-clock deadline for its body; every
reply is size-capped and shape-checked before anything of it is used. Signed requests carry
HMAC-SHA256 over method, path, body hash, time and a nonce (SYNC.md "Transport and auth").
The time used for signing is corrected by the offset the server's clock showed last.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from kiosk.sync import wire
from kiosk.sync.clip_wire import ClipManifest, parse_manifest
from kiosk.sync.credentials import Credentials, check_key
from kiosk.sync.errors import (
    BadResponseError,
    CursorGoneError,
    OfflineError,
    RefusedError,
    ServerBusyError,
    UnauthorizedError,
    UpgradeRequiredError,
)

TIMEOUT = (3.05, 30.0)


@dataclass(frozen=True)
class Change:
    """One pulled change."""

    collection: str
    id: str
    op: str
    version: int
    data: dict[str, Any] | None


@dataclass(frozen=True)
class ChangesPage:
    """One page of the change feed."""

    changes: list[Change]
    next_cursor: str
    has_more: bool
    server_time: float


@dataclass(frozen=True)
class Result:
    """The server's answer for one pushed mutation."""

    seq: int
    mutation_uuid: str
    status: str
    server_version: int | None
    error: str | None
    detail: dict[str, Any]


@dataclass(frozen=True)
class EnrolStart:
    """The codes of a started enrolment."""

    device_code: str
    user_code: str
    interval: int
    expires_in: int


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, min(float(value), 3600.0))
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


def _hex_key(value: Any) -> str:
    """A 32-byte key in hex (``credentials.check_key``), or BadResponseError."""
    try:
        return check_key(value)
    except ValueError:
        raise BadResponseError("key_shape") from None


def _parse_change(raw: Any) -> Change:
    if not isinstance(raw, dict):
        raise BadResponseError("change_not_object")
    collection, ident, op, version = (raw.get(k) for k in ("collection", "id", "op", "version"))
    data = raw.get("data")
    if collection not in wire.COLLECTIONS or not isinstance(ident, str) or not ident:
        raise BadResponseError("change_bad_key")
    if op not in ("upsert", "delete") or not isinstance(version, int):
        raise BadResponseError("change_bad_op")
    if op == "upsert" and not isinstance(data, dict):
        raise BadResponseError("change_bad_data")
    return Change(collection, ident, op, version, data if isinstance(data, dict) else None)


class MarketClient:
    """Typed calls to the market server; raises :mod:`kiosk.sync.errors` types only."""

    def __init__(
        self,
        base_url: str,
        credentials: Credentials | None,
        *,
        app_version: str,
        ca_bundle: str | None = None,
        timeout: tuple[float, float] = TIMEOUT,
        max_body_s: float = 60.0,
        clock: Callable[[], float] = time.time,
        retries: int = 2,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not a server address: {base_url!r}")
        self.base = base_url.rstrip("/")
        self.prefix = parts.path.rstrip("/")
        self.credentials = credentials
        self.app_version = app_version
        self.timeout = timeout
        self.max_body_s = max_body_s
        self.clock = clock
        self.offset = 0.0  # server clock minus ours, from the last reply
        self.requests = 0
        self.bytes_in = 0
        self.session = requests.Session()
        self.session.verify = ca_bundle or True
        retry = Retry(  # retries: 0 where a person waits for the answer
            total=retries,
            connect=retries,
            read=0,
            status=retries,
            backoff_factor=0.3,
            status_forcelist=(502, 503, 504),
            allowed_methods=frozenset({"GET"}),  # POST retries belong to the outbox loop
            respect_retry_after_header=False,  # the engine honours Retry-After itself
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update(
            {
                wire.H_SCHEMA: str(wire.SCHEMA_VERSION),
                wire.H_APP_VERSION: app_version,
                "Accept-Encoding": "gzip",
                "User-Agent": f"gig-station-kiosk/{app_version}",
            }
        )

    def close(self) -> None:
        """Release the connection pool."""
        self.session.close()

    # -- requests ---------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
        signed: bool = True,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        raw = json.dumps(body, separators=(",", ":")).encode() if body is not None else b""
        h = dict(headers or {})
        if body is not None:
            h["Content-Type"] = "application/json"
        return self._interpret(*self._send(method, path, params, raw, h, signed=signed))

    def _send(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None,
        raw: bytes,
        h: dict[str, str],
        *,
        signed: bool = True,
    ) -> tuple[requests.Response, bytes]:
        """Send one request; the response and its (size-capped) body."""
        path_qs = self.prefix + path + (f"?{urlencode(params)}" if params else "")
        if signed:
            if self.credentials is None:
                raise UnauthorizedError("not_enrolled")
            ts = int(self.clock() + self.offset)
            nonce = secrets.token_hex(16)
            h[wire.H_CREDENTIAL] = self.credentials.token
            h[wire.H_TIMESTAMP] = str(ts)
            h[wire.H_NONCE] = nonce
            h[wire.H_SIGNATURE] = wire.sign(self.credentials.key, method, path_qs, raw, ts, nonce)
        url = self.base + path_qs[len(self.prefix) :]
        self.requests += 1
        try:
            resp = self.session.request(
                method, url, data=raw or None, headers=h, timeout=self.timeout, stream=True
            )
            payload = self._read(resp)
        except requests.exceptions.SSLError:
            raise OfflineError("tls") from None
        except (requests.ConnectionError, requests.Timeout):
            raise OfflineError("unreachable") from None
        except requests.RequestException:
            raise OfflineError("transport") from None
        return resp, payload

    def _read(self, resp: requests.Response) -> bytes:
        deadline = time.monotonic() + self.max_body_s
        chunks: list[bytes] = []
        total = 0
        try:
            for chunk in resp.iter_content(64 * 1024):
                total += len(chunk)
                if total > wire.MAX_RESPONSE_BYTES:
                    raise BadResponseError("oversized")
                if time.monotonic() > deadline:
                    raise BadResponseError("stalled")
                chunks.append(chunk)
        finally:
            resp.close()
        self.bytes_in += int(resp.headers.get("Content-Length") or total)
        return b"".join(chunks)

    def _interpret(self, resp: requests.Response, payload: bytes) -> dict[str, Any]:
        try:
            data = json.loads(payload) if payload else {}
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("server_time"), int | float):
            self.offset = float(data["server_time"]) - self.clock()
        code = resp.status_code
        err = str(data.get("error", "")) if isinstance(data, dict) else ""
        if code == 410:
            raise CursorGoneError("cursor_gone")
        if code in (401, 403):
            raise UnauthorizedError(err or f"http_{code}", self.offset + self.clock())
        if code == 426:
            raise UpgradeRequiredError("upgrade_required")
        if code == 429 or code >= 500:
            raise ServerBusyError(
                f"http_{code}", retry_after=_retry_after(resp.headers.get("Retry-After"))
            )
        if code >= 400:
            detail = data.get("detail") if isinstance(data, dict) else None
            reason = detail.get("reason") if isinstance(detail, dict) else None
            raise RefusedError(err or f"http_{code}", str(reason)[:40] if reason else None)
        if not isinstance(data, dict):
            raise BadResponseError("not_json")
        return data

    # -- endpoints --------------------------------------------------------------------

    def status(self) -> dict[str, Any]:
        """Server time, minimum version and message (unsigned)."""
        return self._request("GET", "/v1/status", signed=False)

    def enrol(self, name: str) -> EnrolStart:
        """Start a device-grant enrolment."""
        d = self._request(
            "POST", "/v1/enrol", body={"name": name, "app_version": self.app_version}, signed=False
        )
        try:
            return EnrolStart(
                str(d["device_code"]), str(d["user_code"]), int(d["interval"]), int(d["expires_in"])
            )
        except (KeyError, ValueError, TypeError):
            raise BadResponseError("enrol_shape") from None

    def enrol_poll(self, device_code: str) -> Credentials | str:
        """Credentials once approved, else the RFC 8628 error code to act on."""
        try:
            d = self._request(
                "POST", "/v1/enrol/poll", body={"device_code": device_code}, signed=False
            )
        except RefusedError as exc:
            return exc.code
        try:
            key = d.get("lookup_key")
            return Credentials(
                self.base,
                str(d["terminal_id"]),
                str(d["token"]),
                str(d["hmac_key"]),
                _hex_key(key) if key is not None else None,
            )
        except KeyError:
            raise BadResponseError("credentials_shape") from None

    def district_key(self) -> str:
        """The district's look-up key, for a kiosk enrolled before the market handed it out."""
        return _hex_key(self._request("GET", "/v1/district").get("lookup_key"))

    def lookup_worker(self, id_hash: str) -> dict[str, Any] | None:
        """The worker another station filed under this look-up hash, or None."""
        try:
            found = self._request("GET", "/v1/workers/lookup", params={"id_hash": id_hash})
        except RefusedError as exc:
            if exc.code == "unknown_worker":
                return None
            raise
        if not isinstance(found.get("worker_id"), str) or not isinstance(found.get("name"), str):
            raise BadResponseError("worker_shape")
        return found

    def wait_changes(self, collections: tuple[str, ...], cursor: str | None, wait_s: float) -> bool:
        """Wait (up to ``wait_s``) until the feed has changes after ``cursor``: whether it
        has (``kiosk.sync.watch``; the read timeout must be longer than the wait)."""
        params = {"collections": ",".join(collections), "cursor": cursor or "", "timeout": wait_s}
        changed = self._request("GET", "/v1/changes/wait", params=params).get("changed")
        if not isinstance(changed, bool):
            raise BadResponseError("wait_shape")
        return changed

    def station_days(self, report: dict[str, Any]) -> dict[str, Any]:
        """Report this kiosk's days (``kiosk.sync.station``); the station's sums."""
        return self._request("POST", "/v1/station/days", body=report)

    def phone_code(self, worker_id: str) -> dict[str, Any]:
        """A one-time code for the worker's phone page (``kiosk.services.phone``)."""
        return self._request("POST", "/v1/workers/phone-code", body={"worker_id": worker_id})

    def scan_login(self, payload: str) -> dict[str, Any]:
        """The worker whose phone showed this login code (``kiosk.services.phone``)."""
        return self._request("POST", "/v1/login/scan", body={"payload": payload})

    def open_ticket(self, station: str) -> dict[str, Any]:
        """A login ticket for the attract screen's QR code (``kiosk.sync.tickets``)."""
        return self._request("POST", "/v1/login/tickets", body={"station": station})

    def wait_ticket(self, ticket: str, wait_s: float) -> dict[str, Any]:
        """The ticket's state, waiting up to ``wait_s`` for a phone to confirm it."""
        params = {"ticket": ticket, "timeout": wait_s}
        return self._request("GET", "/v1/login/tickets/wait", params=params)

    def changes(self, collections: tuple[str, ...], cursor: str | None, limit: int) -> ChangesPage:
        """One page of the feed after ``cursor``."""
        params = {"collections": ",".join(collections), "cursor": cursor or "", "limit": limit}
        d = self._request("GET", "/v1/changes", params=params)
        raw = d.get("changes")
        nxt, more, when = d.get("next_cursor"), d.get("has_more"), d.get("server_time")
        if not isinstance(raw, list) or not isinstance(nxt, str) or not isinstance(more, bool):
            raise BadResponseError("page_shape")
        if len(raw) > limit:
            raise BadResponseError("page_too_long")
        try:
            wire.Cursor.decode(nxt)
        except ValueError:
            raise BadResponseError("bad_cursor") from None
        return ChangesPage([_parse_change(c) for c in raw], nxt, more, float(when or 0.0))

    def push(self, batch_key: str, mutations: list[dict[str, Any]]) -> list[Result]:
        """Send one batch (the same ``batch_key`` on every retry of it)."""
        if self.credentials is None:
            raise UnauthorizedError("not_enrolled")
        body = {
            "terminal_id": self.credentials.terminal_id,
            "schema_version": wire.SCHEMA_VERSION,
            "app_version": self.app_version,
            "mutations": mutations,
        }
        d = self._request(
            "POST", "/v1/mutations", body=body, headers={wire.H_IDEMPOTENCY: batch_key}
        )
        raw = d.get("results")
        if not isinstance(raw, list):
            raise BadResponseError("results_shape")
        out = []
        for r in raw:
            if not isinstance(r, dict) or r.get("status") not in wire.STATUSES:
                raise BadResponseError("result_shape")
            if not isinstance(r.get("mutation_uuid"), str):
                raise BadResponseError("result_shape")
            version = r.get("server_version")
            detail = r.get("detail")
            out.append(
                Result(
                    int(r.get("seq") or 0),
                    r["mutation_uuid"],
                    r["status"],
                    version if isinstance(version, int) else None,
                    str(r["error"]) if r.get("error") is not None else None,
                    detail if isinstance(detail, dict) else {},
                )
            )
        return out

    # -- recorded clips (market/routes/clips.py) -----------------------------------------

    def clip_manifest(self, known: str) -> ClipManifest:
        """The newest version of every shared clip (nothing new when ``known`` is current)."""
        return parse_manifest(self._request("GET", "/v1/clips", params={"known": known}))

    def fetch_clip(self, name: str, version: int) -> bytes:
        """One version of one clip (its bytes, unchecked: the caller checks them)."""
        resp, payload = self._send("GET", "/v1/clip", {"name": name, "version": version}, b"", {})
        if resp.status_code != 200:
            self._interpret(resp, payload)
            raise BadResponseError(f"http_{resp.status_code}")
        return payload

    def put_clip(self, name: str, data: bytes) -> tuple[int, str]:
        """Send a take up: (its version at the market, "applied" or "duplicate"); a refused
        take raises :class:`RefusedError` (its ``reason``: why)."""
        d = self._interpret(
            *self._send("PUT", "/v1/clip", {"name": name}, data, {"Content-Type": "audio/wav"})
        )
        version, status = d.get("version"), d.get("status")
        if not isinstance(version, int) or status not in ("applied", "duplicate"):
            raise BadResponseError("stored_shape")
        return version, str(status)
