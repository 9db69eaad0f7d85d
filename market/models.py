"""Tables of the reference market server (SQLAlchemy 2.x; SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = 36


class Base(DeclarativeBase):
    """Declarative base with stable constraint names for Alembic."""

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


class Terminal(Base):
    """An enrolled kiosk."""

    __tablename__ = "terminals"
    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime]
    last_seen_at: Mapped[dt.datetime | None]
    app_version: Mapped[str | None] = mapped_column(String(32))


class Credential(Base):
    """A terminal's signing key; revocable one by one."""

    __tablename__ = "credentials"
    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(ID), index=True)
    hmac_key: Mapped[str] = mapped_column(String(128))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime]


class Enrolment(Base):
    """A device-grant request (RFC 8628) waiting for an administrator."""

    __tablename__ = "enrolments"
    device_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    last_poll_at: Mapped[dt.datetime | None]
    terminal_id: Mapped[str | None] = mapped_column(String(ID))


class Nonce(Base):
    """Nonces seen inside the signature window: a replayed request is refused."""

    __tablename__ = "nonces"
    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)


class Record(Base):
    """The current state of one pulled entity (a job, an employer, a trade...)."""

    __tablename__ = "records"
    collection: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    version: Mapped[int] = mapped_column(default=1)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[dt.datetime]


class Change(Base):
    """The change feed: the latest change of each entity, ordered by (xid, seq)."""

    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_feed", "xid", "seq"),
        Index("ix_changes_entity", "collection", "entity_id"),
        # Without AUTOINCREMENT SQLite reuses the highest rowid after it is deleted, and a
        # kiosk whose cursor sits on it would miss the entity's new change.
        {"sqlite_autoincrement": True},
    )
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    xid: Mapped[int] = mapped_column(BigInteger, default=0)
    collection: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(ID))
    op: Mapped[str] = mapped_column(String(8))
    version: Mapped[int]
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    at: Mapped[dt.datetime]


class FeedMeta(Base):
    """The tombstone horizon: cursors below it answer 410 Gone."""

    __tablename__ = "feed_meta"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class MutationLog(Base):
    """Every mutation ever received with the result given, kept forever (SYNC.md rule 2)."""

    __tablename__ = "mutations"
    __table_args__ = (UniqueConstraint("terminal_id", "mutation_uuid"),)
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    terminal_id: Mapped[str] = mapped_column(String(ID))
    mutation_uuid: Mapped[str] = mapped_column(String(ID))
    type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(ID), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    server_version: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    payload: Mapped[dict[str, Any]]
    captured_at_local: Mapped[str | None] = mapped_column(String(40))
    received_at: Mapped[dt.datetime]


class Batch(Base):
    """The reply given to one Idempotency-Key, replayed verbatim on a retry."""

    __tablename__ = "batches"
    terminal_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    body_sha256: Mapped[str] = mapped_column(String(64))
    response: Mapped[dict[str, Any]]
    at: Mapped[dt.datetime]


class Worker(Base):
    """A worker filed at a kiosk, with per-field versions for conflict checks."""

    __tablename__ = "workers"
    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(ID))
    data: Mapped[dict[str, Any]]
    field_versions: Mapped[dict[str, Any]]
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[dt.datetime]
    # The keyed hash of the ID number it is found by: under the district's look-up key
    # once the kiosk has it (one person, one worker), before that under the kiosk's own.
    id_hash: Mapped[str | None] = mapped_column(String(64), index=True, unique=True, default=None)


class WorkerAlias(Base):
    """A worker id a kiosk filed that the market merged into another worker (the same
    person filed at two kiosks): mutations naming it are applied to ``worker_id``. The
    kiosk and time it was filed are kept, so each station's figures still count it."""

    __tablename__ = "worker_aliases"
    alias_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    worker_id: Mapped[str] = mapped_column(String(ID), index=True)
    terminal_id: Mapped[str] = mapped_column(String(ID))
    filed_at: Mapped[dt.datetime]


