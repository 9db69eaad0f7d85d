"""One worker across the district (issue 17): the district's look-up key, aliases of
workers merged into another, and the merge itself.

A kiosk hashes ID numbers under the district's look-up key once it has it, so the same
card gives the same hash at every station. When two kiosks filed one person (both offline),
the second registration or re-key names a hash the market already holds: its worker is
merged into the first, the id it was filed under becomes an alias (every later mutation
naming it applies to the one worker), and the kiosk is told the one id in the reply. The
alias keeps the kiosk it was filed at, so each station's figures still count it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from market import cases, credit, feed
from market.models import Application, Base, Complaint, MarketSetting, Worker, WorkerAlias

LOOKUP_KEY = "district_lookup_key"
# Fields of a worker's profile the later registration fills when the first left them empty.
FILLED = ("phone", "expected_wage", "area", "gender", "nation_code", "birth_year")


def lookup_key(s: Session) -> str:
    """The district's look-up key (64 hex digits), made the first time it is asked for.
    Two server processes asking at once both end with the one that was stored first."""
    found = s.get(MarketSetting, LOOKUP_KEY)
    if found is not None:
        return found.value
    try:
        with s.begin_nested():
            s.add(MarketSetting(name=LOOKUP_KEY, value=secrets.token_hex(32)))
    except IntegrityError:
        pass
    stored = s.get(MarketSetting, LOOKUP_KEY)
    assert stored is not None
    return stored.value


def canonical(s: Session, worker_id: str) -> str:
    """The worker an id stands for now (itself, unless it was merged into another)."""
    alias = s.get(WorkerAlias, worker_id)
    return alias.worker_id if alias is not None else worker_id


def by_hash(s: Session, id_hash: str) -> Worker | None:
    """The worker filed under this look-up hash (one at most: the column is unique)."""
    return s.scalar(select(Worker).where(Worker.id_hash == id_hash))


def _merged_profile(kept: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """The first profile, with the trades and years of both and the gaps filled."""
    data = dict(kept)
    skills = {str(k): int(v) for k, v in (kept.get("skills") or {}).items()}
    for trade, years in (other.get("skills") or {}).items():
        skills[str(trade)] = max(int(years), skills.get(str(trade), 0))
    data["skills"] = skills
    for name in FILLED:
        if data.get(name) is None and other.get(name) is not None:
            data[name] = other[name]
    return data


def alias(
    s: Session, into: Worker, alias_id: str, filed: tuple[str, dict[str, Any]], now: dt.datetime
) -> None:
    """``alias_id`` (filed at a terminal with a profile: ``filed``) is from now on ``into``."""
    terminal_id, data = filed
    s.add(WorkerAlias(alias_id=alias_id, worker_id=into.id, terminal_id=terminal_id, filed_at=now))
    merged = _merged_profile(into.data, data)
    if merged != into.data:
        into.data, into.version, into.updated_at = merged, into.version + 1, now
    # Aliases of the id merged away now point at the one worker too.
    s.execute(
        update(WorkerAlias).where(WorkerAlias.worker_id == alias_id).values(worker_id=into.id)
    )
    s.flush()


def _worker_tables() -> Iterable[Table]:
    for table in Base.metadata.sorted_tables:
        if "worker_id" in table.c and table.name not in {"worker_aliases", "applications"}:
            yield table


def absorb(s: Session, gone: Worker, into: Worker, now: dt.datetime) -> None:
    """Merge ``gone`` into ``into``: everything that names it moves over (an application
    both made for the same job is kept once), then it becomes an alias of ``into``."""
    both = set(s.scalars(select(Application.job_id).where(Application.worker_id == into.id)).all())
    for app in s.scalars(select(Application).where(Application.worker_id == gone.id)).all():
        if app.job_id in both:
            s.delete(app)
        else:
            app.worker_id = into.id
    for table in _worker_tables():
        s.execute(update(table).where(table.c.worker_id == gone.id).values(worker_id=into.id))
    data, terminal = dict(gone.data), gone.terminal_id
    s.delete(gone)
    s.flush()
    alias(s, into, gone.id, (terminal, data), now)
    _republish(s, gone.id, into.id, now)


def _republish(s: Session, gone_id: str, into_id: str, now: dt.datetime) -> None:
    """Kiosks learn the cases and ratings under the one id."""
    leads = {
        c.joined_to or c.case_no
        for c in s.scalars(select(Complaint).where(Complaint.worker_id == into_id))
    }
    for case_no in sorted(leads):
        cases.publish(s, cases.lead_of(s, case_no), now)
    feed.write(s, "worker_ratings", gone_id, None, now)  # first: a kiosk maps the next to it
    credit.publish_worker_ratings(s, into_id, now)


def profile(worker: Worker) -> dict[str, Any]:
    """What a kiosk that found the worker by their card keeps of them (no number, no hash
    beyond the one it asked with)."""
    data = worker.data
    return {
        "worker_id": worker.id,
        "name": data.get("name", ""),
        "gender": data.get("gender"),
        "nation_code": data.get("nation_code"),
        "birth_year": data.get("birth_year"),
        "phone": data.get("phone"),
        "skills": {str(k): int(v) for k, v in (data.get("skills") or {}).items()},
        "expected_wage": data.get("expected_wage"),
        "availability": data.get("availability", "any"),
        "area": data.get("area"),
        "language": data.get("language", "zh"),
        "version": worker.version,
    }


def filed_by_station(s: Session) -> dict[str, int]:
    """Workers filed at each terminal, merged ones included (figures stay per station)."""
    counts: dict[str, int] = {}
    for terminal, n in s.execute(
        select(Worker.terminal_id, func.count()).group_by(Worker.terminal_id)
    ):
        counts[terminal] = counts.get(terminal, 0) + int(n)
    for terminal, n in s.execute(
        select(WorkerAlias.terminal_id, func.count()).group_by(WorkerAlias.terminal_id)
    ):
        counts[terminal] = counts.get(terminal, 0) + int(n)
    return counts
