"""Signed agreements in the kiosk's database: the row and its outbox mutation in one
transaction (a crash leaves nothing or the whole signed agreement), never changed after."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from kiosk.domain.agreement import SignedAgreement
from kiosk.domain.registry import AgreementSign
from kiosk.store import models as m
from kiosk.store.outbox import queue_mutation


class AgreementRepository:
    """Keeps signed agreements and says whether the market has them."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save(
        self,
        agreement: SignedAgreement,
        *,
        worker_id: str,
        employer_id: str,
        now: dt.datetime,
    ) -> str:
        """Keep a signed agreement and queue it for the market; its id."""
        terms = agreement.terms
        agreement_id = str(uuid.uuid4())
        document = agreement.document().decode()
        with self.engine.begin() as conn:
            conn.execute(
                insert(m.AgreementRow).values(
                    id=agreement_id,
                    application_id=terms.application_id,
                    worker_id=worker_id,
                    employer_id=employer_id,
                    job_id=terms.job_id,
                    template_version=terms.template,
                    text_sha256=agreement.fingerprint,
                    signed_at=agreement.signed_at.replace(tzinfo=None),
                    code=terms.code,
                    document=document,
                    status="pending",
                    supersedes_code=terms.supersedes,
                )
            )
            queue_mutation(
                conn,
                AgreementSign(
                    agreement_id=agreement_id,
                    code=terms.code,
                    worker_id=worker_id,
                    job_id=terms.job_id,
                    document=document,
                    fingerprint=agreement.fingerprint,
                    application_id=terms.application_id,
                    supersedes=terms.supersedes,
                ),
                now,
            )
        return agreement_id

    def status(self, code: str) -> str | None:
        """ "pending" (not yet at the market), "sent", "rejected", or None when unknown."""
        with Session(self.engine) as s:
            return s.scalar(select(m.AgreementRow.status).where(m.AgreementRow.code == code))

    def document(self, code: str) -> bytes | None:
        """The signed document, exactly as signed (for a reprint)."""
        with Session(self.engine) as s:
            text = s.scalar(select(m.AgreementRow.document).where(m.AgreementRow.code == code))
        return text.encode() if text is not None else None
