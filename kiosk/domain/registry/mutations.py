"""Every mutation type a kiosk sends, declared once (SYNC.md).

For each type: its name, a payload that validates itself, a schema version, the catalog id
of the line staff see when the server refuses one, and what the kiosk does to its own rows
when the server answers applied, rejected or conflict. The kiosk store queues these payloads
and takes its effects from here; the market server dispatches each type to one handler and
documents each payload in its OpenAPI document; tests fail when any side lacks a type.

Adding a type: a payload class and one ``MutationType`` entry here, one handler module in
``market/handlers/``, one ``sync.kind.*`` message in the catalog.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from kiosk.domain.agreement import CODE, fingerprint
from kiosk.domain.entities import Worker
from kiosk.domain.pay import ANSWERS
from kiosk.domain.registry.payload import Payload, PayloadError
from kiosk.domain.registry.recruit import EmployerRegister, JobPost
from kiosk.domain.registry.training import TrainingBook, TrainingCancel, TrainingWish
from kiosk.domain.registry.trust import ComplaintFile, RatingGive
from kiosk.domain.training import REFUSAL_REASONS

# Profile fields as they travel -> the kiosk's ``workers`` column for the simple ones (a
# conflict puts the server's value back there). The one map of worker field names.
PROFILE_COLUMNS: Mapping[str, str] = {
    "phone": "phone",
    "language": "preferred_lang",
    "expected_wage": "expected_wage",
    "area": "home_place_code",
}


@dataclass(frozen=True)
class ProfileFields(Payload):
    """The worker's own choices: filed once, edited later (compared field by field)."""

    phone: str | None = None
    language: str = "zh"
    expected_wage: int | None = None
    area: str | None = None
    availability: str = "any"
    skills: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, worker: Worker, availability: str) -> ProfileFields:
        """A worker's choices as they travel."""
        return cls(
            phone=worker.phone,
            language=worker.preferred_lang,
            expected_wage=worker.expected_wage,
            area=worker.home_place_code,
            availability=availability,
            skills=dict(worker.skills),
        )

    def check(self) -> None:
        """Years of experience are never negative."""
        if any(years < 0 for years in self.skills.values()):
            raise PayloadError("skills")


UPDATABLE = tuple(f.name for f in dataclasses.fields(ProfileFields))


def check_hash(value: str, name: str = "id_hash") -> None:
    """A keyed look-up hash: SHA-256 in lower-case hex (PayloadError naming the field)."""
    if len(value) != 64 or not all(c in "0123456789abcdef" for c in value):
        raise PayloadError(name)


@dataclass(frozen=True)
class WorkerRegister(Payload):
    """A profile filed at the kiosk with the holder's consent (hashes, never the number)."""

    entity_field: ClassVar[str] = "worker_id"
    worker_id: str
    id_hash: str
    name: str
    gender: int | None = None
    nation_code: str | None = None
    birth_year: int | None = None
    phone: str | None = None
    skills: dict[str, int] = field(default_factory=dict)
    expected_wage: int | None = None
    availability: str = "any"
    area: str | None = None
    language: str = "zh"
    consent_at: str | None = None

    @classmethod
    def of(cls, worker: Worker, availability: str, consent_at: str) -> WorkerRegister:
        """The registration of a worker just filed."""
        profile = ProfileFields.of(worker, availability)
        return cls(
            worker_id=worker.id,
            id_hash=worker.id_hash,
            name=worker.name,
            gender=worker.gender,
            nation_code=worker.nation_code,
            birth_year=worker.birth_year,
            consent_at=consent_at,
            **dataclasses.asdict(profile),
        )

    def check(self) -> None:
        """The look-up hash's form; years of experience never negative."""
        check_hash(self.id_hash)
        if any(years < 0 for years in self.skills.values()):
            raise PayloadError("skills")


@dataclass(frozen=True)
class WorkerBindCard(Payload):
    """Staff bound a chip-only card to a registered worker (keyed hash of the chip)."""

    entity_field: ClassVar[str] = "worker_id"
    worker_id: str
    chip_hash: str


