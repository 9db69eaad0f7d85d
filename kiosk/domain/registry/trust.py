"""Payloads of what a worker says after the job: a wage-arrears complaint and a rating of
the employer (issue 14). Registered in ``kiosk.domain.registry.mutations``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from kiosk.domain.agreement import CODE
from kiosk.domain.complaint import MAX_AMOUNT
from kiosk.domain.registry.payload import Payload, PayloadError

FACES = ("good", "ok", "bad")
TAGS = ("on_time", "as_described", "safe")


def _date(value: str | None, name: str) -> None:
    if value is None:
        return
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise PayloadError(name) from None


@dataclass(frozen=True)
class ComplaintFile(Payload):
    """A wage-arrears complaint with the case number the kiosk gave it. With neither an
    agreement nor an employer it still files: staff complete it."""

    entity_field: ClassVar[str] = "complaint_id"
    complaint_id: str
    case_no: str
    worker_id: str
    filed_at: str
    agreement_code: str | None = None
    employer_id: str | None = None
    employer_name: str = ""
    amount: int | None = None
    period_from: str | None = None
    period_to: str | None = None
    promised: str = ""

    def check(self) -> None:
        """Codes in their form, an amount the keypad could give, ISO dates in order."""
        if not CODE.fullmatch(self.case_no):
            raise PayloadError("case_no")
        if self.agreement_code is not None and not CODE.fullmatch(self.agreement_code):
            raise PayloadError("agreement_code")
        if self.amount is not None and not 0 <= self.amount <= MAX_AMOUNT:
            raise PayloadError("amount")
        if len(self.employer_name) > 128:
            raise PayloadError("employer_name")
        if len(self.promised) > 500:
            raise PayloadError("promised")
        _date(self.period_from, "period_from")
        _date(self.period_to, "period_to")
        if self.period_from and self.period_to and self.period_to < self.period_from:
            raise PayloadError("period_to")
        try:
            dt.datetime.fromisoformat(self.filed_at)
        except ValueError:
            raise PayloadError("filed_at") from None


@dataclass(frozen=True)
class RatingGive(Payload):
    """A worker's rating of the employer after an agreement: a face and up to three ticks."""

    entity_field: ClassVar[str] = "rating_id"
    rating_id: str
    agreement_code: str
    worker_id: str
    face: str
    tags: dict[str, bool] = field(default_factory=dict)

    def check(self) -> None:
        """A known face, known ticks."""
        if not CODE.fullmatch(self.agreement_code):
            raise PayloadError("agreement_code")
        if self.face not in FACES:
            raise PayloadError("face")
        if any(tag not in TAGS for tag in self.tags):
            raise PayloadError("tags")
