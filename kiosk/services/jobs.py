"""Finding work: the worker's matches from the local job table, and applying for one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from kiosk.domain.applications import MyApplication
from kiosk.domain.credit import Faces
from kiosk.domain.entities import Worker
from kiosk.domain.hall import board_end, on_board
from kiosk.domain.matching import (
    STARTED_GRACE,
    Candidate,
    Context,
    JobIndex,
    Match,
    Seeker,
    rank,
)
from kiosk.services.ports import Clock

WINDOW = dt.timedelta(days=8)


class JobStore(Protocol):
    """The store's side of finding work."""

    def candidates(self, since: dt.datetime) -> list[Candidate]:
        """Open jobs starting after ``since``."""
        ...

    def applied_job_ids(self, worker_id: str) -> set[str]:
        """Jobs this worker applied for."""
        ...

    def apply(self, worker_id: str, job_id: str, now: dt.datetime) -> str:
        """Record an application with its outbox row; return its id."""
        ...

    def paid_days(self, worker_id: str, since: dt.datetime) -> int:
        """Days with signed agreements since ``since``."""
        ...

    def my_applications(self, worker_id: str, ending_after: dt.datetime) -> list[MyApplication]:
        """The worker's applications for jobs not over yet, soonest first."""
        ...

    def rating(self, worker_id: str) -> Faces:
        """Employers' ratings, face by face."""
        ...


@dataclass(frozen=True)
class Filters:
    """The worker's chips: same-day pay only, a day, one trade."""

    same_day_pay: bool = False
    day: str = "any"  # "any", "today", "tomorrow"
    job_type: str | None = None


@dataclass(frozen=True)
class Station:
    """A point on the map: where this kiosk stands, or a place a worker chose."""

    lat: float
    lon: float


class JobsService:
    """Keeps an index of open jobs (rebuilt on demand) and ranks them for a worker."""

    def __init__(
        self,
        store: JobStore,
        clock: Clock,
        station: Station,
        min_hourly_yuan: int,
        places: dict[str, Station] | None = None,
    ) -> None:
        self.store, self.clock, self.station = store, clock, station
        self.places = places or {}
        self.min_hourly_yuan = min_hourly_yuan
        self._index: JobIndex | None = None

    def refresh(self) -> None:
        """Forget the index (new jobs arrived or places were taken)."""
        self._index = None

    def matches(self, worker: Worker, filters: Filters = Filters(), limit: int = 20) -> list[Match]:
        """The worker's best jobs under ``filters``, each with its reasons."""
        now = self.clock.now()
        index = self._indexed(now)
        today = now.date()
        days: tuple[dt.date, ...] = ()
        if filters.day == "today":
            days = (today,)
        elif filters.day == "tomorrow":
            days = (today + dt.timedelta(days=1),)
        skills = dict(worker.skills)
        if filters.job_type is not None:
            skills = {filters.job_type: skills.get(filters.job_type, 0)}
        paid = self.store.paid_days(worker.id, now - dt.timedelta(days=7))
        seeker = Seeker(
            skills=skills, expected_wage=worker.expected_wage, days=days, paid_days_last_week=paid
        )
        # Distances from the place the worker chose when filing, else from this station.
        origin = self.places.get(worker.home_place_code or "", self.station)
        ctx = Context(now, origin.lat, origin.lon, self.min_hourly_yuan, origin == self.station)
        found = index.query(skills, now - STARTED_GRACE, now + WINDOW)
        if filters.same_day_pay:
            found = [c for c in found if c.job.pay_terms.value == "same_day"]
        applied = self.store.applied_job_ids(worker.id)
        return [
            m
            for m in rank(seeker, found, ctx, limit + len(applied))
            if m.candidate.job.id not in applied
        ][:limit]

    def board(self) -> list[Match]:
        """Today's and tomorrow's jobs with places left, for the hall screen and the
        printed job sheet (``kiosk.domain.hall``), distances from this station."""
        now = self.clock.now()
        index = self._indexed(now)
        found = index.query(index.types, now - STARTED_GRACE, board_end(now))
        ctx = Context(now, self.station.lat, self.station.lon, self.min_hourly_yuan)
        return on_board(found, ctx)

    def _indexed(self, now: dt.datetime) -> JobIndex:
        if self._index is None:
            self._index = JobIndex(self.store.candidates(now - STARTED_GRACE))
        return self._index

    def rating(self, worker: Worker) -> Faces:
        """The worker's ratings from employers (all zero until rated)."""
        return self.store.rating(worker.id)

    def my_applications(self, worker: Worker) -> list[MyApplication]:
        """What the worker applied for and where each stands (jobs not over yet)."""
        return self.store.my_applications(worker.id, self.clock.now())

    def apply(self, worker: Worker, job_id: str) -> str:
        """Apply for ``job_id`` (raises AlreadyAppliedError from the store if done before)."""
        # The index is kept: applied jobs are left out per worker at each match, and the
        # applicant counts it holds (fairness) refresh with the next catalogue change.
        return self.store.apply(worker.id, job_id, self.clock.now())
