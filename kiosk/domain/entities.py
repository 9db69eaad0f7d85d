"""Entities the kiosk reasons about, as frozen dataclasses.

These cross thread boundaries (DB worker -> GUI) instead of ORM rows. Money is whole yuan
(day wages are quoted in whole yuan); times are timezone-aware (Asia/Shanghai on a kiosk).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from kiosk.domain.cover import Cover
from kiosk.domain.training import Course


class PlaceKind(Enum):
    """A gig-worker station (零工驿站) or the district gig market (零工市场)."""

    STATION = "station"
    MARKET = "market"


class PayTerms(Enum):
    """When the worker is paid; 日结 (same day) is what most workers ask for first."""

    SAME_DAY = "same_day"
    ON_COMPLETION = "on_completion"
    WEEKLY = "weekly"


class Duration(Enum):
    """How long a job lasts, shown against the fear of a "fixed" job in disguise."""

    HALF_DAY = "half_day"
    ONE_DAY = "one_day"
    MULTI_DAY = "multi_day"


@dataclass(frozen=True)
class JobType:
    """A trade a worker can do and a job can ask for (搬运, 保洁 ...)."""

    code: str
    name_zh: str
    name_en: str
    icon: str
    wage_min: int
    wage_max: int
    occupation_code: str | None = None


@dataclass(frozen=True)
class Place:
    """A station or the market; coordinates are WGS-84 and may be estimates."""

    code: str
    kind: PlaceKind
    name_zh: str
    name_en: str
    lat: float
    lon: float
    approximate: bool = True


@dataclass(frozen=True)
class Employer:
    """Who hires; the credit figures are what workers see on a job card."""

    id: str
    name: str
    kind: str
    licence_verified: bool
    credit_score: int
    unpaid_wage_cases: int
    on_arrears_list: bool
    # What an agreement names (TRUST.md's party block): the phone and address registered
    # with the market, and the unified social credit code of a company or the masked ID
    # number of a person. Empty: not registered (the agreement cannot be signed yet).
    phone: str = ""
    address: str = ""
    id_or_code: str = ""
    # Workers' ratings after agreements, as counts (kiosk.domain.credit.Faces), and how
    # many ticked "paid on time".
    rated: tuple[int, int, int] = (0, 0, 0)
    paid_on_time: int = 0


@dataclass(frozen=True)
class Job:
    """One day-labour offer."""

    id: str
    job_type_code: str
    employer_id: str
    title_zh: str
    day_wage: int
    pay_terms: PayTerms
    duration: Duration
    starts_at: dt.datetime
    ends_at: dt.datetime
    hours_per_day: float
    place_code: str | None
    address_zh: str
    lat: float
    lon: float
    slots_total: int
    slots_taken: int
    posted_at: dt.datetime
    tools_provided: bool = True
    meals_provided: bool = False
    cover: Cover | None = None  # the employer's accident policy (kiosk.domain.cover)


@dataclass(frozen=True)
class Worker:
    """A registered worker as the kiosk keeps them: hashed keys, masked number, no photo."""

    id: str
    id_hash: str
    id_masked: str
    name: str
    gender: int
    nation_code: str
    birth_year: int
    phone: str | None
    preferred_lang: str
    expected_wage: int | None
    home_place_code: str | None
    registered_at: dt.datetime
    skills: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class StationFigures:
    """Today's numbers for the staff screen and for diagnostics."""

    open_jobs: int
    workers: int
    employers: int
    pending_outbox: int
    not_paid: int = 0  # agreements whose worker said "not paid" (and not paid since)


@dataclass(frozen=True)
class DataSet:
    """Entities written together: a generated demo set, or a full catalogue refresh."""

    job_types: list[JobType]
    places: list[Place]
    employers: list[Employer]
    jobs: list[Job]
    workers: list[Worker]
    trainings: list[Course]
