"""Repositories: the store's side of the service ports; they return domain dataclasses.

ORM rows never leave this module, so nothing above the store holds a session or a row
across threads (ARCHITECTURE.md, Threads).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select
from sqlalchemy.orm import Session

from kiosk.domain.dashboard import Dashboard
from kiosk.domain.entities import DataSet, StationFigures, Worker
from kiosk.domain.pin import PinRecord
from kiosk.domain.registry import (
    ProfileFields,
    WorkerBindCard,
    WorkerRegister,
    WorkerRekey,
    WorkerUpdate,
)
from kiosk.store import models as m
from kiosk.store.dashboard import DashboardRepository
from kiosk.store.outbox import queue_mutation
from kiosk.store.pay import still_unpaid

_CHUNK = 5000


def _chunks(rows: Sequence[dict[str, Any]]) -> Iterable[Sequence[dict[str, Any]]]:
    for i in range(0, len(rows), _CHUNK):
        yield rows[i : i + _CHUNK]


def _plain(obj: Any) -> dict[str, Any]:
    """A dataclass as a dict with enums reduced to their values."""
    out = asdict(obj)
    for key, value in out.items():
        if hasattr(value, "value") and not isinstance(value, (int, float, str)):
            out[key] = value.value
    return out


class DemoRepository:
    """Writes a generated demo data set, replacing the previous catalogue."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def has_jobs(self) -> bool:
        """True when the job table holds anything (seeding then needs ``replace``)."""
        with Session(self.engine) as s:
            return s.scalar(select(func.count()).select_from(m.JobRow)) != 0

    def replace_all(self, data: DataSet, now: dt.datetime) -> None:
        """Replace catalogue and demo workers in one transaction."""
        with self.engine.begin() as conn:
            for table in (
                m.RatingGivenRow,
                m.WorkerRatingRow,
                m.CaseRow,
                m.ComplaintRow,
                m.AgreementRow,
                m.ApplicationRow,
                m.BookingRow,
                m.TrainingWishRow,
                m.TrainingRow,
                m.WorkerSkillRow,
                m.WorkerRow,
                m.JobRow,
                m.EmployerRow,
                m.PlaceRow,
                m.JobTypeRow,
            ):
                conn.execute(delete(table))
            conn.execute(
                insert(m.JobTypeRow),
                [{**_plain(j), "sort_order": i} for i, j in enumerate(data.job_types)],
            )
            conn.execute(insert(m.PlaceRow), [_plain(p) for p in data.places])
            conn.execute(
                insert(m.EmployerRow), [{**_plain(e), "updated_at": now} for e in data.employers]
            )
            job_rows = [_plain(j) for j in data.jobs]
            for chunk in _chunks(job_rows):
                conn.execute(insert(m.JobRow), list(chunk))
            workers, skills = [], []
            for w in data.workers:
                row = _plain(w)
                row.pop("skills")
                workers.append({**row, "consent_at": w.registered_at})
                skills += [
                    {"worker_id": w.id, "job_type_code": c, "years": y} for c, y in w.skills.items()
                ]
            if workers:
                conn.execute(insert(m.WorkerRow), workers)
            if skills:
                conn.execute(insert(m.WorkerSkillRow), skills)
            if data.trainings:
                conn.execute(insert(m.TrainingRow), [_plain(t) for t in data.trainings])


class FiguresRepository:
    """Counts for the staff screen and diagnostics."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def figures(self) -> StationFigures:
        """Open jobs, workers, employers, waiting outbox rows, and agreements a worker said
        were not paid (staff can help with a complaint)."""
        with Session(self.engine) as s:

            def count(stmt: Any) -> int:
                return int(s.scalar(stmt) or 0)

            return StationFigures(
                open_jobs=count(
                    select(func.count()).select_from(m.JobRow).where(m.JobRow.status == "open")
                ),
                workers=count(select(func.count()).select_from(m.WorkerRow)),
                employers=count(select(func.count()).select_from(m.EmployerRow)),
                pending_outbox=count(
                    select(func.count())
                    .select_from(m.OutboxRow)
                    .where(m.OutboxRow.state == "pending")
                ),
                not_paid=count(
                    select(func.count())
                    .select_from(m.AgreementRow)
                    .where(still_unpaid(m.AgreementRow.code))
                ),
            )

    def days(self, today: dt.date) -> Dashboard:
        """Today and the six days before, for the staff's dashboard."""
        return DashboardRepository(self.engine).days(today)


