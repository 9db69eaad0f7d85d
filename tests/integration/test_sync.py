"""Sync against the real reference server (uvicorn on loopback), on SQLite and PostgreSQL.

Each test starts its own server on a fresh database and enrols kiosks through the real
device grant. What is checked is what people notice: jobs posted at the market appear at
the kiosk, applications reach the market exactly once, refusals are kept for staff.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kiosk.domain.profile import ProfileDraft
from kiosk.domain.registry import ApplicationCreate
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.idcard.demo import SAMPLES
from kiosk.store import models as m
from kiosk.store.outbox import queue_mutation
from kiosk.store.sync import SyncRepository
from market.models import Application, MutationLog
from tests.helpers.market import MarketServer, market_admin, server_rows
from tests.helpers.outbox import queue_unchecked
from tests.helpers.syncrig import Station, enrol, seed_like_server

pytestmark = pytest.mark.slow


def test_jobs_posted_at_the_market_reach_the_kiosk(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "300", "--today", today.isoformat())
    report = station.worker.run_once()
    assert report is not None
    assert station.count(m.JobRow) == 300
    assert station.count(m.JobTypeRow) > 20
    assert station.count(m.EmployerRow) > 0
    assert station.worker.status.state == "online"
    first_cursor = station.cursor()

    job_id = market_admin(
        market.database,
        "post-job",
        "--trade",
        "banyun",
        "--title",
        "搬家 三楼",
        "--wage",
        "280",
        "--slots",
        "2",
    ).strip()
    report = station.worker.run_once()
    assert report is not None
    assert report.pulled == 1
    assert station.count(m.JobRow, m.JobRow.id == job_id, m.JobRow.day_wage == 280) == 1
    assert station.cursor() != first_cursor

    market_admin(market.database, "close-job", job_id)
    station.worker.run_once()
    assert station.count(m.JobRow, m.JobRow.id == job_id, m.JobRow.status == "closed") == 1
    market_admin(market.database, "close-job", job_id, "--delete")
    station.worker.run_once()
    assert station.count(m.JobRow, m.JobRow.id == job_id) == 0


def test_registration_and_application_arrive_once(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "50", "--today", today.isoformat())
    station.worker.run_once()
    backend = station.backend
    draft = ProfileDraft(skills={"banyun": 3}, expected_wage=250, phone="13812345678")
    view = backend.registration.register(SAMPLES["hmt_permit"], "CHIP-1", draft)
    worker = backend.session.worker
    assert worker is not None
    assert view.name
    job = backend.jobs.matches(worker)[0].candidate.job
    backend.jobs.apply(worker, job.id)
    assert station.outbox_states() == {"pending": 2}

    report = station.worker.run_once()
    assert report is not None
    assert report.pushed == 2
    assert station.outbox_states() == {"done": 2}
    assert station.count(m.ApplicationRow, m.ApplicationRow.status == "sent") == 1
    assert server_rows(market.database, Application, Application.job_id == job.id) == 1
    assert station.worker.status.waiting.pending == 0

    # A retry of the same mutations (e.g. the reply was lost) changes nothing on the server.
    with backend.engine.begin() as conn:
        conn.execute(text("UPDATE outbox SET state='pending', batch_uuid=NULL"))
    report = station.worker.run_once()
    assert report is not None
    assert report.pushed == 2
    assert server_rows(market.database, MutationLog) == 2
    assert server_rows(market.database, Application) == 1


def test_a_poison_mutation_is_kept_for_staff_and_blocks_nothing(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "50", "--today", today.isoformat())
    seed_like_server(station, 50, today)
    station.worker.run_once()
    backend = station.backend
    worker = backend.workers.sample(1)[0]
    jobs = [mt.candidate.job for mt in backend.jobs.matches(worker)[:2]]
    backend.jobs.apply(worker, jobs[0].id)
    ghost = str(uuid.uuid4())
    now = dt.datetime.now(LHASA_TZ)
    with backend.engine.begin() as conn:
        # A row this kiosk's registry would refuse to queue (an older version wrote it, or
        # the disk flipped a bit): the server must refuse it alone.
        queue_unchecked(conn, "worker.register", ghost, {"worker_id": ghost}, now)
        application = str(uuid.uuid4())
        queue_mutation(conn, ApplicationCreate(application, ghost, jobs[1].id), now)
    backend.jobs.apply(worker, jobs[1].id)

    report = station.worker.run_once()
    assert report is not None
    assert (report.pushed, report.rejected) == (2, 2)
    refused = SyncRepository(backend.engine).rejected()
    assert sorted(reason for _, reason, _ in refused) == [
        "dependency_failed",
        "invalid_payload:id_hash",
    ]
    assert station.worker.status.waiting.rejected == 2
    assert server_rows(market.database, Application, Application.worker_id == worker.id) == 2
    listed = market_admin(market.database, "rejected")
    assert listed.count("\n") == 2
    assert "dependency_failed" in listed


def test_profile_edits_conflict_and_the_server_wins(
    market: MarketServer, tmp_path: Path, today: dt.date
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "20", "--today", today.isoformat())
    a = enrol(tmp_path / "a", market.url, market.database, "a")
    b = enrol(tmp_path / "b", market.url, market.database, "b")
    try:
        for st in (a, b):
            seed_like_server(st, 20, today)
            st.worker.run_once()
        worker_a = a.backend.workers.sample(1)[0]
        worker_b = b.backend.workers.sample(1)[0]
        assert worker_a.id == worker_b.id
        for st, w, phone in ((a, worker_a, "13900000001"), (b, worker_b, "13900000002")):
            st.backend.session.start_for_worker(w)
            draft = st.backend.registration.draft_for_current()
            assert draft is not None
            draft.phone = phone
            st.backend.registration.update_current(draft)
        a.worker.run_once()
        report = b.worker.run_once()
        assert report is not None
        assert report.conflicts == 1
        assert b.count(m.ConflictRow, m.ConflictRow.field == "phone") == 1
        kept = b.backend.workers.by_id_hash(worker_b.id_hash)
        assert kept is not None
        assert kept.phone == "13900000001"
        with Session(b.backend.engine) as s:
            row = s.scalars(select(m.ConflictRow)).one()
        assert "13900000002" in (row.kiosk_value or "")  # ours, kept for staff
    finally:
        a.close()
        b.close()


def test_a_stale_cursor_gets_410_and_the_kiosk_pulls_again(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "40", "--today", today.isoformat())
    station.worker.run_once()
    gone = market_admin(
        market.database, "post-job", "--trade", "banyun", "--title", "t", "--wage", "250"
    ).strip()
    station.worker.run_once()
    assert station.count(m.JobRow, m.JobRow.id == gone) == 1
    with Session(station.backend.engine) as s:
        # Any other job, chosen by a rule: limit(1) alone may return ``gone`` itself.
        victim = s.scalars(
            select(m.JobRow.id).where(m.JobRow.id != gone).order_by(m.JobRow.id).limit(1)
        ).first()
    assert victim is not None
    # Two deletions; the kiosk is offline and misses both; the tombstones are compacted away.
    market_admin(market.database, "close-job", gone, "--delete")
    market_admin(market.database, "close-job", victim, "--delete")
    market_admin(market.database, "compact", "--days", "0")
    report = station.worker.run_once()
    assert report is not None
    assert report.resynced
    assert station.count(m.JobRow, m.JobRow.id.in_([gone, victim])) == 0
    assert station.count(m.JobRow) == 39


def test_revoked_kiosk_stops_and_says_so(market: MarketServer, station: Station) -> None:
    assert station.worker.run_once() is not None
    terminal = station.worker.engine.client.credentials
    assert terminal is not None
    market_admin(market.database, "revoke", terminal.terminal_id)
    assert station.worker.run_once() is None
    assert station.worker.status.state == "revoked"
    assert station.worker.next_delay() >= 300


def test_check_tells_revoked_and_damaged_credentials_from_not_enrolled(
    market: MarketServer, station: Station
) -> None:
    from kiosk.check import diagnose

    def server_line() -> tuple[str, str]:
        found = diagnose(station.config, station.paths, None, None)
        line = next(f for f in found if f.name == "market server")
        return line.level, line.detail

    assert server_line()[0] == "ok"
    terminal = station.worker.engine.client.credentials
    assert terminal is not None
    market_admin(market.database, "revoke", terminal.terminal_id)
    level, detail = server_line()
    assert (level, "revoked") == ("FAIL", detail.split(": ")[1])
    station.paths.credentials.write_text('{"server_url": "http://x"', encoding="utf-8")
    level, detail = server_line()
    assert level == "FAIL"
    assert "damaged" in detail
    assert "not enrolled" not in detail
    station.paths.credentials.unlink()
    assert server_line()[0] == "warn"  # truly not enrolled: a warning, as before


def test_the_last_sync_time_survives_a_restart(station: Station) -> None:
    from kiosk.wiring import build_sync

    assert station.worker.run_once() is not None
    done = station.worker.status.last_sync
    assert done is not None
    again = build_sync(
        station.config, station.paths, station.backend, on_status=lambda _s: None, on_pulled=print
    )
    assert again is not None
    assert again.status.last_sync == done  # not "never" after a restart


def test_places_are_offered_minus_hired_and_applicants_are_shown_not_refused(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    """One rule on both sides (kiosk.domain.places): applying takes no place, hiring does."""
    market_admin(market.database, "import-demo", "--jobs", "20", "--today", today.isoformat())
    job_id = market_admin(
        market.database, "post-job", "--trade", "banyun", "--title", "t", "--wage", "300"
    ).strip()  # one place
    station.worker.run_once()
    backend = station.backend
    draft = ProfileDraft(skills={"banyun": 3}, expected_wage=250, phone="13812345678")
    backend.registration.register(SAMPLES["hmt_permit"], "CHIP-1", draft)
    first = backend.session.worker
    assert first is not None
    application = backend.jobs.apply(first, job_id)
    backend.registration.register(SAMPLES["resident_chinese"], "CHIP-2", draft)
    second = backend.session.worker
    assert second is not None
    station.worker.run_once()
    backend.jobs.refresh()
    with Session(backend.engine) as s:
        job = s.get(m.JobRow, job_id)
        assert job is not None
        assert (job.applicants, job.slots_taken) == (1, 0)  # applied: counted, no place taken
    offered = [x.candidate for x in backend.jobs.matches(second, limit=50)]
    assert [c.applicants for c in offered if c.job.id == job_id] == [1]

    market_admin(market.database, "hire", application)
    station.worker.run_once()
    backend.jobs.refresh()
    with Session(backend.engine) as s:
        job = s.get(m.JobRow, job_id)
        assert job is not None
        assert job.slots_taken == 1
    assert job_id not in [x.candidate.job.id for x in backend.jobs.matches(second, limit=50)]
    late = backend.jobs.apply(second, job_id)  # queued before this kiosk heard of the hire
    station.worker.run_once()
    with Session(backend.engine) as s:
        refused = s.get(m.ApplicationRow, late)
        assert refused is not None
        assert refused.status == "full"
    with pytest.raises(RuntimeError, match="already hired"):
        market_admin(market.database, "hire", application)
