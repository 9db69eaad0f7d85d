"""SQLAlchemy 2.x models for the whole product.

Entities that travel to or from the market server carry client-made UUID ids and a
``version``. Identity data is kept only as keyed hashes (for look-up) and masked text
(for display): never a full ID number, never a photo (PIPL, IDCARD.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

UUID_LEN = 36


class Base(DeclarativeBase):
    """Declarative base; naming convention keeps Alembic's constraint names stable."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        dt.datetime: DateTime(timezone=True),
    }


Base.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class JobTypeRow(Base):
    """A trade (工种), with the wage range used for demo data and plausibility checks."""

    __tablename__ = "job_types"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(32))
    name_en: Mapped[str] = mapped_column(String(64))
    icon: Mapped[str] = mapped_column(String(64))
    wage_min: Mapped[int]
    wage_max: Mapped[int]
    occupation_code: Mapped[str | None] = mapped_column(String(16))
    sort_order: Mapped[int] = mapped_column(default=0)


class PlaceRow(Base):
    """A station (零工驿站) or the market (零工市场)."""

    __tablename__ = "places"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    approximate: Mapped[bool] = mapped_column(Boolean, default=True)


class EmployerRow(Base):
    """An employer with the credit record shown on job cards."""

    __tablename__ = "employers"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))
    licence_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    credit_score: Mapped[int] = mapped_column(default=80)
    unpaid_wage_cases: Mapped[int] = mapped_column(default=0)
    on_arrears_list: Mapped[bool] = mapped_column(Boolean, default=False)
    # Workers' ratings as counts: faces (good, ok, bad) and ticks (on_time, as_described, safe).
    ratings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    # The agreement's party block (kiosk.domain.entities.Employer): "" when not registered.
    phone: Mapped[str] = mapped_column(String(16), default="", server_default="")
    address: Mapped[str] = mapped_column(String(128), default="", server_default="")
    id_or_code: Mapped[str] = mapped_column(String(24), default="", server_default="")
    # A person's ID number as a keyed hash under the district's key: their card tap at the
    # kiosk finds them to hire (fast recruitment, issue 15). None for a company.
    card_hash: Mapped[str | None] = mapped_column(String(64), index=True, default=None)
    version: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[dt.datetime]


class JobRow(Base):
    """A day job offered by an employer."""

    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("day_wage > 0", name="wage_positive"),
        CheckConstraint("slots_taken <= slots_total", name="slots_within_total"),
        Index("ix_jobs_open_start", "status", "starts_at"),
    )
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    job_type_code: Mapped[str] = mapped_column(ForeignKey("job_types.code"), index=True)
    employer_id: Mapped[str] = mapped_column(ForeignKey("employers.id"), index=True)
    title_zh: Mapped[str] = mapped_column(String(128))
    description_zh: Mapped[str] = mapped_column(Text, default="")
    day_wage: Mapped[int]
    pay_terms: Mapped[str] = mapped_column(String(16))
    duration: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[dt.datetime]
    ends_at: Mapped[dt.datetime]
    hours_per_day: Mapped[float] = mapped_column(Float)
    place_code: Mapped[str | None] = mapped_column(ForeignKey("places.code"))
    address_zh: Mapped[str] = mapped_column(String(128))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    slots_total: Mapped[int]
    slots_taken: Mapped[int] = mapped_column(default=0)  # hired (kiosk.domain.places)
    applicants: Mapped[int] = mapped_column(default=0, server_default="0")  # market's count
    tools_provided: Mapped[bool] = mapped_column(Boolean, default=True)
    meals_provided: Mapped[bool] = mapped_column(Boolean, default=False)
    cover: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # kiosk.domain.cover
    status: Mapped[str] = mapped_column(String(16), default="open")
    posted_at: Mapped[dt.datetime]
    version: Mapped[int] = mapped_column(default=0)


class WorkerRow(Base):
    """A registered worker: keyed hashes for look-up, masked number for display."""

    __tablename__ = "workers"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    id_hash: Mapped[str] = mapped_column(String(64), unique=True)
    chip_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    id_masked: Mapped[str] = mapped_column(String(18))
    name: Mapped[str] = mapped_column(String(64))
    gender: Mapped[int] = mapped_column(default=0)
    nation_code: Mapped[str] = mapped_column(String(2), default="")
    birth_year: Mapped[int]
    phone: Mapped[str | None] = mapped_column(String(16))
    preferred_lang: Mapped[str] = mapped_column(String(8), default="both")
    expected_wage: Mapped[int | None]
    availability: Mapped[dict[str, Any]] = mapped_column(default=dict)
    home_place_code: Mapped[str | None] = mapped_column(ForeignKey("places.code"))
    consent_at: Mapped[dt.datetime | None]
    registered_at: Mapped[dt.datetime]
    version: Mapped[int] = mapped_column(default=0)


class WorkerSkillRow(Base):
    """A trade a worker can do, with years of experience."""

    __tablename__ = "worker_skills"
    worker_id: Mapped[str] = mapped_column(
        ForeignKey("workers.id", ondelete="CASCADE"), primary_key=True
    )
    job_type_code: Mapped[str] = mapped_column(ForeignKey("job_types.code"), primary_key=True)
    years: Mapped[int] = mapped_column(default=0)


