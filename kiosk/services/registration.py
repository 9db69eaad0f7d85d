"""Filing a profile for a card the kiosk does not know (with the holder's consent)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import uuid
from collections.abc import Callable
from typing import Any, Protocol

from kiosk.domain.entities import Worker
from kiosk.domain.errors import CardErrorKind, CardReadError
from kiosk.domain.identity import Identity, identity_from_number
from kiosk.domain.privacy import district_known
from kiosk.domain.profile import ProfileDraft
from kiosk.domain.registry import ProfileFields, WorkerRegister
from kiosk.services.ports import AuditLog, Clock
from kiosk.services.session import Hasher, SessionService, SessionView

log = logging.getLogger(__name__)


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

    def adopt(self, worker: Worker, chip_hash: str | None, availability: str, version: int) -> None:
        """Keep a worker filed at another station (the chip bound here queued)."""
        ...


MarketLookup = Callable[[str], "dict[str, Any] | None"]  # look-up hash -> profile or None


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
        # Asks the market for a card this kiosk does not know (set once enrolled; called
        # off the GUI thread and off the DB worker, since it waits on the network).
        self.market_lookup: MarketLookup | None = None

    def can_ask_market(self) -> bool:
        """An unknown card may have been filed at another station, and the market can say."""
        return self.market_lookup is not None and district_known(self.hasher)

    def find_at_market(self, identity: Identity) -> dict[str, Any] | None:
        """The profile another station filed for this card, or None (not filed anywhere,
        or the market could not be asked: then it is filed here, and merged later)."""
        lookup = self.market_lookup
        if lookup is None or not district_known(self.hasher):
            return None
        try:
            found = lookup(self.hasher("id", identity.number))
            if found is not None:
                ProfileFields.from_wire(found)  # a profile as they travel, or PayloadError
        except Exception as exc:  # noqa: BLE001 - offline, refused, unusable: file here
            log.info("market look-up not answered: %s", type(exc).__name__)
            return None
        action = "found_at_market" if found else "new_at_market"
        self.audit.append(self.clock.now(), "worker", action)
        return found

    def adopt(self, identity: Identity, chip_serial: str, found: dict[str, Any]) -> SessionView:
        """Keep the worker the market found for this card and start their visit (they
        consented when they were filed; nothing is filed twice)."""
        identity.check(self.clock.now().date())
        now = self.clock.now()
        fields = ProfileFields.from_wire(found)  # checked by find_at_market already
        draft = ProfileDraft(
            skills=dict(fields.skills),
            expected_wage=fields.expected_wage,
            availability=fields.availability,
            phone=fields.phone,
            language=fields.language,
            area=fields.area,
        )
        worker = self._worker(str(found["worker_id"]), identity, draft, now)
        chip_hash = self.hasher("chip", chip_serial) if chip_serial else None
        availability = draft.availability
        self.store.adopt(worker, chip_hash, availability, int(found.get("version") or 0))
        self.audit.append(now, "worker", "adopted")
        view = self.session.start_for_worker(worker)
        assert view is not None
        return view

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
        worker = self.session.by_number(identity.number)
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
        worker = self._worker(str(uuid.uuid4()), identity, draft, now)
        chip_hash = self.hasher("chip", chip_serial) if chip_serial else None
        mutation = WorkerRegister.of(worker, draft.availability, now.isoformat())
        self.store.register(worker, chip_hash, draft.availability, mutation)
        self.audit.append(now, "worker", "registered")
        view = self.session.start_for_worker(worker)
        if view is None:
            raise CardReadError(CardErrorKind.NOT_REGISTERED, "registration not found afterwards")
        return view

    def _worker(
        self, worker_id: str, identity: Identity, draft: ProfileDraft, now: dt.datetime
    ) -> Worker:
        """The worker of this card with these choices (keyed hash and masked number only)."""
        return Worker(
            id=worker_id,
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
