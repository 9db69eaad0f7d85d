"""One worker across the district (issue 17): the look-up key a kiosk hashes ID numbers
under, and finding a worker filed at another station by that hash. Both signed: only an
enrolled kiosk asks, and it can only ask with a hash it made from a card it read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from market import district
from market.deps import DB, ERRORS, ApiError, Signed, terminal
from market.models import Worker

router = APIRouter(prefix="/v1", tags=["workers"])
Hash = Annotated[str, Query(pattern="^[0-9a-f]{64}$")]
LOOKUP_ERRORS = {**ERRORS, 404: ERRORS[400]}


class District(BaseModel):
    """The district's look-up key (64 hex digits)."""

    lookup_key: str


class FoundWorker(BaseModel):
    """What a kiosk keeps of a worker filed elsewhere: the profile, never a number."""

    worker_id: str
    name: str
    gender: int | None = None
    nation_code: str | None = None
    birth_year: int | None = None
    phone: str | None = None
    skills: dict[str, int]
    expected_wage: int | None = None
    availability: str = "any"
    area: str | None = None
    language: str = "zh"
    version: int


@router.get("/district", response_model=District, responses=ERRORS)
def lookup_key(request: Request, s: DB, sig: Signed) -> District:
    """The key every kiosk of the district hashes ID numbers under."""
    terminal(request, s, sig)
    return District(lookup_key=district.lookup_key(s))


@router.get("/workers/lookup", response_model=FoundWorker, responses=LOOKUP_ERRORS)
def lookup(request: Request, s: DB, sig: Signed, id_hash: Hash) -> FoundWorker:
    """The worker filed under this hash at any station; 404 ``unknown_worker`` when none."""
    terminal(request, s, sig)
    found: Worker | None = district.by_hash(s, id_hash)
    if found is None:
        raise ApiError(404, "unknown_worker")
    return FoundWorker.model_validate(district.profile(found))
