"""Every collection a kiosk pulls from the market's change feed, declared once.

For each: its name on the wire, the kiosk table and key, the columns that carry times, the
references a row must (or may) resolve before it is kept, and whether a full re-pull sweeps
away rows the server no longer has. Order matters: a job names its trade, employer and place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Ref:
    """A column naming a row of another collection: required (else the row is skipped) or
    optional (else the column is cleared)."""

    column: str
    collection: str
    required: bool = True


@dataclass(frozen=True)
class Collection:
    """One pulled collection."""

    name: str
    table: str
    key: str
    datetimes: tuple[str, ...] = ()
    refs: tuple[Ref, ...] = ()
    swept: bool = False  # after a full re-pull, rows the server lacks are removed
    stamped: str | None = None  # a column set to the time of the pull
    kept_when_used: str | None = None  # "table.column" that may point at a row: kept, withdrawn


COLLECTIONS: Mapping[str, Collection] = {
    c.name: c
    for c in (
        Collection("job_types", "job_types", "code"),
        Collection("places", "places", "code"),
        Collection(
            "employers", "employers", "id", ("updated_at",), swept=True, stamped="updated_at"
        ),
        Collection(
            "trainings",
            "trainings",
            "id",
            ("starts_at", "ends_at"),
            refs=(Ref("job_type_code", "job_types"), Ref("place_code", "places")),
            swept=True,
        ),
        Collection(
            "jobs",
            "jobs",
            "id",
            ("starts_at", "ends_at", "posted_at"),
            refs=(
                Ref("job_type_code", "job_types"),
                Ref("employer_id", "employers"),
                Ref("place_code", "places", required=False),
            ),
            swept=True,
            kept_when_used="applications.job_id",
        ),
        Collection(
            "rights_sessions", "rights_sessions", "id", ("starts_at", "ends_at"), swept=True
        ),
        # A complaint's state at the market, and employers' ratings of a worker: keyed by
        # the worker's id (a random UUID), never by anything on their card.
        Collection("cases", "cases", "case_no", ("decided_at",)),
        Collection("worker_ratings", "worker_ratings", "worker_id"),
        # Training bookings at every station, keyed by the booking's own random id.
        Collection("bookings", "bookings", "id", ("booked_at",)),
        # Employers' answers to applications made at any station (issue 15).
        Collection("answers", "answers", "id", ("answered_at",)),
    )
}

NAMES = tuple(COLLECTIONS)