class WorkerRepository:
    """Looks workers up by keyed hash; returns domain workers."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _to_domain(self, s: Session, row: m.WorkerRow) -> Worker:
        skills = s.execute(
            select(m.WorkerSkillRow.job_type_code, m.WorkerSkillRow.years).where(
                m.WorkerSkillRow.worker_id == row.id
            )
        ).all()
        return Worker(
            id=row.id,
            id_hash=row.id_hash,
            id_masked=row.id_masked,
            name=row.name,
            gender=row.gender,
            nation_code=row.nation_code,
            birth_year=row.birth_year,
            phone=row.phone,
            preferred_lang=row.preferred_lang,
            expected_wage=row.expected_wage,
            home_place_code=row.home_place_code,
            registered_at=row.registered_at,
            skills={c: y for c, y in skills},
        )

    def by_id_hash(self, id_hash: str) -> Worker | None:
        """The worker with this keyed ID-number hash, if registered."""
        with Session(self.engine) as s:
            row = s.scalar(select(m.WorkerRow).where(m.WorkerRow.id_hash == id_hash))
            return None if row is None else self._to_domain(s, row)

    def by_chip_hash(self, chip_hash: str) -> Worker | None:
        """The worker whose card chip has this keyed hash, if bound."""
        with Session(self.engine) as s:
            row = s.scalar(select(m.WorkerRow).where(m.WorkerRow.chip_hash == chip_hash))
            return None if row is None else self._to_domain(s, row)

    def sample(self, limit: int) -> list[Worker]:
        """The first registered workers (tests and tools)."""
        with Session(self.engine) as s:
            rows = s.scalars(
                select(m.WorkerRow).order_by(m.WorkerRow.registered_at, m.WorkerRow.id).limit(limit)
            ).all()
            return [self._to_domain(s, r) for r in rows]


class PinRepository:
    """Stores each role's PIN record (hash, failures, lock) across restarts."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def load(self, role: str) -> PinRecord:
        """The role's record; an unset PIN gives a record with no hash."""
        with Session(self.engine) as s:
            row = s.get(m.PinRow, role)
            if row is None:
                return PinRecord(pin_hash=None)
            return PinRecord(row.pin_hash, row.failures, row.locked_until)

    def save(self, role: str, record: PinRecord) -> None:
        """Write the role's record (insert or update)."""
        with Session(self.engine) as s, s.begin():
            row = s.get(m.PinRow, role) or m.PinRow(role=role)
            row.pin_hash, row.failures, row.locked_until = (
                record.pin_hash,
                record.failures,
                record.locked_until,
            )
            s.add(row)


