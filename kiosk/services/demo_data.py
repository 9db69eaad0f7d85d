"""A deterministic generator of realistic Chengguan demo data.

Same seed and same day give the same data, so screenshots, tests and benchmarks repeat.
Wage ranges, places and names come from ``assets/data`` (estimates a station can correct).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.domain import idnumber
from kiosk.domain.cover import Cover
from kiosk.domain.entities import (
    DataSet,
    Duration,
    Employer,
    Job,
    JobType,
    PayTerms,
    Place,
    PlaceKind,
    Worker,
)
from kiosk.domain.identity import Identity
from kiosk.domain.privacy import keyed_hash
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.domain.training import Course

HALF_DAY_SHARE = 0.55  # half-day pay as a share of the day wage
DEMO_COVER_MIN_WAGE = 300  # the trades whose demo jobs may carry accident cover

# The demo kiosk's PINs (shown on its demo panel; a real kiosk sets its own).
DEMO_PINS = {"staff": "2468", "technician": "1357"}


@dataclass(frozen=True)
class DemoCatalog:
    """The data files the generator draws on."""

    job_types: list[JobType]
    places: list[Place]
    areas: list[dict[str, Any]]
    roads: list[str]
    names: dict[str, Any]
    courses: list[dict[str, Any]]

    @classmethod
    def load(cls, data_dir: Path) -> DemoCatalog:
        """Read ``job_types.json``, ``places.json`` and ``demo_names.json``."""
        jt = json.loads((data_dir / "job_types.json").read_text(encoding="utf-8"))
        pl = json.loads((data_dir / "places.json").read_text(encoding="utf-8"))
        names = json.loads((data_dir / "demo_names.json").read_text(encoding="utf-8"))
        courses = json.loads((data_dir / "courses.json").read_text(encoding="utf-8"))
        return cls(
            job_types=[JobType(**j) for j in jt["job_types"]],
            places=[Place(**{**p, "kind": PlaceKind(p["kind"])}) for p in pl["places"]],
            areas=pl["work_areas"],
            roads=pl["roads"],
            names=names,
            courses=courses["courses"],
        )


def _demo_cover(job_id: str, trade: JobType) -> Cover | None:
    """A third of the skilled trades' jobs carry an (invented) employer's accident policy;
    drawn from the job's id, so the rest of the demo data is as before."""
    if trade.wage_min < DEMO_COVER_MIN_WAGE or int(job_id[:2], 16) % 3:
        return None
    return Cover("示例保险公司（演示）", f"DEMO-{job_id[:8].upper()}", 200_000, "0891-6000000")


