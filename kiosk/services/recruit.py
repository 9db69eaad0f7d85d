"""The recruitment desk (issue 15): what the fast-recruitment screens call, on the DB worker.

An employer's card finds them by the keyed hash of its number under the district's key (the
market keeps the same hash of those who signed up on its pages); staff register a new one in
two steps (the card, then the phone). A job is posted in a few touches; the workers who
checked in at the station today are listed, those of the job's trade first; the number
called; the called worker's own card takes the job, as an application the agreement is then
signed for."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Protocol

from kiosk.domain.entities import Employer
from kiosk.domain.errors import RecruitError, RecruitErrorKind
from kiosk.domain.privacy import Hasher, district_known, every_hash
from kiosk.domain.profile import PHONE
from kiosk.domain.recruit import HOURS, MAX_SLOTS, PastJob, Posted, Waiting, start_of, wage_fits
from kiosk.domain.registry import EmployerRegister, JobPost
from kiosk.idcard.events import CardPresented
from kiosk.services.jobs import Station
from kiosk.services.ports import AuditLog, Clock


class RecruitStore(Protocol):
    """Where recruitment is kept (``kiosk.store.recruit.RecruitRepository`` fits)."""

    def employer_by_card(self, card_hash: str) -> Employer | None: ...
    def register(self, p: EmployerRegister, now: dt.datetime) -> Employer: ...
    def past_jobs(self, employer_id: str) -> list[PastJob]: ...
    def trade_name(self, code: str) -> str | None: ...
    def post(
        self, p: JobPost, *, ends_at: dt.datetime, lat: float, lon: float, now: dt.datetime
    ) -> None: ...
    def check_in(self, worker_id: str, day: dt.date, now: dt.datetime) -> tuple[int, bool]: ...
    def queue(self, day: dt.date, job_id: str, trade: str) -> list[Waiting]: ...
    def call(self, day: dt.date, number: int, job_id: str, now: dt.datetime) -> str: ...
    def accept(self, day: dt.date, number: int, job_id: str, now: dt.datetime) -> str: ...
    def worker_hashes(self, worker_id: str) -> tuple[str, str | None]: ...


class RecruitDesk:
    """Fast recruitment at this station."""

    def __init__(  # noqa: PLR0917 - the desk's collaborators, wired once
        self,
        repo: RecruitStore,
        hasher: Hasher,
        clock: Clock,
        audit: AuditLog,
        station: Station,
        place_code: str | None,
        min_hourly: int,
    ) -> None:
        self.repo, self.hasher, self.clock, self.audit = repo, hasher, clock, audit
        self.station, self.place_code, self.min_hourly = station, place_code, min_hourly

    # --- the employer ----------------------------------------------------------------------
    def _employer_hash(self, card: CardPresented) -> str:
        if card.identity is None:
            raise RecruitError(RecruitErrorKind.NO_IDENTITY)
        return self.hasher("employer", card.identity.number)

    def employer_for(self, card: CardPresented) -> Employer | None:
        """The known employer whose card this is (None: staff may register them)."""
        if card.identity is None or not district_known(self.hasher):
            return None
        return self.repo.employer_by_card(self._employer_hash(card))

    def register(self, card: CardPresented, phone: str) -> Employer:
        """Staff register the card's holder as a person who hires, with the phone they
        gave (the agreement names it)."""
        digits = "".join(ch for ch in phone if ch.isdigit())
        if not PHONE.match(digits):
            raise RecruitError(RecruitErrorKind.PHONE)
        card_hash = self._employer_hash(card)
        if not district_known(self.hasher):
            raise RecruitError(RecruitErrorKind.NO_DISTRICT)  # the hash would find no one
        identity = card.identity
        assert identity is not None  # _employer_hash refused a chip-only card
        known = self.repo.employer_by_card(card_hash)
        if known is not None:
            return known  # a second press of "register": the one registered
        payload = EmployerRegister(
            str(uuid.uuid4()), identity.name.strip(), digits, identity.masked_number, card_hash
        )
        payload.check()
        now = self.clock.now()
        employer = self.repo.register(payload, now)
        self.audit.append(now, "staff", "employer_registered", employer.id)
        return employer

    def past_jobs(self, employer_id: str) -> list[PastJob]:
        """Their latest jobs, to post again in one touch."""
        return self.repo.past_jobs(employer_id)

    # --- the job ---------------------------------------------------------------------------
    def post(
        self, employer: Employer, trade: str, wage: int, *, tomorrow: bool, slots: int
    ) -> Posted:
        """Post a one-day job at this station, open at once (and queued for the market)."""
        if not wage_fits(wage, self.min_hourly):
            raise RecruitError(RecruitErrorKind.WAGE)
        title = self.repo.trade_name(trade)
        if title is None or not 1 <= slots <= MAX_SLOTS:
            raise RecruitError(RecruitErrorKind.GONE)
        now = self.clock.now()
        start = start_of(now, tomorrow)
        if start is None:
            raise RecruitError(RecruitErrorKind.TOO_LATE)
        payload = JobPost(
            str(uuid.uuid4()), employer.id, trade, title, wage, start.isoformat(), slots,
            "", self.place_code,
        )  # fmt: skip
        payload.check()
        ends = start + dt.timedelta(hours=HOURS)
        self.repo.post(payload, ends_at=ends, lat=self.station.lat, lon=self.station.lon, now=now)
        self.audit.append(now, "employer", "job_posted", payload.job_id)
        return Posted(payload.job_id, employer.id, trade, title, wage, start, slots)

    # --- the room's queue ------------------------------------------------------------------
    def check_in(self, worker_id: str) -> tuple[int, bool]:
        """The worker's number in today's queue (the same all day), and whether it is new
        (their first tap today: a slip is printed)."""
        now = self.clock.now()
        return self.repo.check_in(worker_id, now.date(), now)

    def queue(self, job: Posted) -> list[Waiting]:
        """Who is in the room today and not hired, those of the job's trade first."""
        return self.repo.queue(self.clock.now().date(), job.job_id, job.job_type_code)

    def call(self, job: Posted, number: int) -> str:
        """Call number ``number`` for the job: their worker id (GONE: they left the queue
        meanwhile)."""
        now = self.clock.now()
        try:
            return self.repo.call(now.date(), number, job.job_id, now)
        except LookupError:
            raise RecruitError(RecruitErrorKind.GONE) from None

    def accept(self, job: Posted, number: int, worker_id: str, card: CardPresented) -> str:
        """The called worker's own card takes the job: the application to sign (the same
        one when the tap comes twice). NOT_CALLED: someone else's card."""
        id_hash, chip_hash = self.repo.worker_hashes(worker_id)
        if card.identity is not None:
            mine = id_hash in every_hash(self.hasher, "id", card.identity.number)
        else:
            mine = chip_hash is not None and self.hasher("chip", card.chip_serial) == chip_hash
        if not mine:
            raise RecruitError(RecruitErrorKind.NOT_CALLED)
        now = self.clock.now()
        try:
            application_id = self.repo.accept(now.date(), number, job.job_id, now)
        except LookupError:
            raise RecruitError(RecruitErrorKind.GONE) from None
        self.audit.append(now, "worker", "recruit_accepted", application_id)
        return application_id