class AuditRepository:
    """Appends to the audit log (actions only, no personal data)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def append(self, at: dt.datetime, actor: str, action: str, detail: str = "") -> None:
        """Record one action."""
        with self.engine.begin() as conn:
            conn.execute(
                insert(m.AuditRow).values(at=at, actor=actor, action=action, detail=detail)
            )

    def recent(self, limit: int = 50) -> list[tuple[dt.datetime, str, str, str]]:
        """The newest entries, newest first."""
        with Session(self.engine) as s:
            rows = s.execute(
                select(m.AuditRow.at, m.AuditRow.actor, m.AuditRow.action, m.AuditRow.detail)
                .order_by(m.AuditRow.id.desc())
                .limit(limit)
            ).all()
            return [(r[0], r[1], r[2], r[3]) for r in rows]


class RegistrationRepository:
    """Files a new worker with skills and the outbox mutation in one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def register(
        self, worker: Worker, chip_hash: str | None, availability: str, mutation: WorkerRegister
    ) -> None:
        """Insert the worker, their skills and ``worker.register`` for the server."""
        with self.engine.begin() as conn:
            self._insert(conn, worker, chip_hash, availability, 0)
            queue_mutation(conn, mutation, worker.registered_at)

    def adopt(self, worker: Worker, chip_hash: str | None, availability: str, version: int) -> None:
        """Keep a worker the market found by their card (filed at another station): no
        registration to send, only the chip bound here, when there is one."""
        with self.engine.begin() as conn:
            known = set(conn.execute(select(m.JobTypeRow.code)).scalars())
            skills = {c: y for c, y in worker.skills.items() if c in known}  # not pulled yet
            worker = replace(worker, skills=skills)
            self._insert(conn, worker, chip_hash, availability, version)
            if chip_hash is not None:
                queue_mutation(conn, WorkerBindCard(worker.id, chip_hash), worker.registered_at)

    @staticmethod
    def _insert(
        conn: Connection, worker: Worker, chip_hash: str | None, availability: str, version: int
    ) -> None:
        row = _plain(worker)
        row.pop("skills")
        conn.execute(
            insert(m.WorkerRow).values(
                **row,
                chip_hash=chip_hash,
                availability={"when": availability},
                consent_at=worker.registered_at,
                version=version,
            )
        )
        if worker.skills:
            conn.execute(
                insert(m.WorkerSkillRow),
                [
                    {"worker_id": worker.id, "job_type_code": c, "years": y}
                    for c, y in worker.skills.items()
                ],
            )

    def rekey(self, worker_id: str, id_hash: str, now: dt.datetime) -> None:
        """The worker's look-up hash under the district's key, and ``worker.rekey``."""

        from sqlalchemy import update  # noqa: PLC0415

        with self.engine.begin() as conn:
            conn.execute(
                update(m.WorkerRow).where(m.WorkerRow.id == worker_id).values(id_hash=id_hash)
            )
            queue_mutation(conn, WorkerRekey(worker_id, id_hash), now)

    def bind_chip(self, worker_id: str, chip_hash: str, now: dt.datetime) -> None:
        """Bind a card's chip to a registered worker, with its outbox row, in one transaction."""

        from sqlalchemy import update  # noqa: PLC0415

        with self.engine.begin() as conn:
            conn.execute(
                update(m.WorkerRow).where(m.WorkerRow.id == worker_id).values(chip_hash=chip_hash)
            )
            queue_mutation(conn, WorkerBindCard(worker_id, chip_hash), now)

    def update_profile(self, worker: Worker, availability: str, now: dt.datetime) -> int:
        """Save edited choices, skills and ``worker.update`` together; return the base version."""

        from sqlalchemy import update  # noqa: PLC0415

        with self.engine.begin() as conn:
            base = conn.execute(
                select(m.WorkerRow.version).where(m.WorkerRow.id == worker.id)
            ).scalar_one()
            conn.execute(
                update(m.WorkerRow)
                .where(m.WorkerRow.id == worker.id)
                .values(
                    phone=worker.phone,
                    preferred_lang=worker.preferred_lang,
                    expected_wage=worker.expected_wage,
                    home_place_code=worker.home_place_code,
                    availability={"when": availability},
                )
            )
            conn.execute(delete(m.WorkerSkillRow).where(m.WorkerSkillRow.worker_id == worker.id))
            if worker.skills:
                conn.execute(
                    insert(m.WorkerSkillRow),
                    [
                        {"worker_id": worker.id, "job_type_code": c, "years": y}
                        for c, y in worker.skills.items()
                    ],
                )
            fields = ProfileFields.of(worker, availability).to_wire()
            queue_mutation(conn, WorkerUpdate(worker.id, fields), now, base_version=base)
            return int(base)
