"""After the job end to end, on SQLite and PostgreSQL: the pay question answered "not paid",
a wage-arrears complaint with its case number, synced exactly once, a second complaint about
the same agreement joining the first, staff at the market resolving the case with
``market-admin``, the decision reaching the kiosk for the worker's next visit, and the
employer's credit explained by the events that made it. And the unpaid-wage list: an
employer put on it leaves both kiosks' job lists within one sync."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import text

from kiosk.domain.pay import PayAnswer
from kiosk.domain.profile import ProfileDraft
from kiosk.idcard.demo import SAMPLES
from kiosk.services.pay import PayDesk
from kiosk.store import models as m
from kiosk.store.pay import PayRepository
from market.models import Complaint
from tests.helpers.agreements import signed_and_synced
from tests.helpers.fakes import FakeClock
from tests.helpers.market import MarketServer, market_admin, server_rows
from tests.helpers.syncrig import Station, enrol


def _complaints(database: str, *args: str) -> list[dict[str, object]]:
    out = market_admin(database, "complaints", *args)
    return [json.loads(line) for line in out.splitlines()]


def test_a_complaint_reaches_the_market_once_and_its_outcome_comes_back(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    agreement = signed_and_synced(station, market.database, today)
    backend = station.backend
    worker = backend.session.worker
    assert worker is not None
    later = FakeClock(
        dt.datetime.combine(agreement.terms.end_date, dt.time(10), backend.clock.now().tzinfo)
        + dt.timedelta(days=1)
    )
    pay = PayDesk(PayRepository(backend.engine), later, backend.audit)
    question = pay.question(worker)
    assert question is not None
    pay.answer(worker, question.code, PayAnswer.UNPAID)

    desk = backend.complaints
    (draft,) = desk.choices(worker)
    assert draft.agreement_code == agreement.terms.code
    assert draft.amount == agreement.terms.wage * agreement.terms.days  # the agreement's total
    filed = desk.file(worker, draft)
    assert not filed.joined
    assert station.count(m.ComplaintRow, m.ComplaintRow.status == "pending") == 1
    report = station.worker.run_once()
    assert report is not None
    assert report.rejected == 0
    assert station.count(m.ComplaintRow, m.ComplaintRow.status == "sent") == 1

    # A lost reply: sent again, kept once.
    with backend.engine.begin() as conn:
        conn.execute(text("UPDATE outbox SET state='pending', batch_uuid=NULL"))
    station.worker.run_once()
    assert server_rows(market.database, Complaint) == 1
    (case,) = _complaints(market.database, "--status", "open")
    assert case["case"] == filed.case_no
    assert case["agreement"] == agreement.terms.code
    assert case["amount"] == draft.amount
    assert case["employer"] is not None
    employer = str(case["employer"])

    # A second complaint about the same agreement keeps the first's number, and joins it.
    again = desk.file(worker, draft)
    assert again.joined
    assert again.case_no == filed.case_no
    station.worker.run_once()
    cases = _complaints(market.database)
    assert len(cases) == 2
    assert [c["joined_to"] for c in cases] == [None, filed.case_no]

    assert desk.news(worker) == []  # open: nothing to tell yet
    before = market_admin(market.database, "credit", employer)
    out = market_admin(market.database, "resolve", filed.case_no, "--outcome", "paid")
    assert "resolved" in out
    assert _complaints(market.database, "--status", "open") == []
    station.worker.run_once()
    (news,) = desk.news(worker)  # the joined one is the same case: told once
    assert (news.case_no, news.status, news.outcome) == (filed.case_no, "resolved", "paid")
    desk.told(news)
    assert desk.news(worker) == []  # heard: not told again

    after = market_admin(market.database, "credit", employer)
    assert f"complaint_upheld  -20  {filed.case_no}" in after
    assert f"unpaid            -10  {agreement.terms.code}" in after
    score_before = int(before.split("score ")[1].split(",")[0])
    score_after = int(after.split("score ")[1].split(",")[0])
    assert score_after == max(0, score_before - 20)
    with backend.engine.connect() as conn:
        row = conn.execute(
            text("SELECT credit_score, unpaid_wage_cases FROM employers WHERE id = :i"),
            {"i": employer},
        ).one()
    score, cases = row
    assert score == score_after  # pulled with the case
    assert cases >= 1


def test_a_complaint_without_agreement_or_employer_files_and_staff_complete_it(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    from kiosk.domain.complaint import Draft

    market_admin(market.database, "import-demo", "--jobs", "30", "--today", today.isoformat())
    station.worker.run_once()
    backend = station.backend
    backend.registration.register(
        SAMPLES["resident_tibetan"], "CHIP-2", ProfileDraft(skills={"banyun": 1})
    )
    worker = backend.session.worker
    assert worker is not None
    filed = backend.complaints.file(worker, Draft(None, None, "", 1200, None, None, ""))
    station.worker.run_once()
    (case,) = _complaints(market.database)
    assert case["needs_staff"] is True
    employer_id, _name = backend.complaints.employers()[0]
    out = market_admin(market.database, "complete", filed.case_no, "--employer", employer_id)
    assert employer_id in out
    assert _complaints(market.database)[0]["needs_staff"] is False


def test_an_employer_put_on_the_list_leaves_every_kiosk_within_one_sync(
    market: MarketServer, station: Station, today: dt.date, tmp_path: Path
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "60", "--today", today.isoformat())
    other = enrol(tmp_path / "kiosk2", market.url, market.database, "station-2")
    try:
        kiosks = (station, other)
        for k in kiosks:
            k.worker.run_once()
        for k in kiosks:
            k.backend.registration.register(
                SAMPLES["resident_tibetan"], "CHIP-2", ProfileDraft(skills={"banyun": 1})
            )

        def offered(k: Station) -> set[str]:
            worker = k.backend.session.worker
            assert worker is not None
            return {mt.candidate.employer.id for mt in k.backend.jobs.matches(worker, limit=500)}

        employer = sorted(offered(station) & offered(other))[0]
        out = market_admin(market.database, "arrears-list", employer, "--reason", "test")
        assert "level X" in out
        for k in kiosks:
            k.worker.run_once()  # one sync each
        for k in kiosks:
            assert employer not in offered(k)
            assert (
                k.count(m.EmployerRow, m.EmployerRow.id == employer, m.EmployerRow.on_arrears_list)
                == 1
            )
        # Paid in full with a pledge: six months on, off the list (credit-refresh, daily).
        paid = today - dt.timedelta(days=200)
        market_admin(
            market.database, "arrears-paid", employer, "--on", paid.isoformat(), "--pledge"
        )
        station.worker.run_once()
        assert employer in offered(station)
    finally:
        other.close()


def test_ratings_both_ways_reach_the_other_side_as_counts(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    from kiosk.domain.credit import Faces
    from market.models import Rating

    agreement = signed_and_synced(station, market.database, today)
    backend = station.backend
    worker = backend.session.worker
    assert worker is not None
    code = agreement.terms.code
    backend.complaints.rate(worker, code, "ok", {})
    backend.complaints.rate(worker, code, "good", {"on_time": True, "safe": True})  # changed
    report = station.worker.run_once()
    assert report is not None
    assert report.rejected == 0
    assert server_rows(market.database, Rating) == 1  # one rating an agreement: the latest
    with backend.engine.connect() as conn:
        employer, ratings = conn.execute(
            text(
                "SELECT e.id, e.ratings FROM employers e JOIN jobs j ON j.employer_id = e.id "
                "WHERE j.id = :job"
            ),
            {"job": agreement.terms.job_id},
        ).one()
    counts = json.loads(ratings) if isinstance(ratings, str) else ratings
    assert counts == {"good": 1, "ok": 0, "bad": 0, "on_time": 1, "as_described": 0, "safe": 1}
    assert "rated_good" in market_admin(market.database, "credit", employer)

    assert backend.jobs.rating(worker) == Faces()
    market_admin(market.database, "rate-worker", code, "--face", "good")
    station.worker.run_once()
    assert backend.jobs.rating(worker) == Faces(good=1)
