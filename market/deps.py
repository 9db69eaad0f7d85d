"""What every router shares: the error type, the database session, signed requests.

Everything lives on ``request.app.state`` (settings, session factory), never in module
globals, so several apps (and several worker processes) share nothing but the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from kiosk.domain import clips
from kiosk.sync import wire
from market import auth
from market.db import utcnow
from market.models import Credential
from market.schemas import ApiErrorBody
from market.settings import Settings


class ApiError(Exception):
    """An error answered as ``{error, server_time, detail}``."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(code)
        self.status, self.code, self.detail, self.headers = status, code, detail, headers


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ApiErrorBody} for code in (400, 401, 403, 410, 413, 426, 503)
}


def settings(request: Request) -> Settings:
    """The app's settings."""
    value: Settings = request.app.state.settings
    return value


def db(request: Request) -> Iterator[Session]:
    """One transaction per request."""
    with request.app.state.sessions.begin() as s:
        yield s


# "function" scope: the transaction commits before the reply leaves, so a kiosk is never
# told "applied" about a write that then fails to commit.
DB = Annotated[Session, Depends(db, scope="function")]


async def signed(request: Request) -> tuple[bytes, auth.SignedHeaders]:
    """The body and signing headers of a kiosk request (size and version checked)."""
    return await _signed(request, wire.MAX_BATCH_BYTES)


async def signed_clip(request: Request) -> tuple[bytes, auth.SignedHeaders]:
    """As :func:`signed`, for an upload of one recorded clip (a larger body)."""
    return await _signed(request, clips.MAX_BYTES)


def header_value(request: Request, name: str) -> str | None:
    """A signing header, or None when absent; 400 ``bad_header`` when it is not of its
    shape (``wire.HEADER_SHAPES``: a number out of range, a control character, too long),
    so that nothing malformed reaches the database or the signature check."""
    value = request.headers.get(name)
    if value is not None and not re.fullmatch(wire.HEADER_SHAPES[name], value):
        raise ApiError(400, "bad_header", {"header": name})
    return value


async def _signed(request: Request, limit: int) -> tuple[bytes, auth.SignedHeaders]:
    # The body's size was bounded before it was read (market.limits.BodyLimit).
    body = await request.body()
    if len(body) > limit:
        raise ApiError(413, "too_large")
    got = {name: header_value(request, name) for name in wire.SIGNED_HEADERS}
    token, stamp, nonce, signature = (got[name] for name in wire.SIGNED_HEADERS)
    if token is None or stamp is None or nonce is None or signature is None:
        raise auth.AuthFailureError("unsigned")
    headers = auth.SignedHeaders(token, int(stamp), nonce, signature)
    h = request.headers
    minimum = settings(request).min_app_version
    if wire.version_tuple(h.get(wire.H_APP_VERSION, "0")) < wire.version_tuple(minimum):
        raise ApiError(426, "upgrade_required", {"min_app_version": minimum})
    return body, headers


Signed = Annotated[tuple[bytes, auth.SignedHeaders], Depends(signed)]
SignedClip = Annotated[tuple[bytes, auth.SignedHeaders], Depends(signed_clip)]


def terminal(request: Request, s: Session, sig: tuple[bytes, auth.SignedHeaders]) -> Credential:
    """The enrolled terminal that signed this request (its nonce is then spent)."""
    body, headers = sig
    raw_path = request.scope.get("raw_path") or request.url.path.encode()
    path_qs = raw_path.decode()
    if request.scope.get("query_string"):
        path_qs += "?" + request.scope["query_string"].decode()
    return auth.authenticate(
        s, headers, method=request.method, path_qs=path_qs, body=body, now=utcnow()
    )