class DemoGenerator:
    """Builds demo data from a catalog; ``generate`` is a pure function of its arguments."""

    def __init__(self, catalog: DemoCatalog, secret: bytes) -> None:
        self.catalog = catalog
        self.secret = secret

    def generate(
        self,
        *,
        jobs: int,
        today: dt.date,
        seed: int = 2026,
        workers: int = 40,
        registered: Sequence[Identity] = (),
    ) -> DataSet:
        """Make ``jobs`` jobs around ``today`` (a day back to a week ahead).

        ``registered`` identities (the demo reader's sample cards) become workers first,
        so tapping those cards logs someone in.
        """
        rng = random.Random(seed)
        employers = [self._employer(rng, i) for i in range(max(20, jobs // 20))]
        job_list = [self._job(rng, employers, today) for _ in range(jobs)]
        worker_list = [self._registered(rng, ident, today) for ident in registered]
        worker_list += [self._worker(rng, today) for _ in range(workers)]
        trainings = [self._course(rng, c, today) for c in self.catalog.courses]
        return DataSet(
            job_types=list(self.catalog.job_types),
            places=list(self.catalog.places),
            employers=employers,
            jobs=job_list,
            workers=worker_list,
            trainings=trainings,
        )

    @staticmethod
    def _uuid(rng: random.Random) -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    def _employer(self, rng: random.Random, index: int) -> Employer:
        n = self.catalog.names
        if rng.random() < 0.25:
            name = rng.choice(n["chinese_surnames"] + n["tibetan_given"]) + rng.choice(
                n["household_suffix"]
            )
            kind = "household"
        else:
            suffix, kind = rng.choice(n["company_kinds"])
            name = f"拉萨{rng.choice(n['company_words'])}{suffix}"
        roll = rng.random()
        cases = 0 if roll < 0.93 else (1 if roll < 0.98 else 2)
        ident = self._uuid(rng)
        party = self._party_block(ident, kind)
        return Employer(
            id=ident,
            name=name,
            kind=kind,
            licence_verified=kind != "household" and rng.random() < 0.85,
            credit_score=max(40, min(100, int(rng.gauss(86, 8)) - 15 * cases)),
            unpaid_wage_cases=cases,
            on_arrears_list=cases >= 2 and index % 2 == 0,
            phone=party["phone"],
            address=party["address"],
            id_or_code=party["id_or_code"],
        )

    def _party_block(self, ident: str, kind: str) -> dict[str, str]:
        """A sample phone, address and credit code (or masked ID number), derived from the
        id alone so the rest of the demo data stays as it was."""
        digits = str(int(uuid.UUID(ident).hex[:12], 16)).rjust(15, "0")
        road = self.catalog.roads[int(digits[8:10]) % len(self.catalog.roads)]
        return {
            "phone": f"139{digits[:8]}",
            "address": f"拉萨市城关区{road}{int(digits[10:12]) + 1}号",
            "id_or_code": (
                f"540102********{digits[12:15]}X"
                if kind == "household"
                else f"91540100MA6T****{digits[12:14]}"
            ),
        }

    def _job(self, rng: random.Random, employers: list[Employer], today: dt.date) -> Job:
        jt = rng.choice(self.catalog.job_types)
        area = rng.choice(self.catalog.areas)
        duration = rng.choices(list(Duration), weights=(2, 6, 2))[0]
        day = today + dt.timedelta(days=rng.randint(-1, 7))
        wage = (
            rng.randrange(jt.wage_min, jt.wage_max + 1, 10)
            if jt.wage_max > jt.wage_min
            else jt.wage_min
        )
        if duration is Duration.HALF_DAY:
            hour, hours, days = rng.choice((8, 13)), 4.0, 1
            wage = round(wage * HALF_DAY_SHARE / 10) * 10
        else:
            hour, hours = rng.choice((7, 8, 9)), 8.0
            days = 1 if duration is Duration.ONE_DAY else rng.randint(2, 10)
        starts = dt.datetime.combine(day, dt.time(hour), LHASA_TZ)
        ends = starts + dt.timedelta(days=days - 1, hours=hours + (1 if hours > 4 else 0))
        pay = (
            PayTerms.SAME_DAY
            if days == 1 and rng.random() < 0.8
            else (PayTerms.ON_COMPLETION if days <= 7 else PayTerms.WEEKLY)
        )
        slots = rng.choice((1, 1, 2, 2, 3, 4, 6, 10))
        road = rng.choice(self.catalog.roads)
        job = Job(
            id=self._uuid(rng),
            job_type_code=jt.code,
            employer_id=rng.choice(employers).id,
            title_zh=f"{jt.name_zh}{'(半天)' if duration is Duration.HALF_DAY else ''}",
            day_wage=wage,
            pay_terms=pay,
            duration=duration,
            starts_at=starts,
            ends_at=ends,
            hours_per_day=hours,
            place_code=None,
            address_zh=f"{area['name_zh']}{road}{rng.randint(1, 120)}号",
            lat=round(area["lat"] + rng.uniform(-0.006, 0.006), 5),
            lon=round(area["lon"] + rng.uniform(-0.006, 0.006), 5),
            slots_total=slots,
            slots_taken=rng.randint(0, slots - 1),
            posted_at=starts - dt.timedelta(hours=rng.randint(2, 72)),
            tools_provided=rng.random() < 0.7,
            meals_provided=rng.random() < 0.4,
        )
        return dataclasses.replace(job, cover=_demo_cover(job.id, jt))

    def _worker(self, rng: random.Random, today: dt.date) -> Worker:
        n = self.catalog.names
        tibetan = rng.random() < 0.75
        if tibetan:
            name = rng.choice(n["tibetan_given"]) + rng.choice(n["tibetan_given"])
        else:
            name = rng.choice(n["chinese_surnames"]) + rng.choice(n["chinese_given"])
        birth = dt.date(today.year - rng.randint(40, 55), rng.randint(1, 12), rng.randint(1, 28))
        gender = rng.choice((1, 2))
        seq = rng.randrange(0, 999)
        seq += (seq % 2 == 0) if gender == 1 else (seq % 2 == 1)  # odd = male
        first17 = f"{rng.choice(n['region_codes'])}{birth:%Y%m%d}{seq % 1000:03d}"
        number = first17 + idnumber.check_char(first17)
        codes = [j.code for j in self.catalog.job_types]
        skills = {c: rng.randint(0, 15) for c in rng.sample(codes, rng.randint(1, 3))}
        return Worker(
            id=self._uuid(rng),
            id_hash=keyed_hash(self.secret, "id", number),
            id_masked=idnumber.mask(number),
            name=name,
            gender=gender,
            nation_code="04" if tibetan else "01",
            birth_year=birth.year,
            phone=f"1{rng.choice((38, 39, 58, 89))}{rng.randint(0, 99999999):08d}",
            preferred_lang="both" if tibetan else "zh",
            expected_wage=rng.randrange(150, 400, 10),
            home_place_code=rng.choice(self.catalog.places).code,
            registered_at=dt.datetime.combine(
                today - dt.timedelta(days=rng.randint(1, 300)), dt.time(10), LHASA_TZ
            ),
            skills=skills,
        )

    def _registered(self, rng: random.Random, ident: Identity, today: dt.date) -> Worker:
        codes = [j.code for j in self.catalog.job_types]
        return Worker(
            id=self._uuid(rng),
            id_hash=keyed_hash(self.secret, "id", ident.number),
            id_masked=idnumber.mask(ident.number),
            name=ident.name,
            gender=ident.gender,
            nation_code=ident.nation_code,
            birth_year=ident.birth_date.year,
            phone=None,
            preferred_lang="both" if ident.nation_code == "04" else "zh",
            expected_wage=250,
            home_place_code=self.catalog.places[0].code,
            registered_at=dt.datetime.combine(today - dt.timedelta(days=400), dt.time(9), LHASA_TZ),
            skills={c: rng.randint(1, 12) for c in rng.sample(codes, 3)},
        )

    @classmethod
    def _course(cls, rng: random.Random, c: dict[str, Any], today: dt.date) -> Course:
        """One of Lhasa's kinds of course (``courses.json``), dated from ``today``."""
        day = today + dt.timedelta(days=int(c["in_days"]))
        starts = dt.datetime.combine(day, dt.time(int(c["hour"])), LHASA_TZ)
        last = day + dt.timedelta(days=int(c["days"]) - 1)
        return Course(
            id=cls._uuid(rng),
            job_type_code=c["trade"],
            title_zh=c["title_zh"],
            starts_at=starts,
            ends_at=dt.datetime.combine(last, dt.time(17), LHASA_TZ),
            place_code=c["place"],
            seats_total=int(c["seats"]),
            seats_taken=int(c["taken"]),
            waiting=int(c["waiting"]),
            subsidised=bool(c["subsidised"]),
            who=tuple(c["who"]),
            bring=tuple(c["bring"]),
            language=c["language"],
        )