@dataclass(frozen=True)
class WorkerRekey(Payload):
    """The look-up hash of a worker filed before the kiosk had the district's key, under
    that key now (the worker tapped their card again): one person, one worker (issue 17)."""

    entity_field: ClassVar[str] = "worker_id"
    worker_id: str
    id_hash: str

    def check(self) -> None:
        """A SHA-256 in hex."""
        check_hash(self.id_hash)


@dataclass(frozen=True)
class WorkerUpdate(Payload):
    """Edited choices; the server compares each field with the version they were based on."""

    entity_field: ClassVar[str] = "worker_id"
    worker_id: str
    fields: dict[str, Any]

    def check(self) -> None:
        """Only profile fields, each of its type."""
        ProfileFields.from_wire(self.fields)  # raises naming the field

    @property
    def profile(self) -> dict[str, Any]:
        """The edited fields this version knows (others are ignored, additively)."""
        return {k: v for k, v in self.fields.items() if k in UPDATABLE}


@dataclass(frozen=True)
class ApplicationCreate(Payload):
    """ "I want this job": a command the server decides (``full``, ``closed``)."""

    entity_field: ClassVar[str] = "application_id"
    application_id: str
    worker_id: str
    job_id: str


MAX_DOCUMENT = 200_000  # characters: the terms and two signatures of up to 3,000 points


@dataclass(frozen=True)
class AgreementSign(Payload):
    """A signed agreement: its canonical document and fingerprint, exactly as printed. The
    server keeps it unchanged; ``supersedes`` names the code of the one it corrects."""

    entity_field: ClassVar[str] = "agreement_id"
    agreement_id: str
    code: str
    worker_id: str
    job_id: str
    document: str
    fingerprint: str
    application_id: str | None = None
    supersedes: str | None = None

    def check(self) -> None:
        """The code's form, and a fingerprint that is the document's SHA-256."""
        if not CODE.fullmatch(self.code):
            raise PayloadError("code")
        if self.supersedes is not None and not CODE.fullmatch(self.supersedes):
            raise PayloadError("supersedes")
        if len(self.document) > MAX_DOCUMENT:
            raise PayloadError("document")
        if fingerprint(self.document.encode()) != self.fingerprint:
            raise PayloadError("fingerprint")


@dataclass(frozen=True)
class PayConfirm(Payload):
    """The worker's answer about an agreement's pay (paid, partly, unpaid); a later answer
    about the same agreement (paid at last) is kept beside the earlier one."""

    entity_field: ClassVar[str] = "answer_id"
    answer_id: str
    agreement_code: str
    worker_id: str
    answer: str

    def check(self) -> None:
        """The code's form and a known answer."""
        if not CODE.fullmatch(self.agreement_code):
            raise PayloadError("agreement_code")
        if self.answer not in ANSWERS:
            raise PayloadError("answer")


@dataclass(frozen=True)
class PullRefused(Payload):
    """A pulled row this kiosk could not take (set aside; the rest of its page applied),
    told to the server so that whoever published it can mend it (issue 17)."""

    entity_field: ClassVar[str] = "report_id"
    report_id: str
    collection: str
    row_id: str
    version: int
    reason: str

    def check(self) -> None:
        """Short, printable fields."""
        for name in ("collection", "row_id", "reason"):
            value = getattr(self, name)
            if not value or len(value) > REFUSAL_LIMITS[name] or not value.isprintable():
                raise PayloadError(name)


REFUSAL_LIMITS = {"collection": 32, "row_id": 64, "reason": 200}


# --- what the kiosk does with an answer ------------------------------------------------


@dataclass(frozen=True)
class SetVersion:
    """The entity's row in ``table`` takes the server's version."""

    table: str


@dataclass(frozen=True)
class SetStatus:
    """The entity's row in ``table`` gets ``status`` (or the refusal reason, when listed)."""

    table: str
    status: str
    reasons: frozenset[str] = frozenset()
    told: frozenset[str] = frozenset()  # statuses the server may name in ``detail.status``


