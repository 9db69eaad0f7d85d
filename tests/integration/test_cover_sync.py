"""Accident cover end to end, on SQLite and PostgreSQL: staff post a job with the
employer's policy; a kiosk pulls it; the job's detail names insurer, sum and claim line and
the agreement drafted from it names the policy; a job posted with half a cover is refused
with the flags it lacks."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.domain.agreement import EmployerParty, WorkerParty
from kiosk.domain.profile import ProfileDraft
from kiosk.idcard.demo import SAMPLES
from kiosk.services.agreements import draft
from kiosk.wiring import agreement_place
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.syncrig import Station

COVER = ["--insurer", "示例保险公司", "--policy", "P-2026-001", "--sum-insured", "300000"]


def test_a_jobs_cover_reaches_the_kiosk_and_its_agreement(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "20", "--today", today.isoformat())
    start = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(8)).isoformat()
    args = ["post-job", "--trade", "hangong", "--title", "焊工（有保险）", "--wage", "400"]
    args += ["--start", start, "--place", "market", *COVER]
    with pytest.raises(RuntimeError, match="missing --claim-phone"):
        market_admin(market.database, *args)
    job_id = market_admin(market.database, *args, "--claim-phone", "0891-6000001").strip()
    station.worker.run_once()
    backend = station.backend
    backend.registration.register(
        SAMPLES["resident_tibetan"], "CHIP-C", ProfileDraft(skills={"hangong": 5})
    )
    worker = backend.session.worker
    assert worker is not None
    (match,) = [
        mt for mt in backend.jobs.matches(worker, limit=500) if mt.candidate.job.id == job_id
    ]
    cover = match.candidate.job.cover
    assert cover is not None
    assert (cover.insurer, cover.sum_insured, cover.claim_phone) == (
        "示例保险公司",
        300_000,
        "0891-6000001",
    )
    party = EmployerParty("示例公司", "company", "91540100MA6T****0X", "13989001122", "拉萨")
    terms = draft(
        match.candidate.job,
        WorkerParty(worker.name, worker.id_masked, ""),
        party,
        agreement_place(station.config),
        application_id=None,
    )
    assert terms.insurance_policy == cover.policy_line
    assert "P-2026-001" in (terms.insurance_policy or "")
