"""The kiosk's table for fast recruitment at the station (part of ``kiosk.store.models``,
which imports this module last): who checked in today, with their queue number. Kept only
at this kiosk: the queue is the room's, and it starts again each day."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import UUID_LEN, Base


class CheckinRow(Base):
    """A worker's first tap of the day at this kiosk: their number in today's queue, and
    the job an employer last called them for (None: not called yet)."""

    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("day", "worker_id"),)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[str] = mapped_column(ForeignKey("workers.id"), index=True)
    checked_in_at: Mapped[dt.datetime]
    called_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    called_for: Mapped[str | None] = mapped_column(String(UUID_LEN), default=None)
    hired_for: Mapped[str | None] = mapped_column(String(UUID_LEN), default=None)
