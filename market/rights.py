"""The rights desk's sessions (issue 14): who sits, when and where, set at the market and
pulled by every kiosk (``rights_sessions``); home and the complaint receipt name the next.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.timeutil import LHASA_TZ
from market import feed
from market.models import Record


def add(
    s: Session, *, starts_at: dt.datetime, hours: float, who: str, place: str, now: dt.datetime
) -> str:
    """A session; its id."""
    if not who.strip() or not place.strip():
        raise ValueError("a session needs who sits (--who) and where (--place)")
    if not 0 < hours <= 12:
        raise ValueError("--hours must be more than 0 and at most 12")
    start = (starts_at if starts_at.tzinfo else starts_at.replace(tzinfo=LHASA_TZ)).astimezone(
        LHASA_TZ
    )
    session_id = str(uuid.uuid4())
    data = {
        "id": session_id,
        "starts_at": start.isoformat(),
        "ends_at": (start + dt.timedelta(hours=hours)).isoformat(),
        "who": who.strip()[:128],
        "place": place.strip()[:128],
    }
    feed.write(s, "rights_sessions", session_id, data, now)
    return session_id


def cancel(s: Session, session_id: str, now: dt.datetime) -> None:
    """Withdraw a session from every kiosk."""
    rec = s.get(Record, ("rights_sessions", session_id))
    if rec is None or rec.deleted:
        raise LookupError(f"no session {session_id}")
    feed.write(s, "rights_sessions", session_id, None, now)


def upcoming(s: Session, now: dt.datetime) -> list[dict[str, str]]:
    """Sessions not yet over, soonest first."""
    rows = s.scalars(
        select(Record).where(Record.collection == "rights_sessions", Record.deleted.is_(False))
    )
    found = [r.data for r in rows if dt.datetime.fromisoformat(r.data["ends_at"]) > now]
    return sorted(found, key=lambda d: (d["starts_at"], d["id"]))