class ApplicationRow(Base):
    """ "I want this job": a command the server decides (it may answer full)."""

    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("worker_id", "job_id"),)
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    worker_id: Mapped[str] = mapped_column(ForeignKey("workers.id"), index=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[dt.datetime]


class AnswerRow(Base):
    """An employer's answer to an application (pulled ``answers``, every station's, keyed
    by the application's random id): the worker hears it at their next tap anywhere. No
    foreign keys: the application may have been made at another kiosk."""

    __tablename__ = "answers"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    worker_id: Mapped[str] = mapped_column(String(UUID_LEN), index=True)
    job_id: Mapped[str] = mapped_column(String(UUID_LEN))
    answer: Mapped[str] = mapped_column(String(16))
    answered_at: Mapped[dt.datetime]


class AgreementRow(Base):
    """A signed simple employment agreement; immutable once signed."""

    __tablename__ = "agreements"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    application_id: Mapped[str | None] = mapped_column(ForeignKey("applications.id"))
    worker_id: Mapped[str] = mapped_column(ForeignKey("workers.id"), index=True)
    employer_id: Mapped[str] = mapped_column(ForeignKey("employers.id"))
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id"))
    template_version: Mapped[str] = mapped_column(String(16))
    text_sha256: Mapped[str] = mapped_column(String(64))  # the fingerprint
    worker_signature_png: Mapped[bytes | None]  # unused: the strokes are in ``document``
    employer_signature_png: Mapped[bytes | None]
    signed_at: Mapped[dt.datetime]
    code: Mapped[str | None] = mapped_column(String(9), unique=True)
    document: Mapped[str | None] = mapped_column(Text)  # the canonical signed document
    status: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    supersedes_code: Mapped[str | None] = mapped_column(String(9))
    printed_at: Mapped[dt.datetime | None]  # None: not printed yet (staff see it waiting)


class OutboxRow(Base):
    """A mutation waiting for the market server; written with its business row (SYNC.md)."""

    __tablename__ = "outbox"
    # The staff's dashboard counts this kiosk's mutations of a kind since a day.
    __table_args__ = (Index("ix_outbox_type_captured", "type", "captured_at_local"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_uuid: Mapped[str] = mapped_column(String(UUID_LEN), unique=True)
    type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(UUID_LEN))
    base_version: Mapped[int | None]
    payload: Mapped[dict[str, Any]]
    captured_at_local: Mapped[dt.datetime]
    state: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    batch_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    last_error: Mapped[str | None] = mapped_column(Text)


class SyncStateRow(Base):
    """The server cursor of one pulled collection, committed with each page."""

    __tablename__ = "sync_state"
    collection: Mapped[str] = mapped_column(String(32), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(Text)
    last_pull_at: Mapped[dt.datetime | None]


class PulledRejectRow(Base):
    """A pulled row this kiosk set aside (a rule of ``kiosk.domain.rows`` or a column's type
    broken); the rest of its page applied. Cleared when a later version applies."""

    __tablename__ = "pulled_rejects"
    collection: Mapped[str] = mapped_column(String(32), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime]


class SettingRow(Base):
    """One fact about this installation kept in its database: the installation key's check
    value (which key its hashes were made with), the last completed sync."""

    __tablename__ = "kiosk_settings"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ConflictRow(Base):
    """A profile field the server overruled; staff review the kiosk's value."""

    __tablename__ = "sync_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_uuid: Mapped[str] = mapped_column(String(UUID_LEN))
    field: Mapped[str] = mapped_column(String(64))
    kiosk_value: Mapped[str | None] = mapped_column(Text)
    server_value: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime]


class AuditRow(Base):
    """Who did what at the kiosk; never personal data in ``detail``."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(48))
    detail: Mapped[str] = mapped_column(Text, default="")


class StaffCallRow(Base):
    """A worker asked for help: which kiosk, from which screen, since when; open until a
    staff member closes it (no worker is named: staff come to the kiosk)."""

    __tablename__ = "staff_calls"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk: Mapped[str] = mapped_column(String(64))
    screen: Mapped[str] = mapped_column(String(32))
    opened_at: Mapped[dt.datetime]
    closed_at: Mapped[dt.datetime | None] = mapped_column(index=True)


class PinRow(Base):
    """A role's PIN hash and its failure count, kept across restarts."""

    __tablename__ = "admin_pins"
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[float] = mapped_column(Float, default=0.0)


class WorkerAliasRow(Base):
    """The one id the market gave a worker this kiosk filed under another (the same person
    was filed first at another station): rows pulled under it belong to the local worker."""

    __tablename__ = "worker_aliases"
    market_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    local_id: Mapped[str] = mapped_column(String(36), index=True)


# After the job, trust and training (pay answers, complaints, ratings, the rights desk,
# courses and bookings) live in their own module; imported here, last, so that every table
# is on ``Base.metadata`` and ``models.X`` names each row class wherever it is defined.
from kiosk.store.models_recruit import CheckinRow  # noqa: E402 - needs Base, defined above
from kiosk.store.models_trust import (  # noqa: E402 - needs Base, defined above
    BookingRow,
    CaseRow,
    ComplaintRow,
    PayAnswerRow,
    RatingGivenRow,
    RightsSessionRow,
    TrainingRow,
    TrainingWishRow,
    WorkerRatingRow,
)

__all__ = [
    "BookingRow",
    "CaseRow",
    "CheckinRow",
    "ComplaintRow",
    "PayAnswerRow",
    "RatingGivenRow",
    "RightsSessionRow",
    "TrainingRow",
    "TrainingWishRow",
    "WorkerRatingRow",
]