@dataclass(frozen=True)
class KeepServerValues:
    """The server won: staff see both values; the row in ``table`` takes the server's."""

    table: str
    columns: Mapping[str, str]


Effect = SetVersion | SetStatus | KeepServerValues


@dataclass(frozen=True)
class MutationType:
    """One kind of mutation, end to end."""

    name: str
    payload: type[Payload]
    version: int
    refusal_message: str  # catalog id of the staff line: "{when} ... {reason}"
    on_applied: Effect | None = None
    on_rejected: Effect | None = None
    on_conflict: Effect | None = None
    needs_base_version: bool = False


MUTATIONS: Mapping[str, MutationType] = {
    t.name: t
    for t in (
        MutationType(
            "worker.register",
            WorkerRegister,
            1,
            "sync.kind.register",
            on_applied=SetVersion("workers"),
        ),
        MutationType(
            "worker.bind_card",
            WorkerBindCard,
            1,
            "sync.kind.bind_card",
            on_applied=SetVersion("workers"),
        ),
        MutationType(
            "worker.update",
            WorkerUpdate,
            1,
            "sync.kind.update",
            on_applied=SetVersion("workers"),
            on_conflict=KeepServerValues("workers", PROFILE_COLUMNS),
            needs_base_version=True,
        ),
        MutationType(
            "worker.rekey",
            WorkerRekey,
            1,
            "sync.kind.rekey",
            on_applied=SetVersion("workers"),
        ),
        MutationType(
            "application.create",
            ApplicationCreate,
            1,
            "sync.kind.application",
            on_applied=SetStatus("applications", "sent"),
            on_rejected=SetStatus("applications", "rejected", frozenset({"full", "closed"})),
        ),
        MutationType(
            "agreement.sign",
            AgreementSign,
            1,
            "sync.kind.agreement",
            on_applied=SetStatus("agreements", "sent"),
            on_rejected=SetStatus("agreements", "rejected"),
        ),
        MutationType(
            "pay.confirm",
            PayConfirm,
            1,
            "sync.kind.pay",
            on_applied=SetStatus("pay_answers", "sent"),
            on_rejected=SetStatus("pay_answers", "rejected"),
        ),
        MutationType(
            "complaint.file",
            ComplaintFile,
            1,
            "sync.kind.complaint",
            on_applied=SetStatus("complaints", "sent"),
            on_rejected=SetStatus("complaints", "rejected"),
        ),
        MutationType(
            "rating.give",
            RatingGive,
            1,
            "sync.kind.rating",
            on_applied=SetStatus("ratings_given", "sent"),
            on_rejected=SetStatus("ratings_given", "rejected"),
        ),
        MutationType(
            "training.book",
            TrainingBook,
            1,
            "sync.kind.training_book",
            on_applied=SetStatus("bookings", "sent", told=frozenset({"booked", "waiting"})),
            on_rejected=SetStatus("bookings", "rejected", REFUSAL_REASONS),
        ),
        MutationType(
            "training.cancel",
            TrainingCancel,
            1,
            "sync.kind.training_cancel",
            on_applied=SetStatus("bookings", "cancelled"),
            on_rejected=SetStatus("bookings", "rejected"),
        ),
        MutationType("training.wish", TrainingWish, 1, "sync.kind.training_wish"),
        MutationType("employer.register", EmployerRegister, 1, "sync.kind.employer_register"),
        MutationType(
            "job.post",
            JobPost,
            1,
            "sync.kind.job_post",
            on_rejected=SetStatus("jobs", "closed"),
        ),
        MutationType("pull.refused", PullRefused, 1, "sync.kind.pull_refused"),
    )
}

_BY_PAYLOAD = {t.payload: t for t in MUTATIONS.values()}


def type_of(payload: Payload) -> MutationType:
    """The registered type of a payload (KeyError for an unregistered class)."""
    return _BY_PAYLOAD[type(payload)]
