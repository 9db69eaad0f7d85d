"""Employer credit at the market: the events the published rule (``kiosk.domain.credit``)
counts, gathered from what workers said and what staff decided, and the employer's record in
the change feed rewritten whenever its score, level, record or listing moves, so that every
kiosk has it at its next pull.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.complaint import Outcome
from kiosk.domain.credit import Credit, Event, Happened, credit, on_list, pay_event
from kiosk.domain.registry.trust import FACES, TAGS
from kiosk.domain.timeutil import LHASA_TZ
from market import feed
from market.models import Agreement, ArrearsListing, Complaint, PayAnswer, Rating, Record

FACE_EVENTS = dict(zip(FACES, (Event.RATED_GOOD, Event.RATED_OK, Event.RATED_BAD), strict=True))
UPHELD = tuple(o.value for o in Outcome if o.upheld)


def employer_of_agreement(s: Session, code: str) -> str | None:
    """The employer of the job an agreement is for (None: not known here)."""
    agreement = s.get(Agreement, code)
    if agreement is None:
        return None
    if agreement.employer_id is not None:
        return agreement.employer_id
    job = s.get(Record, ("jobs", agreement.job_id))
    return None if job is None else str(job.data.get("employer_id") or "") or None


def _day(when: dt.datetime) -> dt.date:
    return when.astimezone(LHASA_TZ).date()


def _ratings_of(s: Session, employer_id: str) -> list[Rating]:
    """Workers' ratings of the employer."""
    return list(
        s.scalars(
            select(Rating).where(
                Rating.employer_id == employer_id, Rating.direction == "worker_to_employer"
            )
        )
    )


def events(s: Session, employer_id: str, rated: list[Rating] | None = None) -> list[Happened]:
    """Every event in the employer's record (``rated``: its ratings, when already read)."""
    out: list[Happened] = []
    record = s.get(Record, ("employers", employer_id))
    imported = (record.data.get("credit_imported") if record is not None else None) or {}
    if imported:
        on = dt.date.fromisoformat(str(imported.get("on", "2026-01-01")))
        out.append(Happened(on, Event.IMPORTED, "district record", int(imported["points"])))
        out += [
            Happened(on, Event.COMPLAINT_UPHELD, "district record")
            for _ in range(int(imported.get("cases", 0)))
        ]
    answers: dict[str, list[PayAnswer]] = defaultdict(list)
    for a in s.scalars(
        select(PayAnswer)
        .join(Agreement, Agreement.code == PayAnswer.agreement_code)
        .where(Agreement.employer_id == employer_id, Agreement.superseded_by.is_(None))
        .order_by(PayAnswer.received_at, PayAnswer.id)
    ):
        answers[a.agreement_code].append(a)
    for code, given in answers.items():
        event = pay_event([a.answer for a in given])
        if event is not None:
            out.append(Happened(_day(given[-1].received_at), event, code))
    for c in s.scalars(
        select(Complaint).where(
            Complaint.employer_id == employer_id,
            Complaint.joined_to.is_(None),
            Complaint.outcome.in_(UPHELD),
        )
    ):
        out.append(Happened(_day(c.decided_at or c.received_at), Event.COMPLAINT_UPHELD, c.case_no))
    rows = _ratings_of(s, employer_id) if rated is None else rated
    out += [Happened(_day(r.received_at), FACE_EVENTS[r.face], r.agreement_code) for r in rows]
    return out


def listed(s: Session, employer_id: str, today: dt.date) -> bool:
    """Whether any of the employer's listings stands today."""
    return any(
        on_list(x.listed_on, x.paid_on, x.pledged, today)
        for x in s.scalars(select(ArrearsListing).where(ArrearsListing.employer_id == employer_id))
    )


def of(s: Session, employer_id: str, now: dt.datetime) -> Credit:
    """The employer's credit today, with the events that made it."""
    return credit(events(s, employer_id), listed=listed(s, employer_id, _day(now)))


def counts(rated: list[Rating]) -> dict[str, int]:
    """Workers' ratings of the employer as counts: faces and ticked tags."""
    out = dict.fromkeys((*FACES, *TAGS), 0)
    for r in rated:
        out[r.face] += 1
        for tag in TAGS:
            out[tag] += 1 if r.tags.get(tag) else 0
    return out


def refresh(s: Session, employer_id: str, now: dt.datetime) -> Credit | None:
    """Recompute the employer's credit and publish it if anything a kiosk shows moved."""
    found, _moved = _refresh(s, employer_id, now)
    return found


