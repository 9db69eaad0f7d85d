"""Signing an agreement at the kiosk: staff pick an application, the terms are drafted from
it, each party confirms who they are with a card tap (or, for an employer, staff check the
registered phone) and signs on the pad; the signed agreement is kept with its outbox
mutation in one transaction (``kiosk.store.agreements``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from kiosk.domain.agreement import (
    PERSON_KINDS,
    EmployerParty,
    Problem,
    SignedAgreement,
    SignerRecord,
    Terms,
    WorkerParty,
    changes,
    problems,
)
from kiosk.domain.errors import SigningError, SigningErrorKind
from kiosk.domain.privacy import every_hash
from kiosk.domain.signing import Parties, Signable
from kiosk.idcard.events import CardPresented
from kiosk.services.agreements import Where, draft
from kiosk.services.ports import AuditLog, Clock

Hasher = Callable[[str, str], str]  # (kind, value) -> keyed hash
MAX_LISTED = 30  # open applications staff choose from (soonest first)


class AgreementStore(Protocol):
    """Where agreements are kept (``kiosk.store.agreements.AgreementRepository`` fits)."""

    def signable(self, ending_after: dt.datetime, limit: int) -> list[Signable]:
        """Open applications with no agreement yet."""
        ...

    def parties(self, application_id: str) -> Parties | None:
        """What one open application's agreement is drafted from."""
        ...

    def save(
        self, agreement: SignedAgreement, *, worker_id: str, employer_id: str, now: dt.datetime
    ) -> str:
        """Keep a signed agreement and queue it for the market."""
        ...

    def status(self, code: str) -> str | None:
        """Whether the market has it."""
        ...

    def document(self, code: str) -> bytes | None:
        """The signed document."""
        ...

    def printed(self, code: str, now: dt.datetime) -> None:
        """Mark it printed."""
        ...


@dataclass(frozen=True)
class Draft:
    """An agreement being signed: the terms as posted, and who its parties are."""

    parties: Parties
    posted: Terms

    @property
    def employer_phone_masked(self) -> str:
        """The employer's registered phone as staff read it out (the middle hidden)."""
        phone = self.parties.employer.phone
        return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 11 else ""


@dataclass(frozen=True)
class Printing:
    """How this station prints its agreements (``[printer]`` and ``[agreement]``)."""

    paper: str = "a4"
    copies: int = 2  # one for each party
    verify_base: Callable[[], str | None] = lambda: None


class SigningDesk:
    """What the signing screens call (on the DB worker)."""

    def __init__(  # noqa: PLR0917 - the desk's collaborators, wired once
        self,
        repo: AgreementStore,
        hasher: Hasher,
        clock: Clock,
        audit: AuditLog,
        where: Where,
        min_hourly: int,
        printing: Printing | None = None,
    ) -> None:
        self.repo, self.hasher, self.clock, self.audit = repo, hasher, clock, audit
        self.where, self.min_hourly = where, min_hourly
        self.printing = printing or Printing()

    def waiting(self) -> list[Signable]:
        """Open applications with no agreement yet, soonest job first."""
        return self.repo.signable(self.clock.now(), MAX_LISTED)

    def open(self, application_id: str) -> Draft:
        """The draft terms for one application."""
        parties = self.repo.parties(application_id)
        if parties is None:
            raise SigningError(SigningErrorKind.GONE)
        employer = parties.employer
        posted = draft(
            parties.job,
            WorkerParty(parties.worker_name, parties.worker_masked, parties.worker_phone),
            EmployerParty(
                employer.name,
                "person" if employer.kind in PERSON_KINDS else "company",
                employer.id_or_code,
                employer.phone,
                employer.address,
            ),
            self.where,
            application_id=application_id,
        )
        return Draft(parties, posted)

    def problems(self, terms: Terms) -> list[Problem]:
        """Every rule the terms break today (empty: they may be signed)."""
        return problems(terms, min_hourly=self.min_hourly, today=self.clock.now().date())

    def _card_hash(self, card: CardPresented) -> str:
        if card.identity is not None:
            return self.hasher("id", card.identity.number)
        return self.hasher("chip", card.chip_serial)

    def _is_worker(self, d: Draft, card: CardPresented) -> bool:
        p = d.parties
        if card.identity is not None:
            return p.worker_id_hash in every_hash(self.hasher, "id", card.identity.number)
        return p.worker_chip_hash is not None and self.hasher("chip", card.chip_serial) == (
            p.worker_chip_hash
        )

    def confirm_worker(self, d: Draft, card: CardPresented) -> str:
        """The worker's own card: the keyed hash their signature record keeps."""
        if not self._is_worker(d, card):
            raise SigningError(SigningErrorKind.NOT_THIS_WORKER)
        return self._card_hash(card)

    def confirm_employer(self, d: Draft, card: CardPresented) -> str:
        """The employer's card (anyone's but the worker's): its keyed hash."""
        if self._is_worker(d, card):
            raise SigningError(SigningErrorKind.WORKER_CARD)
        return self._card_hash(card)

    def phone_checked(self, d: Draft) -> str:
        """Staff checked the employer's registered phone: its keyed hash."""
        phone = d.parties.employer.phone
        if not phone:
            raise SigningError(SigningErrorKind.NO_PHONE)
        return self.hasher("phone", phone)

    def sign(
        self, d: Draft, terms: Terms, worker: SignerRecord, employer: SignerRecord
    ) -> SignedAgreement:
        """Keep the signed agreement and queue it for the market (all or nothing)."""
        if self.problems(terms):
            raise SigningError(SigningErrorKind.NOT_SIGNABLE)
        if self.repo.parties(d.parties.application_id) is None:
            raise SigningError(SigningErrorKind.GONE)
        agreement = SignedAgreement(terms, worker, employer, tuple(changes(d.posted, terms)))
        now = self.clock.now()
        self.repo.save(
            agreement, worker_id=d.parties.worker_id, employer_id=d.parties.employer.id, now=now
        )
        self.audit.append(now, "staff", "agreement_signed", terms.code)
        return agreement

    def status(self, code: str) -> str | None:
        """Whether the market has it: "pending", "sent", "rejected" (None: unknown)."""
        return self.repo.status(code)

    def document(self, code: str) -> bytes | None:
        """The signed document, for a reprint."""
        return self.repo.document(code)

    def printed(self, code: str) -> None:
        """The agreement came off the printer: no longer on staff's "to print" list."""
        self.repo.printed(code, self.clock.now())
