"""A worker files, applies for a job and signs its agreement at an enrolled test kiosk."""

from __future__ import annotations

import datetime as dt

from kiosk.domain.agreement import (
    EmployerParty,
    SignedAgreement,
    SignerRecord,
    WorkerParty,
    amend,
    changes,
)
from kiosk.domain.profile import ProfileDraft
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.idcard.demo import SAMPLES
from kiosk.services.agreements import draft, sample_strokes
from kiosk.store.agreements import AgreementRepository
from kiosk.wiring import agreement_place
from tests.helpers.market import market_admin
from tests.helpers.syncrig import Station


def signed_for(station: Station, today: dt.date) -> tuple[SignedAgreement, str, str]:
    """A worker files, applies for a job and signs its agreement (worker id, employer id)."""
    backend = station.backend
    profile = ProfileDraft(skills={"banyun": 3}, expected_wage=250, phone="13812345678")
    backend.registration.register(SAMPLES["hmt_permit"], "CHIP-1", profile)
    worker = backend.session.worker
    assert worker is not None
    job = backend.jobs.matches(worker)[0].candidate.job
    application_id = backend.jobs.apply(worker, job.id)
    party = EmployerParty(
        "拉萨吉祥商贸有限公司", "company", "91540100MA6T****0X", "13989001122", "金珠西路 88 号"
    )
    posted = draft(
        job,
        WorkerParty(worker.name, worker.id_masked, "13812345678"),
        party,
        agreement_place(station.config),
        application_id=application_id,
    )
    terms = amend(posted, wage=posted.wage + 20)
    at = dt.datetime.combine(today, dt.time(9, 30), LHASA_TZ)
    signers = [
        SignerRecord(role, method, "a" * 64, sample_strokes(i).record(), at)
        for i, (role, method) in enumerate((("worker", "card"), ("employer", "phone")))
    ]
    agreement = SignedAgreement(terms, *signers, tuple(changes(posted, terms)))
    return agreement, worker.id, job.employer_id


def signed_and_synced(station: Station, database: str, today: dt.date) -> SignedAgreement:
    """Demo jobs at the market, pulled; an agreement signed, kept and sent to the market."""
    market_admin(database, "import-demo", "--jobs", "50", "--today", today.isoformat())
    station.worker.run_once()
    agreement, worker_id, employer_id = signed_for(station, today)
    AgreementRepository(station.backend.engine).save(
        agreement, worker_id=worker_id, employer_id=employer_id, now=dt.datetime.now(LHASA_TZ)
    )
    station.worker.run_once()
    return agreement