def _refresh(s: Session, employer_id: str, now: dt.datetime) -> tuple[Credit | None, bool]:
    """The credit, and whether the employer's record was rewritten."""
    record = s.get(Record, ("employers", employer_id))
    if record is None or record.deleted:
        return None, False
    s.flush()
    rated = _ratings_of(s, employer_id)
    found = credit(events(s, employer_id, rated), listed=listed(s, employer_id, _day(now)))
    shown: dict[str, Any] = {
        "credit_score": found.score,
        "credit_level": found.level,
        "unpaid_wage_cases": found.upheld,
        "on_arrears_list": found.listed,
        "ratings": counts(rated),
    }
    if all(record.data.get(k) == v for k, v in shown.items()):
        return found, False
    feed.write(s, "employers", employer_id, {**record.data, **shown}, now)
    return found, True


def refresh_all(s: Session, now: dt.datetime) -> int:
    """Recompute every employer (daily: a listing that ends today ends at every kiosk);
    how many records moved."""
    ids = list(
        s.scalars(
            select(Record.id).where(Record.collection == "employers", Record.deleted.is_(False))
        )
    )
    return sum(_refresh(s, employer_id, now)[1] for employer_id in ids)


def rate_employer(
    s: Session,
    *,
    rating_id: str,
    code: str,
    worker_id: str,
    face: str,
    tags: dict[str, bool],
    now: dt.datetime,
) -> str:
    """A worker's rating of the employer of their agreement (one per agreement: a second
    one replaces the first); the employer's record moves. Returns the employer's id."""
    employer_id = employer_of_agreement(s, code)
    if employer_id is None:
        raise LookupError(f"no agreement {code}")
    _rate(
        s,
        rating_id=rating_id,
        code=code,
        direction="worker_to_employer",
        worker_id=worker_id,
        employer_id=employer_id,
        face=face,
        tags=tags,
        now=now,
    )
    refresh(s, employer_id, now)
    return employer_id


def rate_worker(s: Session, code: str, face: str, tags: dict[str, bool], now: dt.datetime) -> None:
    """The employer's rating of the worker of an agreement (``market-admin rate-worker``);
    kiosks pull the worker's counts."""
    agreement = s.get(Agreement, code.strip().upper())
    employer_id = employer_of_agreement(s, code.strip().upper())
    if agreement is None or employer_id is None:
        raise LookupError(f"no agreement {code}")
    if face not in FACES:
        raise ValueError(f"face must be one of {', '.join(FACES)}")
    worker_id = agreement.worker_id
    _rate(
        s,
        rating_id=str(uuid.uuid4()),
        code=agreement.code,
        direction="employer_to_worker",
        worker_id=worker_id,
        employer_id=employer_id,
        face=face,
        tags=tags,
        now=now,
    )
    publish_worker_ratings(s, worker_id, now)


def publish_worker_ratings(s: Session, worker_id: str, now: dt.datetime) -> None:
    """Employers' ratings of the worker, counted by face, into the feed."""
    faces = dict.fromkeys(FACES, 0)
    for r in s.scalars(
        select(Rating).where(
            Rating.worker_id == worker_id, Rating.direction == "employer_to_worker"
        )
    ):
        faces[r.face] += 1
    feed.write(s, "worker_ratings", worker_id, {"worker_id": worker_id, **faces}, now)


def _rate(
    s: Session,
    *,
    rating_id: str,
    code: str,
    direction: str,
    worker_id: str,
    employer_id: str,
    face: str,
    tags: dict[str, bool],
    now: dt.datetime,
) -> None:
    found = s.scalar(
        select(Rating).where(Rating.agreement_code == code, Rating.direction == direction)
    )
    if found is None:
        found = Rating(id=rating_id, agreement_code=code, direction=direction)
        s.add(found)
    found.worker_id, found.employer_id, found.face = worker_id, employer_id, face
    found.tags, found.received_at = dict(tags), now
    s.flush()


def put_on_list(
    s: Session, employer_id: str, listed_on: dt.date, reason: str, now: dt.datetime
) -> Credit:
    """List an employer for unpaid wages: its jobs leave every kiosk at the next pull."""
    if s.get(Record, ("employers", employer_id)) is None:
        raise LookupError(f"unknown employer {employer_id}")
    s.add(
        ArrearsListing(employer_id=employer_id, listed_on=listed_on, reason=reason, pledged=False)
    )
    found = refresh(s, employer_id, now)
    assert found is not None
    return found


def paid_up(
    s: Session, employer_id: str, paid_on: dt.date, *, pledged: bool, now: dt.datetime
) -> Credit:
    """The listed employer paid in full (with a pledge: off the list six months later)."""
    rows = list(s.scalars(select(ArrearsListing).where(ArrearsListing.employer_id == employer_id)))
    if not rows:
        raise LookupError(f"employer {employer_id} is not listed")
    for row in rows:
        row.paid_on, row.pledged = paid_on, pledged
    found = refresh(s, employer_id, now)
    assert found is not None
    return found
