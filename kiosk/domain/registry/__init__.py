"""The sync protocol's registry: mutation types and pulled collections, declared once.

Pure standard library, so the kiosk's store and sync engine and the market server can all
read it (ARCHITECTURE.md, "a feature is a unit").
"""

from kiosk.domain.registry.collections import COLLECTIONS, Collection, Ref
from kiosk.domain.registry.mutations import (
    MUTATIONS,
    PROFILE_COLUMNS,
    UPDATABLE,
    AgreementSign,
    ApplicationCreate,
    Effect,
    KeepServerValues,
    MutationType,
    PayConfirm,
    ProfileFields,
    PullRefused,
    SetStatus,
    SetVersion,
    WorkerBindCard,
    WorkerRegister,
    WorkerRekey,
    WorkerUpdate,
    type_of,
)
from kiosk.domain.registry.payload import Payload, PayloadError, fits
from kiosk.domain.registry.recruit import EmployerRegister, JobPost
from kiosk.domain.registry.training import TrainingBook, TrainingCancel, TrainingWish
from kiosk.domain.registry.trust import ComplaintFile, RatingGive

__all__ = [
    "COLLECTIONS",
    "MUTATIONS",
    "PROFILE_COLUMNS",
    "UPDATABLE",
    "AgreementSign",
    "ApplicationCreate",
    "Collection",
    "ComplaintFile",
    "Effect",
    "EmployerRegister",
    "JobPost",
    "KeepServerValues",
    "MutationType",
    "PayConfirm",
    "Payload",
    "PayloadError",
    "ProfileFields",
    "PullRefused",
    "RatingGive",
    "Ref",
    "SetStatus",
    "SetVersion",
    "TrainingBook",
    "TrainingCancel",
    "TrainingWish",
    "WorkerBindCard",
    "WorkerRegister",
    "WorkerRekey",
    "WorkerUpdate",
    "fits",
    "type_of",
]
