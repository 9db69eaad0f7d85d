"""Applications are written with their outbox row in one transaction, once per worker and job."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.errors import AlreadyAppliedError
from kiosk.domain.pay import PayAnswer
from kiosk.idcard.demo import REGISTERED, SAMPLES
from kiosk.services.demo_data import DemoCatalog, DemoGenerator
from kiosk.store import models as m
from kiosk.store.db import open_database
from kiosk.store.jobs import JobRepository
from kiosk.store.pay import PayRepository
from kiosk.store.repositories import DemoRepository, FiguresRepository

ROOT = Path(__file__).resolve().parents[3]
TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def store(tmp_path: Path) -> tuple[JobRepository, str]:
    engine, _ = open_database(tmp_path / "k.sqlite3")
    data = DemoGenerator(DemoCatalog.load(ROOT / "assets/data"), b"s" * 32).generate(
        jobs=200, today=TODAY, registered=[SAMPLES[k] for k in REGISTERED]
    )
    DemoRepository(engine).replace_all(data, dt.datetime(2026, 11, 24, 8, 0))
    return JobRepository(engine), data.workers[0].id


def count(repo: JobRepository, table: type[m.Base]) -> int:
    with Session(repo.engine) as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_candidates_carry_zones_employers_and_applicants(store: tuple[JobRepository, str]) -> None:
    repo, worker = store
    since = dt.datetime(2026, 11, 23, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    found = repo.candidates(since)
    assert found
    assert all(c.job.starts_at.tzinfo is not None and c.job.starts_at >= since for c in found)
    job_id = found[0].job.id
    repo.apply(worker, job_id, dt.datetime(2026, 11, 24, 9, 0))
    again = {c.job.id: c for c in repo.candidates(since)}
    assert again[job_id].applicants == 1


def test_apply_writes_application_and_outbox_together_once(
    store: tuple[JobRepository, str],
) -> None:
    repo, worker = store
    job_id = repo.candidates(dt.datetime(2026, 11, 23, tzinfo=dt.UTC))[0].job.id
    repo.apply(worker, job_id, dt.datetime(2026, 11, 24, 9, 0))
    assert (count(repo, m.ApplicationRow), count(repo, m.OutboxRow)) == (1, 1)
    with pytest.raises(AlreadyAppliedError):
        repo.apply(worker, job_id, dt.datetime(2026, 11, 24, 9, 5))
    assert (count(repo, m.ApplicationRow), count(repo, m.OutboxRow)) == (1, 1)
    assert repo.applied_job_ids(worker) == {job_id}


def test_paid_days_count_days_with_signed_agreements(store: tuple[JobRepository, str]) -> None:
    from sqlalchemy import insert

    repo, worker = store
    job = repo.candidates(dt.datetime(2026, 11, 23, tzinfo=dt.UTC))[0]
    with repo.engine.begin() as conn:
        for i, day in enumerate((20, 20, 22, 10)):
            conn.execute(
                insert(m.AgreementRow).values(
                    id=f"a{i}",
                    application_id=None,
                    worker_id=worker,
                    employer_id=job.employer.id,
                    job_id=job.job.id,
                    template_version="1",
                    text_sha256="0" * 64,
                    worker_signature_png=None,
                    employer_signature_png=None,
                    signed_at=dt.datetime(2026, 11, day, 18, 0),
                    code=f"AAAA-AAA{i + 2}",
                )
            )
    since = dt.datetime(2026, 11, 17, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert repo.paid_days(worker, since) == 2  # the 20th twice, the 22nd; the 10th is too old

    # "Not paid" for the 22nd: that day does not count; paid at last, it counts again.
    pay = PayRepository(repo.engine)
    now = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
    figures = FiguresRepository(repo.engine)
    pay.save("AAAA-AAA4", worker, PayAnswer.UNPAID, now)
    assert repo.paid_days(worker, since) == 1
    assert figures.figures().not_paid == 1  # staff see it
    pay.save("AAAA-AAA4", worker, PayAnswer.PAID, now + dt.timedelta(days=1))
    assert repo.paid_days(worker, since) == 2
    assert figures.figures().not_paid == 0


def test_a_closed_or_vanished_job_is_not_reported_as_already_applied(
    store: tuple[JobRepository, str],
) -> None:
    """Each refusal says what happened; none writes an application or an outbox row."""
    from sqlalchemy import update
    from sqlalchemy.exc import IntegrityError

    from kiosk.domain.errors import JobUnavailableError

    repo, worker = store
    ids = sorted(c.job.id for c in repo.candidates(dt.datetime(2026, 11, 23, tzinfo=dt.UTC)))
    with repo.engine.begin() as conn:
        conn.execute(update(m.JobRow).where(m.JobRow.id == ids[0]).values(status="withdrawn"))
    at = dt.datetime(2026, 11, 24, 9, 0)
    with pytest.raises(JobUnavailableError):
        repo.apply(worker, ids[0], at)
    with pytest.raises(JobUnavailableError):
        repo.apply(worker, "no-such-job", at)
    with pytest.raises(IntegrityError):  # a broken reference is a fault, not "applied before"
        repo.apply("no-such-worker", ids[1], at)
    assert (count(repo, m.ApplicationRow), count(repo, m.OutboxRow)) == (0, 0)


def test_my_applications_say_where_each_stands_soonest_first(
    store: tuple[JobRepository, str],
) -> None:
    from sqlalchemy import update

    from kiosk.domain.applications import ApplicationState

    repo, worker = store
    lhasa = dt.timezone(dt.timedelta(hours=8))
    now = dt.datetime(2026, 11, 24, 9, 0, tzinfo=lhasa)
    found = sorted(repo.candidates(now), key=lambda c: (c.job.starts_at, c.job.id))
    later, sooner, third = found[5].job, found[0].job, found[9].job
    ids = {j.id: repo.apply(worker, j.id, now.replace(tzinfo=None)) for j in (later, sooner, third)}
    with repo.engine.begin() as conn:  # as the sync's effects leave them
        conn.execute(
            update(m.ApplicationRow)
            .where(m.ApplicationRow.id == ids[later.id])
            .values(status="sent")
        )
        conn.execute(
            update(m.ApplicationRow)
            .where(m.ApplicationRow.id == ids[third.id])
            .values(status="full")
        )
    mine = repo.my_applications(worker, now)
    assert [a.job.id for a in mine] == [sooner.id, later.id, third.id]
    assert [a.state for a in mine] == [
        ApplicationState.WAITING,
        ApplicationState.SENT,
        ApplicationState.FULL,
    ]
    assert all(a.employer_name for a in mine)
    assert mine[0].applied_at == now
    # A job that is over is no longer listed.
    for job in (later, sooner, third):
        still = [a.job.id for a in mine if a.job.ends_at > job.ends_at]
        assert [a.job.id for a in repo.my_applications(worker, job.ends_at)] == still
        assert job.id not in still


def test_the_employer_s_answer_comes_first_and_one_given_elsewhere_is_shown(
    store: tuple[JobRepository, str],
) -> None:
    """Pulled answers: an accepted application is listed first whatever its day; a declined
    one says so; an answer to an application made at another station (no row here) is
    listed with its job."""
    from kiosk.domain.applications import ApplicationState

    repo, worker = store
    lhasa = dt.timezone(dt.timedelta(hours=8))
    now = dt.datetime(2026, 11, 24, 9, 0, tzinfo=lhasa)
    found = sorted(repo.candidates(now), key=lambda c: (c.job.starts_at, c.job.id))
    first, second, third, remote = (found[i].job for i in (0, 3, 6, 9))
    ids = {j.id: repo.apply(worker, j.id, now.replace(tzinfo=None)) for j in (first, second, third)}
    answered = now.replace(tzinfo=None) + dt.timedelta(hours=1)
    with repo.engine.begin() as conn:
        conn.execute(
            m.AnswerRow.__table__.insert(),
            [
                {
                    "id": ids[first.id],
                    "worker_id": worker,
                    "job_id": first.id,
                    "answer": "declined",
                    "answered_at": answered,
                },
                {
                    "id": ids[third.id],
                    "worker_id": worker,
                    "job_id": third.id,
                    "answer": "accepted",
                    "answered_at": answered,
                },
                {
                    "id": "made-at-another-station",
                    "worker_id": worker,
                    "job_id": remote.id,
                    "answer": "accepted",
                    "answered_at": answered,
                },
                {
                    "id": "someone-else-s",
                    "worker_id": "another-worker",
                    "job_id": second.id,
                    "answer": "accepted",
                    "answered_at": answered,
                },
            ],
        )
    mine = repo.my_applications(worker, now)
    assert [(a.job.id, a.state) for a in mine] == [
        (third.id, ApplicationState.ACCEPTED),
        (remote.id, ApplicationState.ACCEPTED),
        (first.id, ApplicationState.DECLINED),
        (second.id, ApplicationState.WAITING),
    ]
    assert mine[1].id == "made-at-another-station"
