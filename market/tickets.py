"""Scan-to-login from the kiosk's side (issue 15, TRUST.md "QR login"): the attract screen
shows a QR code of a one-time ticket; the worker's phone, signed in on ``/worker/``, opens
it, is told which station and which kiosk it is for, and confirms; the kiosk that asked
learns of it within a second and starts the visit.

Against QR-jacking (a relayed code): 128 random bits, 120 s, bound to the kiosk that asked
(no other kiosk can take it), confirmed once and taken once, the station and kiosk named on
the phone before the worker confirms; the visit ends on the idle timer as any other, and
signing an agreement still needs the ID card.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from market import district
from market.models import LoginTicket, Record, Terminal, Worker
from market.phones import aware, digest

TICKET_SECONDS = 120


@dataclass(frozen=True)
class ForPhone:
    """What the phone's page names before the worker confirms."""

    station: str  # the place's name, or its code when the market has no name for it
    kiosk: str


def open_ticket(
    s: Session, terminal_id: str, station: str, now: dt.datetime
) -> tuple[str, dt.datetime]:
    """A new ticket for this kiosk: (the token for the QR code, expires at)."""
    token = secrets.token_urlsafe(16)
    expires = now + dt.timedelta(seconds=TICKET_SECONDS)
    s.add(
        LoginTicket(
            token_hash=digest(token), terminal_id=terminal_id, station=station[:64],
            expires_at=expires,
        )
    )  # fmt: skip
    return token, expires


def _live(s: Session, token: str, now: dt.datetime) -> LoginTicket | str:
    found = s.get(LoginTicket, digest(token)) if token else None
    if found is None:
        return "unknown"
    if found.closed_at is not None or found.confirmed_at is not None:
        return "used"
    if aware(found.expires_at) <= now:
        return "expired"
    return found


def for_phone(s: Session, token: str, now: dt.datetime) -> ForPhone | str:
    """The station and kiosk of a live ticket, or why it cannot be confirmed (``unknown``,
    ``used``, ``expired``)."""
    found = _live(s, token, now)
    if isinstance(found, str):
        return found
    place = s.get(Record, ("places", found.station))
    station = str(place.data.get("name_zh", found.station)) if place else found.station
    terminal = s.get(Terminal, found.terminal_id)
    return ForPhone(station=station, kiosk=terminal.name if terminal else "")


def confirm(s: Session, token: str, worker_id: str, now: dt.datetime) -> str | None:
    """The signed-in worker confirms the ticket; why not (as ``for_phone``) otherwise."""
    found = _live(s, token, now)
    if isinstance(found, str):
        return found
    found.worker_id, found.confirmed_at = worker_id, now
    return None


def cancel(s: Session, token: str, now: dt.datetime) -> None:
    """ "Not me": the ticket serves nobody (the kiosk shows a new one)."""
    found = _live(s, token, now)
    if not isinstance(found, str):
        found.closed_at = now


def state(s: Session, token: str, terminal_id: str, now: dt.datetime) -> tuple[str, str | None]:
    """For the kiosk that asked: ``waiting``, ``confirmed`` (with the worker's look-up hash,
    once: the ticket is taken), ``expired``, or ``closed`` (taken, cancelled; also a ticket
    that is not this kiosk's, as if it did not exist)."""
    found = s.get(LoginTicket, digest(token)) if token else None
    if found is None or found.terminal_id != terminal_id or found.closed_at is not None:
        return "closed", None
    if found.confirmed_at is not None and found.worker_id is not None:
        found.closed_at = now
        worker = s.get(Worker, district.canonical(s, found.worker_id))
        return "confirmed", worker.id_hash if worker else None
    if aware(found.expires_at) <= now:
        return "expired", None
    return "waiting", None
