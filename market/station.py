"""A station's days (issue 16, the staff dashboard): each kiosk reports the counts of its
own last days (``kiosk.domain.dashboard``); the station's figures are their sums, over
every kiosk that reported under the station's code, with the hires employers made online of
workers who applied at one of those kiosks (only the market knows those).

A report replaces the kiosk's earlier one for the same days, so a report sent twice, or
sent again with a day's counts grown, is never counted twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.dashboard import LOCAL_MEASURES
from kiosk.domain.timeutil import LHASA_TZ
from market.models import Application, StationDay, Terminal

OLDEST_DAYS = 31  # a report of a day older than a month is refused (a wrong clock)
MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class Figures:
    """What a station's kiosks reported, summed per day, and who reported."""

    days: dict[dt.date, dict[str, int]]
    kiosks: list[tuple[str, dt.datetime]]  # (name, last report)
    mine_online: dict[dt.date, int]


def _aware(at: dt.datetime) -> dt.datetime:
    """SQLite hands back UTC without its zone; PostgreSQL with it."""
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


def check_report(days: Mapping[dt.date, Mapping[str, int]], now: dt.datetime) -> str | None:
    """Why a report cannot be kept (a reason code), or None when it can."""
    today = now.astimezone(LHASA_TZ).date()
    for day, counts in days.items():
        if not today - dt.timedelta(days=OLDEST_DAYS) <= day <= today + dt.timedelta(days=1):
            return "day_out_of_range"
        if any(name not in LOCAL_MEASURES for name in counts):
            return "unknown_measure"
        if any(not 0 <= n <= MAX_COUNT for n in counts.values()):
            return "count_out_of_range"
    return None


def keep(
    s: Session,
    terminal_id: str,
    station: str,
    days: Mapping[dt.date, Mapping[str, int]],
    now: dt.datetime,
) -> None:
    """Keep this kiosk's counts of these days in place of what it reported before."""
    for day, counts in days.items():
        row = s.get(StationDay, (terminal_id, day))
        if row is None:
            row = StationDay(terminal_id=terminal_id, day=day)
            s.add(row)
        row.station, row.counts, row.reported_at = station, dict(counts), now
    s.flush()


def figures(s: Session, station: str, days: Sequence[dt.date], terminal_id: str) -> Figures:
    """The station's sums over ``days``; ``mine_online`` is the asking kiosk's share of the
    online hires."""
    sums: dict[dt.date, dict[str, int]] = {d: dict.fromkeys(LOCAL_MEASURES, 0) for d in days}
    last: dict[str, dt.datetime] = {}
    rows = s.scalars(
        select(StationDay).where(StationDay.station == station, StationDay.day.in_(list(days)))
    )
    for row in rows:
        for name, n in row.counts.items():
            if name in LOCAL_MEASURES:
                sums[row.day][name] += int(n)
        at = _aware(row.reported_at)
        seen = last.get(row.terminal_id)
        if seen is None or at > seen:
            last[row.terminal_id] = at
    online = _online(s, list(last), days)
    for day in days:
        sums[day]["hired_online"] = sum(online[t].get(day, 0) for t in online)
    found = s.execute(select(Terminal.id, Terminal.name).where(Terminal.id.in_(list(last))))
    names = {terminal: name for terminal, name in found}
    kiosks = sorted((names.get(t, t[:8]), at) for t, at in last.items())
    return Figures(sums, kiosks, dict(online.get(terminal_id, {})))


def _online(
    s: Session, terminals: list[str], days: Sequence[dt.date]
) -> dict[str, dict[dt.date, int]]:
    """Online hires of applications made at these kiosks, per kiosk and local day."""
    found: dict[str, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    if not terminals or not days:
        return found
    # In UTC: SQLite keeps the UTC wall time without its zone, and compares it as text.
    start = dt.datetime.combine(min(days), dt.time(), LHASA_TZ).astimezone(dt.UTC)
    end = dt.datetime.combine(max(days) + dt.timedelta(days=1), dt.time(), LHASA_TZ)
    end = end.astimezone(dt.UTC)
    hires = s.execute(
        select(Application.terminal_id, Application.hired_at).where(
            Application.terminal_id.in_(terminals),
            Application.hired_by == "online",
            Application.hired_at >= start,
            Application.hired_at < end,
        )
    )
    wanted = set(days)
    for terminal_id, hired_at in hires:
        if hired_at is None:
            continue
        day = _aware(hired_at).astimezone(LHASA_TZ).date()
        if day in wanted:
            found[terminal_id][day] += 1
    return found
