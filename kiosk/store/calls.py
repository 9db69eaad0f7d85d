"""Staff calls: opened by a worker at the kiosk, closed by staff."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.orm import Session

from kiosk.domain.calls import StaffCall
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.store import models as m


def _naive(value: dt.datetime) -> dt.datetime:
    """SQLite keeps the kiosk's wall time (Lhasa) without a zone."""
    return value.astimezone(LHASA_TZ).replace(tzinfo=None) if value.tzinfo else value


def _local(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=LHASA_TZ) if value.tzinfo is None else value


class StaffCallRepository:
    """Open, list and close calls."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def open(self, kiosk: str, screen: str, now: dt.datetime) -> StaffCall:
        """A new open call."""
        with self.engine.begin() as conn:
            call_id = conn.execute(
                insert(m.StaffCallRow)
                .values(kiosk=kiosk, screen=screen, opened_at=_naive(now))
                .returning(m.StaffCallRow.id)
            ).scalar_one()
        return StaffCall(call_id, kiosk, screen, _local(_naive(now)))

    def open_calls(self) -> list[StaffCall]:
        """Calls nobody has closed, oldest first."""
        with Session(self.engine) as s:
            rows = s.scalars(
                select(m.StaffCallRow)
                .where(m.StaffCallRow.closed_at.is_(None))
                .order_by(m.StaffCallRow.opened_at, m.StaffCallRow.id)
            ).all()
            return [StaffCall(r.id, r.kiosk, r.screen, _local(r.opened_at)) for r in rows]

    def close(self, call_id: int, now: dt.datetime) -> bool:
        """Close a call; False when it was closed already (two staff at once)."""
        with self.engine.begin() as conn:
            done = conn.execute(
                update(m.StaffCallRow)
                .where(m.StaffCallRow.id == call_id, m.StaffCallRow.closed_at.is_(None))
                .values(closed_at=_naive(now))
            )
        return bool(done.rowcount)
