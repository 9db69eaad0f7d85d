"""Pay answers in the kiosk's database: each kept with its outbox mutation in one
transaction; the agreements a worker has not yet been asked about."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ColumnElement, Engine, exists, insert, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from kiosk.domain.pay import PayAnswer
from kiosk.domain.registry import PayConfirm
from kiosk.store import models as m
from kiosk.store.outbox import queue_mutation


def still_unpaid(
    code: ColumnElement[str | None] | InstrumentedAttribute[str | None],
) -> ColumnElement[bool]:
    """The agreement with this code was answered "not paid" and not "paid" or "partly"
    since (what fairness leaves out of paid days, and what staff count)."""
    answered = m.PayAnswerRow.agreement_code == code
    unpaid = exists().where(answered, m.PayAnswerRow.answer == PayAnswer.UNPAID.value)
    paid = exists().where(
        answered,
        m.PayAnswerRow.answer.in_((PayAnswer.PAID.value, PayAnswer.PARTLY.value)),
    )
    return unpaid & ~paid


def signed_of(worker_id: str) -> list[ColumnElement[bool]]:
    """The worker's signed agreements that no later one corrects (the pay question asks
    about them; a complaint may name them)."""
    corrected = (
        select(m.AgreementRow.supersedes_code)
        .where(m.AgreementRow.supersedes_code.is_not(None))
        .scalar_subquery()
    )
    return [
        m.AgreementRow.worker_id == worker_id,
        m.AgreementRow.code.is_not(None),
        m.AgreementRow.document.is_not(None),
        m.AgreementRow.code.not_in(corrected),
    ]


class PayRepository:
    """Keeps pay answers; finds the signed agreements still without one."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def unanswered(self, worker_id: str) -> list[tuple[str, str]]:
        """(code, signed document) of the worker's agreements with no pay answer yet and
        not corrected by a later one, oldest signature first (the code breaks ties)."""
        answered = exists().where(m.PayAnswerRow.agreement_code == m.AgreementRow.code)
        with Session(self.engine) as s:
            rows = s.execute(
                select(m.AgreementRow.code, m.AgreementRow.document)
                .where(*signed_of(worker_id), ~answered)
                .order_by(m.AgreementRow.signed_at, m.AgreementRow.code)
            ).all()
        return [(code, document) for code, document in rows if code and document]

    def save(self, code: str, worker_id: str, answer: PayAnswer, now: dt.datetime) -> str:
        """Keep the answer and queue it for the market; its id."""
        answer_id = str(uuid.uuid4())
        with self.engine.begin() as conn:
            conn.execute(
                insert(m.PayAnswerRow).values(
                    id=answer_id,
                    agreement_code=code,
                    worker_id=worker_id,
                    answer=answer.value,
                    answered_at=now.replace(tzinfo=None),
                    status="pending",
                )
            )
            queue_mutation(conn, PayConfirm(answer_id, code, worker_id, answer.value), now)
        return answer_id

    def answers(self, code: str) -> list[str]:
        """Every answer given about an agreement, oldest first."""
        with Session(self.engine) as s:
            return list(
                s.scalars(
                    select(m.PayAnswerRow.answer)
                    .where(m.PayAnswerRow.agreement_code == code)
                    .order_by(m.PayAnswerRow.answered_at, m.PayAnswerRow.id)
                )
            )
