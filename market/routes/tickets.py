"""Scan-to-login (``market.tickets``): a kiosk opens a ticket for its attract screen's QR
code, then waits (up to ``timeout`` seconds a request) until a phone confirms it. Both
signed: a ticket is bound to the kiosk that opened it. A waiting request holds no database
connection between its looks (every ``LOOK_S``), so the kiosk learns of a confirmation
within about half a second."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, ValidationError

from market import tickets
from market.db import utcnow
from market.deps import DB, ERRORS, ApiError, Signed, terminal

router = APIRouter(prefix="/v1", tags=["login"])
MAX_WAIT_S = 30.0
LOOK_S = 0.4


class TicketAsked(BaseModel):
    """The place code of the station the kiosk stands at (named on the phone)."""

    station: str = Field(pattern=r"^[a-z0-9_-]{1,32}$")


class Ticket(BaseModel):
    """A ticket for the QR code: the phone opens ``url``."""

    ticket: str
    url: str
    expires_at: dt.datetime


class TicketState(BaseModel):
    """``waiting``, ``confirmed`` (with the worker's look-up hash), ``expired``, ``closed``."""

    state: str
    id_hash: str | None = None


@router.post("/login/tickets", response_model=Ticket, responses=ERRORS)
def open_ticket(request: Request, s: DB, sig: Signed) -> Ticket:
    """A new ticket for this kiosk's attract screen (120 s)."""
    cred = terminal(request, s, sig)
    try:
        body = TicketAsked.model_validate(json.loads(sig[0]))
    except (ValueError, ValidationError):
        raise ApiError(400, "invalid_request") from None
    token, expires = tickets.open_ticket(s, cred.terminal_id, body.station, utcnow())
    return Ticket(ticket=token, url=f"{request.base_url}worker/t/{token}", expires_at=expires)


@router.get("/login/tickets/wait", response_model=TicketState, responses=ERRORS)
async def wait_ticket(
    request: Request,
    sig: Signed,
    ticket: Annotated[str, Query(min_length=1, max_length=64)],
    timeout: Annotated[float, Query(ge=0, le=MAX_WAIT_S)] = 25.0,
) -> TicketState:
    """Answer when the ticket is confirmed, expired or closed, or after ``timeout`` seconds
    with ``waiting``."""
    sessions = request.app.state.sessions
    asker: list[str] = []  # the kiosk, once its signature is checked (and its nonce spent)

    def look() -> tuple[str, str | None]:
        with sessions.begin() as s:
            if not asker:
                asker.append(terminal(request, s, sig).terminal_id)
            return tickets.state(s, ticket, asker[0], utcnow())

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    found = await run_in_threadpool(look)
    while found[0] == "waiting" and loop.time() < deadline:
        await asyncio.sleep(LOOK_S)
        if await request.is_disconnected():
            break
        found = await run_in_threadpool(look)
    return TicketState(state=found[0], id_hash=found[1])
