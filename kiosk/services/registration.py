"""Filing a profile for a card the kiosk does not know (with the holder's consent)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Protocol

from kiosk.domain.entities import Worker
from kiosk.domain.errors import CardErrorKind, CardReadError
from kiosk.domain.identity import Identity, identity_from_number
from kiosk.domain.profile import ProfileDraft
from kiosk.domain.registry import WorkerRegister
from kiosk.services.ports import AuditLog, Clock
from kiosk.services.session import Hasher, SessionService, SessionView


class RegistrationStore(Protocol):
    """The store's side of filing."""

    def bind_chip(self, worker_id: str, chip_hash: str, now: dt.datetime) -> None:
        """Bind a chip to a worker, with its outbox row."""
        ...

    def update_profile(self, worker: Worker, availability: str, now: dt.datetime) -> int:
        """Save edited choices with a worker.update outbox row."""
        ...

    def register(
        self, worker: Worker, chip_hash: str | None, availability: str, mutation: WorkerRegister
    ) -> None:
        """Insert worker, skills and outbox row together."""
        ...


class RegistrationService:
    """Turns a consented draft into a registered worker and starts their visit."""

    def __init__(
        self,
        store: RegistrationStore,
        session: SessionService,
        hasher: Hasher,
        clock: Clock,
        audit: AuditLog,
    ) -> None:
        self.store, self.session, self.hasher = store, session, hasher
        self.workers = session.workers
        self.clock, self.audit = clock, audit

    def draft_for_current(self) -> ProfileDraft | None:
        """The signed-in worker's choices, to edit (None without a worker)."""
        worker = self.session.worker
        if worker is None:
            return None
        return ProfileDraft(
            skills=dict(worker.skills),
            expected_wage=worker.expected_wage,
            phone=worker.phone,
            language=worker.preferred_lang,
            area=worker.home_place_code,
        )

    def update_current(self, draft: ProfileDraft) -> SessionView:
        """Save the signed-in worker's edited choices and refresh their visit."""
        worker = self.session.worker
        if worker is None:
            raise CardReadError(CardErrorKind.NOT_REGISTERED, "no worker signed in")
        if draft.problems():
            raise ValueError(", ".join(draft.problems()))
        edited = dataclasses.replace(
            worker,
            skills=dict(draft.skills),
            expected_wage=draft.expected_wage,
            phone=draft.phone,
            preferred_lang=draft.language,
            home_place_code=draft.area,
        )
        self.store.update_profile(edited, draft.availability, self.clock.now())
        self.audit.append(self.clock.now(), "worker", "profile_edited")
        view = self.session.start_for_worker(edited)
        assert view is not None
        return view

    def staff_identify(self, chip_serial: str, number: str, name: str) -> SessionView | Identity:
        """Staff typed the number and name of a chip-only card.

        A registered worker gets the chip bound and their visit started (the view is
        returned); anyone else gets an identity to file with (consent still theirs).
        """
        identity = identity_from_number(number, name, self.clock.now().date())
        worker = self.workers.by_id_hash(self.hasher("id", identity.number))
        if worker is None:
            return identity
        self.store.bind_chip(worker.id, self.hasher("chip", chip_serial), self.clock.now())
        self.audit.append(self.clock.now(), "staff", "card_bound")
        view = self.session.start_for_worker(worker)
        assert view is not None
        return view

    def register(self, identity: Identity, chip_serial: str, draft: ProfileDraft) -> SessionView:
        """Store the profile (keyed hashes and masked number only) and sign the worker in."""
        if draft.problems():
            raise ValueError(", ".join(draft.problems()))
        identity.check(self.clock.now().date())
        now = self.clock.now()
        worker = Worker(
            id=str(uuid.uuid4()),
            id_hash=self.hasher("id", identity.number),
            id_masked=identity.masked_number,
            name=identity.name,
            gender=identity.gender,
            nation_code=identity.nation_code,
            birth_year=identity.birth_date.year,
            phone=draft.phone,
            preferred_lang=draft.language,
            expected_wage=draft.expected_wage,
            home_place_code=draft.area,
            registered_at=now,
            skills=dict(draft.skills),
        )
        chip_hash = self.hasher("chip", chip_serial) if chip_serial else None
        mutation = WorkerRegister.of(worker, draft.availability, now.isoformat())
        self.store.register(worker, chip_hash, draft.availability, mutation)
        self.audit.append(now, "worker", "registered")
        view = self.session.start_for_worker(worker)
        if view is None:
            raise CardReadError(CardErrorKind.NOT_REGISTERED, "registration not found afterwards")
        return view
