"""``GET /v1/changes/wait``: a kiosk waits, up to ``timeout`` seconds, for the change feed to
have something after its cursor (``market.notify`` wakes it), then pulls as usual. The
answer says only whether there is something. Nothing is held while it waits (no database
connection, no transaction, no worker thread), and after a wake-up one read of the feed's
head serves every waiting request of the process: a waiter reads the feed only when the
head passed its cursor, so hundreds of kiosks can wait on one process."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from kiosk.sync import wire
from market import feed
from market.db import utcnow
from market.deps import ERRORS, ApiError, Signed, terminal

router = APIRouter(prefix="/v1", tags=["sync"])
MAX_WAIT_S = 30.0
# How often a waiting request looks again without being woken: a write by another process
# reaches SQLite waiters this way; on PostgreSQL, NOTIFY wakes them, and the look is only a
# safety net (a change committed while an older transaction kept it from being served).
RECHECK_S = {"sqlite": 1.0, "postgresql": 5.0}


class WaitReply(BaseModel):
    """Whether the feed has changes after the cursor (pull them with ``/v1/changes``)."""

    changed: bool
    server_time: float


@router.get("/changes/wait", response_model=WaitReply, responses={**ERRORS, 410: ERRORS[410]})
async def wait_changes(
    request: Request,
    sig: Signed,
    collections: Annotated[str, Query(max_length=200)] = ",".join(wire.COLLECTIONS),
    cursor: Annotated[str, Query(max_length=64)] = "",
    timeout: Annotated[float, Query(ge=0, le=MAX_WAIT_S)] = 25.0,
) -> WaitReply:
    """Answer at once when there are changes after ``cursor``; else when some arrive, or
    after ``timeout`` seconds with ``changed: false``. 410 when the cursor is too old."""
    wanted = [c for c in collections.split(",") if c]
    if not wanted or any(c not in wire.COLLECTIONS for c in wanted):
        raise ApiError(400, "unknown_collection")
    try:
        position = wire.Cursor.decode(cursor)
    except ValueError:
        raise ApiError(400, "bad_cursor") from None
    state = request.app.state
    sessions, notifier = state.sessions, state.notifier

    def anything(first: bool) -> bool:
        with sessions.begin() as s:
            if first:  # the signature is checked (and its nonce spent) once
                terminal(request, s, sig)
            try:
                return bool(feed.read(s, wanted, position, 1).changes)
            except feed.CursorGoneError:
                raise ApiError(410, "cursor_gone") from None

    def reply(changed: bool) -> WaitReply:
        return WaitReply(changed=changed, server_time=utcnow().timestamp())

    if await run_in_threadpool(anything, True):
        return reply(True)
    recheck = RECHECK_S.get(state.engine.dialect.name, 1.0)

    def newest() -> wire.Cursor:
        with sessions.begin() as s:
            return feed.head(s)

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (left := deadline - loop.time()) > 0:
        await notifier.wait(min(left, recheck))
        if await request.is_disconnected():
            break
        # One read of the head serves every waiter; the feed itself only when it moved.
        if await notifier.head(newest, recheck) > position and await run_in_threadpool(
            anything, False
        ):
            return reply(True)
    return reply(False)
