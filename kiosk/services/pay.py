"""The pay question (issue 14): which signed agreement to ask a worker about at their tap,
and keeping the answer (synced to the market as ``pay.confirm``)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from kiosk.domain.agreement_doc import DocumentError, read_document
from kiosk.domain.entities import Worker
from kiosk.domain.pay import PayAnswer, PayQuestion, ask
from kiosk.services.ports import AuditLog, Clock


class PayStore(Protocol):
    """Where pay answers are kept (``kiosk.store.pay.PayRepository`` fits)."""

    def unanswered(self, worker_id: str) -> list[tuple[str, str]]:
        """(code, signed document) of agreements with no answer yet."""
        ...

    def save(self, code: str, worker_id: str, answer: PayAnswer, now: dt.datetime) -> str:
        """Keep an answer and queue it."""
        ...


class PayDesk:
    """What the pay question screen calls (on the DB worker)."""

    def __init__(self, store: PayStore, clock: Clock, audit: AuditLog) -> None:
        self.store, self.clock, self.audit = store, clock, audit

    def question(self, worker: Worker) -> PayQuestion | None:
        """The oldest signed agreement whose pay date has passed and that the worker has
        not answered about (None: nothing to ask)."""
        today = self.clock.now().date()
        for _code, document in self.store.unanswered(worker.id):
            try:
                terms = read_document(document.encode()).terms
            except DocumentError:
                continue  # a damaged copy is a technician's matter, not the worker's
            if ask(terms, today):
                return PayQuestion.of(terms)
        return None

    def answer(self, worker: Worker, code: str, answer: PayAnswer) -> None:
        """Keep what the worker said (audited without personal data)."""
        now = self.clock.now()
        self.store.save(code, worker.id, answer, now)
        self.audit.append(now, "worker", "pay_answered", answer.value)
