"""Typed errors of the kiosk.

Every error a person can meet carries a ``kind`` and a catalog message id, so that one
function in the UI turns it into a bilingual, spoken message, and the log gets the
technical detail. The detail never holds personal data.
"""

from __future__ import annotations

from enum import Enum


class KioskError(Exception):
    """Base of every expected failure; ``message_id`` names the catalog text for people."""

    message_id: str = "error.generic"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.message_id)
        self.detail = detail


class StoreErrorKind(Enum):
    """Why the local database could not be used.

    Damage (``damaged``) is the file's own fault; ``disk_full``, ``read_only`` and
    ``cannot_open`` are the storage's, and then nothing is moved: the file is sound and the
    kiosk serves again once a technician mends the disk (``kiosk.domain.storage``).
    """

    DAMAGED = "damaged"
    MIGRATION_FAILED = "migration_failed"
    UNAVAILABLE = "unavailable"
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    CANNOT_OPEN = "cannot_open"
    KEY_MISSING = "key_missing"  # workers are registered here but installation.key is gone
    KEY_WRONG = "key_wrong"  # installation.key is not the one this database was keyed with

    @property
    def storage(self) -> bool:
        """A fault of the disk, not of the file: mend the disk, nothing to restore."""
        return self in (
            StoreErrorKind.DISK_FULL,
            StoreErrorKind.READ_ONLY,
            StoreErrorKind.CANNOT_OPEN,
        )


class StoreError(KioskError):
    """The local database failed; the kiosk keeps the damaged file for a technician."""

    def __init__(self, kind: StoreErrorKind, detail: str = "") -> None:
        super().__init__(detail)
        self.kind = kind
        self.message_id = f"error.store.{kind.value}"


class AuthErrorKind(Enum):
    """Why a staff or technician PIN was refused."""

    WRONG_PIN = "wrong_pin"
    LOCKED_OUT = "locked_out"
    NO_PIN_SET = "no_pin_set"
    BAD_FORMAT = "bad_format"


class AuthError(KioskError):
    """A PIN entry failed; ``remaining`` tries or ``retry_after_s`` say what comes next."""

    def __init__(self, kind: AuthErrorKind, *, remaining: int = 0, retry_after_s: int = 0) -> None:
        super().__init__(kind.value)
        self.kind = kind
        self.remaining = remaining
        self.retry_after_s = retry_after_s
        self.message_id = f"error.auth.{kind.value}"


class CardErrorKind(Enum):
    """Why a card or reader did not give a usable identity."""

    REMOVED = "removed"  # card taken away mid-read
    UNREADABLE = "unreadable"  # no answer, or an answer that makes no sense
    INVALID_NUMBER = "invalid_number"
    EXPIRED = "expired"
    UNSUPPORTED_TYPE = "unsupported_type"
    READER_MISSING = "reader_missing"
    READER_ERROR = "reader_error"
    NOT_REGISTERED = "not_registered"


class CardReadError(KioskError):
    """A card read failed; ``detail`` is for the technician's log (never personal data)."""

    def __init__(self, kind: CardErrorKind, detail: str = "") -> None:
        super().__init__(detail or kind.value)
        self.kind = kind
        self.message_id = f"error.card.{kind.value}"


class AlreadyAppliedError(KioskError):
    """The worker applied for this job before: shown as a friendly confirmation."""

    message_id = "job.already_applied"


class JobUnavailableError(KioskError):
    """The job closed or was withdrawn while the worker looked at it: pick another."""

    message_id = "job.unavailable"


class SigningErrorKind(Enum):
    """Why a step of signing an agreement did not go through."""

    GONE = "gone"  # the application was refused, withdrawn or signed meanwhile
    NOT_THIS_WORKER = "not_this_worker"  # another person's card at the worker's step
    WORKER_CARD = "worker_card"  # the worker's own card at the employer's step
    NO_PHONE = "no_phone"  # the employer has no registered phone to check
    NOT_SIGNABLE = "not_signable"  # the terms break a rule (the terms step says which)


class SigningError(KioskError):
    """A signing step refused; nothing was saved."""

    def __init__(self, kind: SigningErrorKind) -> None:
        super().__init__(kind.value)
        self.kind = kind
        self.message_id = f"signing.{kind.value}"


class ExportErrorKind(Enum):
    """Why the logs did not reach a USB stick."""

    NO_STICK = "no_stick"  # no writable stick found in the configured folders
    FAILED = "failed"  # the write failed (pulled out, full, read-only): no file was left


class ExportError(KioskError):
    """A log export that did not complete; nothing half-written is left as done."""

    def __init__(self, kind: ExportErrorKind, detail: str = "") -> None:
        super().__init__(detail or kind.value)
        self.kind = kind
        self.message_id = f"tech.export.{kind.value}"


class SettingsError(KioskError):
    """A settings change that was not saved (the config file is as it was); ``detail``
    says why in a technician's words (the key and the reason)."""

    message_id = "settings.refused"


class RecruitErrorKind(Enum):
    """Why a step of fast recruitment at the station did not go through (nothing kept)."""

    NO_IDENTITY = "no_identity"  # the employer's card gave no ID number (chip only)
    NO_DISTRICT = "no_district"  # the kiosk has not met the market yet: no district key
    PHONE = "phone"  # not a mobile number
    WAGE = "wage"  # below the legal minimum for a day, or beyond any day job's
    TOO_LATE = "too_late"  # "today" asked after the last start of the day
    NOT_CALLED = "not_called"  # another card than the called worker's
    GONE = "gone"  # the number left the queue, or the job closed, meanwhile


class RecruitError(KioskError):
    """A fast-recruitment step refused, with its catalog message."""

    def __init__(self, kind: RecruitErrorKind) -> None:
        super().__init__(kind.value)
        self.kind = kind
        self.message_id = f"recruit.error.{kind.value}"