class MarketSetting(Base):
    """One named value of the market's own (the district's look-up key)."""

    __tablename__ = "market_settings"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Application(Base):
    """ "I want this job", as the server accepted it."""

    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("worker_id", "job_id"),)
    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    worker_id: Mapped[str] = mapped_column(String(ID), index=True)
    job_id: Mapped[str] = mapped_column(String(ID), index=True)
    terminal_id: Mapped[str] = mapped_column(String(ID))
    created_at: Mapped[dt.datetime]
    hired_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    # Where the hire was made: "kiosk" (an agreement signed there) or "online" (the
    # employer, on the market's side); None for hires made before this was kept.
    hired_by: Mapped[str | None] = mapped_column(String(8), default=None)
    # The employer's answer (``accepted`` or ``declined``), published to every kiosk as
    # ``answers`` so the worker hears it at their next tap, at any station.
    answer: Mapped[str | None] = mapped_column(String(16), default=None)
    answered_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class StationDay(Base):
    """One kiosk's counts of one local day, as it last reported them (its dashboard): the
    station's figures are the sums over the kiosks that report under its code."""

    __tablename__ = "station_days"
    terminal_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    station: Mapped[str] = mapped_column(String(32), index=True)
    counts: Mapped[dict[str, Any]]
    reported_at: Mapped[dt.datetime]


class Booking(Base):
    """A training booking as the market decided it: booked (a seat), waiting (the list, in
    order of arrival) or cancelled. Courses are feed records (``trainings``)."""

    __tablename__ = "bookings"
    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    training_id: Mapped[str] = mapped_column(String(ID), index=True)
    worker_id: Mapped[str] = mapped_column(String(ID), index=True)
    terminal_id: Mapped[str] = mapped_column(String(ID))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime]
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class TrainingWish(Base):
    """The trade a worker would like to learn, as last said at a kiosk (None: none)."""

    __tablename__ = "training_wishes"
    worker_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    job_type_code: Mapped[str | None] = mapped_column(String(32))
    terminal_id: Mapped[str] = mapped_column(String(ID))
    said_at: Mapped[dt.datetime]


class VoiceClip(Base):
    """One version of a recorded Tibetan clip, shared with every kiosk. Versions are kept:
    a new take of a prompt is a new version, and the one before it stays."""

    __tablename__ = "voice_clips"
    __table_args__ = (UniqueConstraint("name", "version"), {"sqlite_autoincrement": True})
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    name: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    seconds: Mapped[float]
    body: Mapped[bytes] = mapped_column(LargeBinary)
    terminal_id: Mapped[str] = mapped_column(String(ID))
    created_at: Mapped[dt.datetime]


