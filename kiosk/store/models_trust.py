"""The kiosk's tables for what comes after the job and for training (part of
``kiosk.store.models``, which imports this module last and names its classes): pay
answers, complaints and their cases, ratings, the rights desk's sessions, courses,
bookings and the trades workers want to learn."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import UUID_LEN, Base


class PayAnswerRow(Base):
    """A worker's answer about an agreement's pay (kiosk.domain.pay), kept until sent."""

    __tablename__ = "pay_answers"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    agreement_code: Mapped[str] = mapped_column(String(9), index=True)
    worker_id: Mapped[str] = mapped_column(ForeignKey("workers.id"), index=True)
    answer: Mapped[str] = mapped_column(String(16))
    answered_at: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(16), default="pending")


class TrainingRow(Base):
    """A skills-training course (pulled ``trainings``; ``kiosk.domain.training.Course``)."""

    __tablename__ = "trainings"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    job_type_code: Mapped[str] = mapped_column(ForeignKey("job_types.code"))
    title_zh: Mapped[str] = mapped_column(String(128))
    title_bo: Mapped[str] = mapped_column(String(128), default="")
    starts_at: Mapped[dt.datetime]
    ends_at: Mapped[dt.datetime | None]
    place_code: Mapped[str] = mapped_column(ForeignKey("places.code"))
    seats_total: Mapped[int]
    seats_taken: Mapped[int] = mapped_column(default=0)
    waiting: Mapped[int] = mapped_column(default=0)
    subsidised: Mapped[bool] = mapped_column(default=False)
    who: Mapped[list[str] | None] = mapped_column(JSON)
    bring: Mapped[list[str] | None] = mapped_column(JSON)
    language: Mapped[str] = mapped_column(String(8), default="both")
    version: Mapped[int] = mapped_column(default=0)


class BookingRow(Base):
    """A training booking: made here (``pending`` until the market answers) or pulled
    (``bookings``, every station's), so a worker sees theirs anywhere. No foreign keys:
    a pulled booking may name a worker or course this kiosk does not hold."""

    __tablename__ = "bookings"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    training_id: Mapped[str] = mapped_column(String(UUID_LEN), index=True)
    worker_id: Mapped[str] = mapped_column(String(UUID_LEN), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    position: Mapped[int | None]
    booked_at: Mapped[dt.datetime | None]
    version: Mapped[int] = mapped_column(default=0)


class TrainingWishRow(Base):
    """The trade a worker would like to learn (None: only their own), asked once."""

    __tablename__ = "training_wishes"
    worker_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    job_type_code: Mapped[str | None] = mapped_column(String(32))
    asked_at: Mapped[dt.datetime]


class ComplaintRow(Base):
    """A wage-arrears complaint filed here (kiosk.domain.complaint), kept until sent; the
    market's decisions come back as ``CaseRow``."""

    __tablename__ = "complaints"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    case_no: Mapped[str] = mapped_column(String(9), unique=True)
    worker_id: Mapped[str] = mapped_column(ForeignKey("workers.id"), index=True)
    agreement_code: Mapped[str | None] = mapped_column(String(9), index=True)
    employer_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    employer_name: Mapped[str] = mapped_column(String(128), default="")
    amount: Mapped[int | None]
    period_from: Mapped[dt.date | None] = mapped_column(Date)
    period_to: Mapped[dt.date | None] = mapped_column(Date)
    promised: Mapped[str] = mapped_column(Text, default="")
    filed_at: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(16), default="pending")


class CaseRow(Base):
    """A complaint's state at the market (pulled ``cases``): open, referred or resolved,
    with the outcome; ``told`` is the state the worker last heard here."""

    __tablename__ = "cases"
    case_no: Mapped[str] = mapped_column(String(9), primary_key=True)
    worker_id: Mapped[str] = mapped_column(String(UUID_LEN), index=True)
    status: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(String(24))
    joined_to: Mapped[str | None] = mapped_column(String(9))
    decided_at: Mapped[dt.datetime | None]
    told: Mapped[str | None] = mapped_column(String(40))


class RatingGivenRow(Base):
    """A worker's rating of an employer after an agreement, kept until sent."""

    __tablename__ = "ratings_given"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    agreement_code: Mapped[str] = mapped_column(String(9), unique=True)
    worker_id: Mapped[str] = mapped_column(ForeignKey("workers.id"), index=True)
    face: Mapped[str] = mapped_column(String(8))
    tags: Mapped[dict[str, Any]]
    rated_at: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(16), default="pending")


class WorkerRatingRow(Base):
    """Employers' ratings of a worker as counts (pulled ``worker_ratings``)."""

    __tablename__ = "worker_ratings"
    worker_id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    good: Mapped[int] = mapped_column(default=0)
    ok: Mapped[int] = mapped_column(default=0)
    bad: Mapped[int] = mapped_column(default=0)


class RightsSessionRow(Base):
    """A rights-desk session (pulled ``rights_sessions``): who, when, where."""

    __tablename__ = "rights_sessions"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    starts_at: Mapped[dt.datetime] = mapped_column(index=True)
    ends_at: Mapped[dt.datetime]
    who: Mapped[str] = mapped_column(String(128))
    place: Mapped[str] = mapped_column(String(128))
