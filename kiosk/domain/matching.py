"""Job matching: hard filters, a score with its reasons, and a fairness re-rank.

Pure and deterministic: the same seeker, jobs and clock give the same list, so a worker
who asks "why this job?" gets an answer a test can check. Reasons are catalog message ids
with their values (shown and spoken in the worker's language).
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kiosk.domain.entities import Duration, Employer, Job, PayTerms
from kiosk.domain.places import is_full, places_left

WEIGHTS = {
    "skill": 0.25, "wage": 0.20, "near": 0.15, "credit": 0.15,
    "soon": 0.10, "pay": 0.10, "fresh": 0.05,
}  # fmt: skip
FAIRNESS_WEIGHT = 0.12
MAX_PER_EMPLOYER = 3  # in the top of a list, so one big employer cannot fill it
STARTED_GRACE = dt.timedelta(hours=1)  # a job that began less than an hour ago is still open


@dataclass(frozen=True)
class Seeker:
    """What matching needs to know about a worker (no identity data)."""

    skills: dict[str, int]  # job type -> years of experience
    expected_wage: int | None = None
    days: tuple[dt.date, ...] = ()  # dates the worker can work; empty = any in the window
    half_days_only: bool = False
    same_day_pay: bool = True  # prefers 日结
    paid_days_last_week: int = 0


@dataclass(frozen=True)
class Candidate:
    """A job with what the worker should know about its employer, and how contested it is."""

    job: Job
    employer: Employer
    applicants: int = 0


@dataclass(frozen=True)
class Context:
    """When the kiosk is asked, where distances are measured from, and the local wage floor.

    The origin is the place the worker chose to work from when filing, else the station:
    the reasons ("3 km away") and the job detail both quote ``Match.distance_km`` from it.
    """

    now: dt.datetime
    origin_lat: float
    origin_lon: float
    min_hourly_yuan: int
    origin_is_station: bool = True  # else the worker's chosen place (the words say which)


@dataclass(frozen=True)
class Reason:
    """One reason a job was offered: a message id, its values, and how much it counted."""

    message_id: str
    values: dict[str, str | int]
    weight: float


@dataclass(frozen=True)
class Match:
    """A ranked job with its score and its top three reasons."""

    candidate: Candidate
    score: float
    reasons: tuple[Reason, ...] = field(default=())
    distance_km: float = 0.0  # from the context's origin, the one distance every screen shows
    from_station: bool = True  # the origin is this station (else the worker's chosen place)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def refusal(seeker: Seeker, c: Candidate, ctx: Context) -> str | None:
    """Why a job is not offered at all (a hard filter), or None when it may be."""
    job = c.job
    rules = (
        ("job_type", job.job_type_code not in seeker.skills),
        ("full", is_full(job.slots_total, job.slots_taken)),
        ("employer_on_arrears_list", c.employer.on_arrears_list),
        ("started", job.starts_at < ctx.now - STARTED_GRACE),
        ("date", bool(seeker.days) and job.starts_at.date() not in seeker.days),
        ("duration", seeker.half_days_only and job.duration is not Duration.HALF_DAY),
        ("below_minimum_wage", job.day_wage / job.hours_per_day < ctx.min_hourly_yuan),
    )
    return next((name for name, refused in rules if refused), None)


def _passes(seeker: Seeker, c: Candidate, ctx: Context, earliest: dt.datetime) -> bool:
    """``refusal(...) is None``, short-circuited for the hot loop of ``rank``."""
    job = c.job
    return (
        job.job_type_code in seeker.skills
        and not is_full(job.slots_total, job.slots_taken)
        and not c.employer.on_arrears_list
        and job.starts_at >= earliest
        and (not seeker.days or job.starts_at.date() in seeker.days)
        and (not seeker.half_days_only or job.duration is Duration.HALF_DAY)
        and job.day_wage >= ctx.min_hourly_yuan * job.hours_per_day
    )


def _raw(
    seeker: Seeker, c: Candidate, ctx: Context
) -> tuple[tuple[float, ...], int, float, float, float]:
    """The seven term values (in WEIGHTS order) and what reasons quote: years, ratio, km, hours."""
    job, emp = c.job, c.employer
    years = seeker.skills.get(job.job_type_code, 0)
    expected = seeker.expected_wage or job.day_wage
    ratio = job.day_wage / expected if expected else 1.0
    km = distance_km(ctx.origin_lat, ctx.origin_lon, job.lat, job.lon)
    hours = max(0.0, (job.starts_at - ctx.now).total_seconds() / 3600)
    age_h = max(0.0, (ctx.now - job.posted_at).total_seconds() / 3600)
    credit = (
        emp.credit_score / 100 - 0.2 * emp.unpaid_wage_cases + (0.1 if emp.licence_verified else 0)
    )
    same_day = job.pay_terms is PayTerms.SAME_DAY
    terms = (
        0.3 + 0.7 * min(years, 10) / 10,
        min(1.0, max(0.0, (ratio - 0.7) / 0.6)),
        1 / (1 + km / 3),
        min(1.0, max(0.0, credit)),
        1 / (1 + hours / 24),
        1.0 if same_day and seeker.same_day_pay else 0.3 * same_day,
        1 / (1 + age_h / 24),
    )
    return terms, years, ratio, km, hours


_WEIGHT_VALUES = tuple(WEIGHTS.values())


def _value(seeker: Seeker, c: Candidate, ctx: Context) -> float:
    """The weighted total with no reasons built (the hot loop of ``rank``)."""
    terms = _raw(seeker, c, ctx)[0]
    return sum(w * t for w, t in zip(_WEIGHT_VALUES, terms, strict=True))


def _terms(seeker: Seeker, c: Candidate, ctx: Context) -> list[Reason]:
    terms, years, ratio, km, hours = _raw(seeker, c, ctx)
    job = c.job
    wage_id = "reason.wage_above" if ratio >= 1 else "reason.wage"
    near_id = "reason.near" if ctx.origin_is_station else "reason.near_chosen"
    quoted: list[tuple[str, dict[str, str | int]]] = [
        ("reason.skill", {"job_type": job.job_type_code, "years": years}),
        (wage_id, {"wage": job.day_wage}),
        (near_id, {"km": max(1, round(km))}),
        ("reason.good_employer", {}),
        ("reason.soon", {"hours": round(hours)}),
        ("reason.same_day_pay", {}),
        ("reason.new", {}),
    ]
    return [Reason(mid, values, t) for (mid, values), t in zip(quoted, terms, strict=True)]


def score(seeker: Seeker, c: Candidate, ctx: Context) -> Match:
    """Weighted score in [0, 1] and the three reasons that counted most."""
    terms = _terms(seeker, c, ctx)
    keys = list(WEIGHTS)
    weighted = [
        Reason(t.message_id, t.values, WEIGHTS[k] * t.weight)
        for k, t in zip(keys, terms, strict=True)
    ]
    total = sum(r.weight for r in weighted)
    top = sorted(weighted, key=lambda r: -r.weight)[:3]
    km = distance_km(ctx.origin_lat, ctx.origin_lon, c.job.lat, c.job.lon)
    return Match(c, total, tuple(top), km, ctx.origin_is_station)


def fairness(seeker: Seeker, c: Candidate) -> float:
    """Lift contested jobs for workers with few paid days this week, lower them for many.

    Contention is applicants per place left; a worker with 0 paid days gets the full lift,
    one who worked all 7 days the full drop, so the same few are not always first in line.
    """
    left = max(1, places_left(c.job.slots_total, c.job.slots_taken))
    contention = min(1.0, c.applicants / (2 * left))
    need = 1 - 2 * min(seeker.paid_days_last_week, 7) / 7  # +1 .. -1
    return FAIRNESS_WEIGHT * contention * need


def rank(
    seeker: Seeker, candidates: Iterable[Candidate], ctx: Context, limit: int = 20
) -> list[Match]:
    """The best ``limit`` jobs, at most MAX_PER_EMPLOYER from one employer while others remain.

    Scores are plain floats in the loop; reasons are built only for the jobs kept.
    """
    earliest = ctx.now - STARTED_GRACE
    keyed = [
        (_value(seeker, c, ctx) + fairness(seeker, c), c)
        for c in candidates
        if _passes(seeker, c, ctx, earliest)
    ]

    def order(item: tuple[float, Candidate]) -> tuple[float, dt.datetime, str]:
        return (-item[0], item[1].job.starts_at, item[1].job.id)

    pool = limit * (MAX_PER_EMPLOYER + 1)
    best = heapq.nsmallest(pool, keyed, key=order)
    picked, later = _cap_per_employer(best, limit)
    if len(picked) < limit and len(keyed) > pool:  # one employer crowded the pool: look further
        picked, later = _cap_per_employer(sorted(keyed, key=order), limit)
    return [_with_reasons(seeker, c, ctx, value) for value, c in (picked + later)[:limit]]


def _cap_per_employer(
    ordered: list[tuple[float, Candidate]], limit: int
) -> tuple[list[tuple[float, Candidate]], list[tuple[float, Candidate]]]:
    picked: list[tuple[float, Candidate]] = []
    later: list[tuple[float, Candidate]] = []
    per_employer: dict[str, int] = defaultdict(int)
    for item in ordered:
        emp = item[1].employer.id
        if per_employer[emp] < MAX_PER_EMPLOYER and len(picked) < limit:
            per_employer[emp] += 1
            picked.append(item)
        else:
            later.append(item)
    return picked, later


def _with_reasons(seeker: Seeker, c: Candidate, ctx: Context, value: float) -> Match:
    scored = score(seeker, c, ctx)
    return Match(c, value, scored.reasons, scored.distance_km, scored.from_station)


class JobIndex:
    """Open jobs by type, sorted by start, so a query touches only the worker's trades."""

    def __init__(self, candidates: Sequence[Candidate]) -> None:
        by_type: dict[str, list[Candidate]] = defaultdict(list)
        for c in candidates:
            by_type[c.job.job_type_code].append(c)
        self._by_type = {t: sorted(cs, key=lambda c: c.job.starts_at) for t, cs in by_type.items()}
        self._starts = {t: [c.job.starts_at for c in cs] for t, cs in self._by_type.items()}

    def __len__(self) -> int:
        return sum(len(cs) for cs in self._by_type.values())

    @property
    def types(self) -> list[str]:
        """Every trade with an open job."""
        return list(self._by_type)

    def query(self, types: Iterable[str], start: dt.datetime, end: dt.datetime) -> list[Candidate]:
        """Jobs of ``types`` starting in [start, end)."""
        out: list[Candidate] = []
        for t in types:
            starts = self._starts.get(t)
            if starts is None:
                continue
            lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
            out.extend(self._by_type[t][lo:hi])
        return out
