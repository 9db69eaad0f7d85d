"""Payloads of a worker's training bookings (issue 16): a booking and its cancellation.
Registered in ``kiosk.domain.registry.mutations``; the market decides seat or waiting list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from kiosk.domain.registry.payload import Payload, PayloadError

UUID_LEN = 36


def _uuid_like(value: str, name: str) -> None:
    if not value or len(value) > UUID_LEN or not value.isprintable():
        raise PayloadError(name)


@dataclass(frozen=True)
class TrainingBook(Payload):
    """A seat asked for: booked while seats are free, else on the waiting list."""

    entity_field: ClassVar[str] = "booking_id"
    booking_id: str
    training_id: str
    worker_id: str

    def check(self) -> None:
        """Short printable ids."""
        for name in ("booking_id", "training_id", "worker_id"):
            _uuid_like(getattr(self, name), name)


@dataclass(frozen=True)
class TrainingCancel(Payload):
    """A booking given up; a booked seat goes to the first on the waiting list."""

    entity_field: ClassVar[str] = "booking_id"
    booking_id: str
    worker_id: str

    def check(self) -> None:
        """Short printable ids."""
        for name in ("booking_id", "worker_id"):
            _uuid_like(getattr(self, name), name)


@dataclass(frozen=True)
class TrainingWish(Payload):
    """The trade a worker would like to learn, asked once at the training screen (None:
    only their own trades). Training wishes are among a gig market's services (TRUST.md)."""

    entity_field: ClassVar[str] = "wish_id"
    wish_id: str
    worker_id: str
    job_type_code: str | None = None

    def check(self) -> None:
        """Short printable ids and trade code."""
        for name in ("wish_id", "worker_id"):
            _uuid_like(getattr(self, name), name)
        if self.job_type_code is not None:
            _uuid_like(self.job_type_code, "job_type_code")
