"""After the job (issue 14): the wage-arrears complaint, the rating of the employer, the
market's decisions the worker has not heard, and the rights desk's next session. What the
complaint, pay and home screens call, on the DB worker."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from kiosk.domain.agreement_doc import DocumentError, read_document
from kiosk.domain.complaint import (
    CaseNews,
    Draft,
    RightsSession,
    new_case_no,
    of_terms,
)
from kiosk.domain.entities import Worker
from kiosk.domain.registry.trust import FACES, TAGS
from kiosk.services.ports import AuditLog, Clock

EMPLOYER_LIST = 60  # names on the complaint's employer list


class TrustStore(Protocol):
    """Where complaints and ratings are kept (``kiosk.store.trust.TrustRepository``)."""

    def agreements(self, worker_id: str) -> list[tuple[str, str, str]]:
        """(code, document, employer id), newest first."""
        ...

    def employers(self, limit: int) -> list[tuple[str, str]]:
        """(id, name) by name."""
        ...

    def case_about(self, agreement_code: str) -> str | None:
        """The first case filed here about an agreement."""
        ...

    def file(self, draft: Draft, worker_id: str, case_no: str, now: dt.datetime) -> str:
        """Keep and queue a complaint."""
        ...

    def news(self, worker_id: str) -> list[CaseNews]:
        """Decisions not yet told."""
        ...

    def told(self, news: CaseNews) -> None:
        """Mark a decision told."""
        ...

    def rate(
        self, code: str, worker_id: str, face: str, tags: dict[str, bool], now: dt.datetime
    ) -> None:
        """Keep and queue a rating."""
        ...

    def next_session(self, now: dt.datetime) -> RightsSession | None:
        """The rights desk's next session."""
        ...


@dataclass(frozen=True)
class Filed:
    """A complaint just filed: the number to keep (the first case's, when it joined one),
    and where help is next."""

    case_no: str
    joined: bool
    draft: Draft
    session: RightsSession | None


class ComplaintDesk:
    """Complaints and ratings for the worker on the card."""

    def __init__(self, store: TrustStore, clock: Clock, audit: AuditLog) -> None:
        self.store, self.clock, self.audit = store, clock, audit

    def choices(self, worker: Worker) -> list[Draft]:
        """A complaint about each of the worker's signed agreements, newest first (a
        damaged copy is left out: a technician's matter)."""
        out = []
        for _code, document, employer_id in self.store.agreements(worker.id):
            try:
                terms = read_document(document.encode()).terms
            except DocumentError:
                continue
            out.append(of_terms(terms, employer_id))
        return out

    def employers(self) -> list[tuple[str, str]]:
        """Employers to pick from when the complaint has no agreement."""
        return self.store.employers(EMPLOYER_LIST)

    def file(self, worker: Worker, draft: Draft) -> Filed:
        """Keep the complaint with a new case number; a second one about the same agreement
        gets the first's number to keep (the market joins them)."""
        now = self.clock.now()
        first = self.store.case_about(draft.agreement_code) if draft.agreement_code else None
        case_no = new_case_no()
        self.store.file(draft, worker.id, case_no, now)
        self.audit.append(now, "worker", "complaint_filed", "joined" if first else "new")
        return Filed(first or case_no, first is not None, draft, self.store.next_session(now))

    def news(self, worker: Worker) -> list[CaseNews]:
        """Decisions about the worker's complaints they have not heard here."""
        return self.store.news(worker.id)

    def told(self, news: CaseNews) -> None:
        """The worker heard it (shown and spoken)."""
        self.store.told(news)

    def next_session(self) -> RightsSession | None:
        """The rights desk's session now on or next."""
        return self.store.next_session(self.clock.now())

    def rate(self, worker: Worker, code: str, face: str, tags: dict[str, bool]) -> None:
        """The worker's rating of an agreement's employer (a face, and ticks)."""
        if face not in FACES or any(t not in TAGS for t in tags):
            raise ValueError("unknown face or tick")
        now = self.clock.now()
        self.store.rate(code, worker.id, face, tags, now)
        self.audit.append(now, "worker", "employer_rated", face)
