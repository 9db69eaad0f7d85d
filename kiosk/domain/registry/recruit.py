"""Payloads of fast recruitment at the station (issue 15): an employer staff registered at
the kiosk from their ID card, and a job posted there in a few touches. Registered in
``kiosk.domain.registry.mutations``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import ClassVar

from kiosk.domain.profile import PHONE
from kiosk.domain.registry.payload import Payload, PayloadError
from kiosk.domain.rows import job_terms_problem

HEX64 = re.compile(r"[0-9a-f]{64}")
_NAMED = (("title", "title_zh"), ("wage", "day_wage"))
MASKED = re.compile(r"[0-9]{6}\*{8}[0-9]{3}[0-9X]")  # an ID number as the kiosk shows it


@dataclass(frozen=True)
class EmployerRegister(Payload):
    """A person who hires, registered by station staff from the ID card they tapped: the
    name off the card, the phone they gave, the masked number, and the keyed look-up hash
    of the number (under the district's key) that finds them at their next tap."""

    entity_field: ClassVar[str] = "employer_id"
    employer_id: str
    name: str
    phone: str
    id_masked: str
    card_hash: str

    def check(self) -> None:
        """A name, a mobile number, a masked ID number and a hash in their forms."""
        if not 1 <= len(self.name.strip()) <= 64:
            raise PayloadError("name")
        if not PHONE.fullmatch(self.phone):
            raise PayloadError("phone")
        if not MASKED.fullmatch(self.id_masked):
            raise PayloadError("id_masked")
        if not HEX64.fullmatch(self.card_hash):
            raise PayloadError("card_hash")


@dataclass(frozen=True)
class JobPost(Payload):
    """A one-day job an employer posted at the station kiosk (their card was read there)."""

    entity_field: ClassVar[str] = "job_id"
    job_id: str
    employer_id: str
    job_type_code: str
    title_zh: str
    day_wage: int
    starts_at: str  # ISO 8601 with its offset
    slots: int
    address_zh: str = ""
    place_code: str | None = None

    def check(self) -> None:
        """The terms any posted job must meet, and a start the kiosk could have chosen."""
        problem = job_terms_problem(title=self.title_zh, wage=self.day_wage, slots=self.slots)
        if problem is not None:
            field = next((f for w, f in _NAMED if w in problem), "slots")
            raise PayloadError(field)
        if len(self.address_zh) > 128:
            raise PayloadError("address_zh")
        try:
            start = dt.datetime.fromisoformat(self.starts_at)
        except ValueError:
            raise PayloadError("starts_at") from None
        if start.tzinfo is None:
            raise PayloadError("starts_at")
