"""The pay question end to end, on SQLite and PostgreSQL: after an agreement's pay date the
worker is asked; the answer is kept with its outbox row, reaches the market exactly once
(sent again after a lost reply, it does not double), and the worker is not asked again.
The market refuses an answer about an agreement it does not know."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from kiosk.domain.pay import PayAnswer
from kiosk.domain.registry import PayConfirm
from kiosk.services.pay import PayDesk
from kiosk.store import models as m
from kiosk.store.outbox import queue_mutation
from kiosk.store.pay import PayRepository
from market.models import PayAnswer as ServerPayAnswer
from tests.helpers.agreements import signed_and_synced
from tests.helpers.fakes import FakeClock
from tests.helpers.market import MarketServer, server_rows
from tests.helpers.syncrig import Station


def test_the_worker_is_asked_after_the_pay_date_and_the_answer_syncs_once(
    market: MarketServer, station: Station, today: dt.date
) -> None:
    agreement = signed_and_synced(station, market.database, today)
    backend = station.backend
    worker = backend.session.worker
    assert worker is not None
    repo = PayRepository(backend.engine)
    due = agreement.terms.end_date
    on_the_day = FakeClock(dt.datetime.combine(due, dt.time(20, 0), backend.clock.now().tzinfo))
    assert PayDesk(repo, on_the_day, backend.audit).question(worker) is None  # not yet
    later = FakeClock(on_the_day.now() + dt.timedelta(days=1))
    desk = PayDesk(repo, later, backend.audit)
    question = desk.question(worker)
    assert question is not None
    assert question.code == agreement.terms.code
    assert question.wage == agreement.terms.wage

    desk.answer(worker, question.code, PayAnswer.UNPAID)
    assert desk.question(worker) is None  # answered: not asked again
    assert station.count(m.PayAnswerRow, m.PayAnswerRow.status == "pending") == 1
    report = station.worker.run_once()
    assert report is not None
    assert report.rejected == 0
    assert station.count(m.PayAnswerRow, m.PayAnswerRow.status == "sent") == 1
    assert server_rows(market.database, ServerPayAnswer) == 1
    assert server_rows(market.database, ServerPayAnswer, ServerPayAnswer.answer == "unpaid") == 1

    # A lost reply: sent again, kept once.
    with backend.engine.begin() as conn:
        conn.execute(text("UPDATE outbox SET state='pending', batch_uuid=NULL"))
    station.worker.run_once()
    assert server_rows(market.database, ServerPayAnswer) == 1

    # An answer about an agreement the market never saw is refused, and staff can see it.
    with backend.engine.begin() as conn:
        queue_mutation(conn, PayConfirm("x-1", "ZZZZ-ZZZZ", worker.id, "paid"), later.now())
    report = station.worker.run_once()
    assert report is not None
    assert report.rejected == 1
    assert server_rows(market.database, ServerPayAnswer) == 1