class Agreement(Base):
    """A signed simple employment agreement, exactly as the kiosk signed and printed it."""

    __tablename__ = "agreements"
    code: Mapped[str] = mapped_column(String(9), primary_key=True)
    id: Mapped[str] = mapped_column(String(ID), unique=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    document: Mapped[str] = mapped_column(Text)
    worker_id: Mapped[str] = mapped_column(String(ID), index=True)
    job_id: Mapped[str] = mapped_column(String(ID))
    application_id: Mapped[str | None] = mapped_column(String(ID))
    terminal_id: Mapped[str] = mapped_column(String(ID))
    received_at: Mapped[dt.datetime]
    superseded_by: Mapped[str | None] = mapped_column(String(9))
    # The job's employer when the agreement arrived: the employer's credit events are found
    # by it, whatever the size of the catalogue (None: the job was unknown then).
    employer_id: Mapped[str | None] = mapped_column(String(ID), index=True)


class PayAnswer(Base):
    """A worker's answer about an agreement's pay (paid, partly, unpaid): what employer
    credit (issue 14) is built from. Every answer is kept: "unpaid", then "paid" at last."""

    __tablename__ = "pay_answers"
    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    agreement_code: Mapped[str] = mapped_column(String(9), index=True)
    worker_id: Mapped[str] = mapped_column(String(ID))
    answer: Mapped[str] = mapped_column(String(16))
    terminal_id: Mapped[str] = mapped_column(String(ID))
    received_at: Mapped[dt.datetime]


class Complaint(Base):
    """A wage-arrears complaint filed at a kiosk (issue 14): open, then referred or resolved
    by staff at the market. A second complaint about the same agreement joins the first
    (``joined_to``): one case, one outcome."""

    __tablename__ = "complaints"
    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    case_no: Mapped[str] = mapped_column(String(9), unique=True)
    worker_id: Mapped[str] = mapped_column(String(ID), index=True)
    agreement_code: Mapped[str | None] = mapped_column(String(9), index=True)
    employer_id: Mapped[str | None] = mapped_column(String(ID), index=True)
    employer_name: Mapped[str] = mapped_column(String(128), default="")
    amount: Mapped[int | None]
    period_from: Mapped[dt.date | None] = mapped_column(Date)
    period_to: Mapped[dt.date | None] = mapped_column(Date)
    promised: Mapped[str] = mapped_column(Text, default="")
    terminal_id: Mapped[str] = mapped_column(String(ID))
    filed_at: Mapped[dt.datetime]
    received_at: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    outcome: Mapped[str | None] = mapped_column(String(24))
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[dt.datetime | None]
    joined_to: Mapped[str | None] = mapped_column(String(9))


class Rating(Base):
    """A rating after an agreement: a worker's of the employer (from a kiosk) or the
    employer's of the worker (``market-admin rate-worker``)."""

    __tablename__ = "ratings"
    __table_args__ = (UniqueConstraint("agreement_code", "direction"),)
    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    agreement_code: Mapped[str] = mapped_column(String(9))
    direction: Mapped[str] = mapped_column(String(24))  # worker_to_employer / employer_to_worker
    worker_id: Mapped[str] = mapped_column(String(ID), index=True)
    employer_id: Mapped[str] = mapped_column(String(ID), index=True)
    face: Mapped[str] = mapped_column(String(8))
    tags: Mapped[dict[str, Any]]
    received_at: Mapped[dt.datetime]


class ArrearsListing(Base):
    """An employer on the unpaid-wage list (kiosk.domain.credit: 3 years, or 6 months after
    paying in full with a pledge)."""

    __tablename__ = "arrears_listings"
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    employer_id: Mapped[str] = mapped_column(String(ID), index=True)
    listed_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    paid_on: Mapped[dt.date | None] = mapped_column(Date)
    pledged: Mapped[bool] = mapped_column(Boolean, default=False)


class EmployerAccount(Base):
    """An employer who signed up on the market's pages (issue 15): their sign-in, and what
    staff check before the employer's jobs reach the kiosks. The employer itself is a feed
    record (``employers``) under the same id."""

    __tablename__ = "employer_accounts"
    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    phone: Mapped[str] = mapped_column(String(20), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))  # person or company
    name: Mapped[str] = mapped_column(String(128))
    # A company's unified social credit code (public), or a person's ID number masked;
    # the keyed hash finds the same number signed up twice.
    id_or_code: Mapped[str] = mapped_column(String(32))
    id_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime]
    verified_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class EmployerSession(Base):
    """A signed-in browser: the cookie's token kept as a hash, and its CSRF token."""

    __tablename__ = "employer_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    employer_id: Mapped[str] = mapped_column(String(ID), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime]


class HeldJob(Base):
    """A job an employer posted before staff verified them: kept here, published to the
    kiosks when staff verify the employer."""

    __tablename__ = "held_jobs"
    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    employer_id: Mapped[str] = mapped_column(String(ID), index=True)
    data: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime]


class WorkerCode(Base):
    """A one-time code a kiosk showed a worker for signing in on a phone (there is no SMS
    gateway: the kiosk's screen stands in for the text message). Kept as a hash with the
    phone it was issued for; wrong tries are counted against that phone."""

    __tablename__ = "worker_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    worker_id: Mapped[str] = mapped_column(String(ID), index=True)
    phone_hash: Mapped[str] = mapped_column(String(64), index=True)
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    tries: Mapped[int] = mapped_column(Integer, default=0)


class WorkerSession(Base):
    """A worker signed in on a phone (``/worker/``): the cookie's token as a hash."""

    __tablename__ = "worker_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    worker_id: Mapped[str] = mapped_column(String(ID), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime]


class ScanCode(Base):
    """A login code the worker's phone shows for the kiosk's scanner (as the electronic
    social-security card does): one minute, one scan; the token kept as a hash."""

    __tablename__ = "scan_codes"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    worker_id: Mapped[str] = mapped_column(String(ID), index=True)
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    used_by: Mapped[str | None] = mapped_column(String(ID), default=None)  # the terminal


class LoginTicket(Base):
    """A kiosk's QR code for a phone to confirm (scan-to-login): 120 s, bound to the kiosk
    that asked, confirmed once by a worker signed in on ``/worker/``, taken once by that
    kiosk. The ticket itself is kept as a hash."""

    __tablename__ = "login_tickets"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(ID), index=True)
    station: Mapped[str] = mapped_column(String(64))  # the place code the kiosk stands at
    expires_at: Mapped[dt.datetime]
    worker_id: Mapped[str | None] = mapped_column(String(ID), default=None)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    closed_at: Mapped[dt.datetime | None] = mapped_column(default=None)  # taken or cancelled
