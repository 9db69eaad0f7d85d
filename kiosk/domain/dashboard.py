"""The staff's day at a glance (issue 16): what happened at this kiosk today and on each
of the days before, counted by local calendar day, and the same as CSV for a USB stick.

A visit is a worker's session (a card or QR tap that reached home, or a filing finished);
"accepted" counts applications the market accepted, by the day they were made; an agreement
re-issued to correct one counts once (the replacement is not a new placement).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kiosk.domain.timeutil import LHASA_TZ

MEASURES = (
    "visits",
    "registrations",
    "applications",
    "accepted",
    "agreements",
    "complaints",
    "calls",
)
DAYS = 7  # today and the six days before


@dataclass(frozen=True)
class DayCounts:
    """One local calendar day's counts, by measure."""

    day: dt.date
    counts: Mapping[str, int]

    def __getitem__(self, measure: str) -> int:
        return self.counts.get(measure, 0)


@dataclass(frozen=True)
class Dashboard:
    """The last ``DAYS`` days, oldest first: the last one is today."""

    days: tuple[DayCounts, ...]

    @property
    def today(self) -> DayCounts:
        """Today's counts."""
        return self.days[-1]

    def total(self, measure: str) -> int:
        """The sum over all the days shown."""
        return sum(day[measure] for day in self.days)


def local_day(stamp: dt.datetime) -> dt.date:
    """The Lhasa calendar day of a timestamp (a naive one is already local: SQLite keeps
    the wall time the kiosk wrote)."""
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(LHASA_TZ)
    return stamp.date()


def first_moment(today: dt.date, days: int = DAYS) -> dt.datetime:
    """Midnight at the start of the oldest day shown, local time."""
    start = today - dt.timedelta(days=days - 1)
    return dt.datetime.combine(start, dt.time(), tzinfo=LHASA_TZ)


def tally(
    today: dt.date, stamps: Mapping[str, Iterable[dt.datetime]], days: int = DAYS
) -> Dashboard:
    """Count each measure's timestamps per day; those outside the days shown are left out."""
    dates = [today - dt.timedelta(days=back) for back in range(days - 1, -1, -1)]
    counts: dict[dt.date, dict[str, int]] = {d: dict.fromkeys(MEASURES, 0) for d in dates}
    for measure, times in stamps.items():
        if measure not in MEASURES:
            raise ValueError(f"unknown measure {measure!r}")
        for stamp in times:
            row = counts.get(local_day(stamp))
            if row is not None:
                row[measure] += 1
    return Dashboard(tuple(DayCounts(d, counts[d]) for d in dates))


def to_csv(dashboard: Dashboard, terminal: str) -> str:
    """One row per day (ISO date), then the total; plain ASCII headers a spreadsheet reads."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["terminal", "date", *MEASURES])
    for day in dashboard.days:
        writer.writerow([terminal, day.day.isoformat(), *(day[m] for m in MEASURES)])
    writer.writerow([terminal, "total", *(dashboard.total(m) for m in MEASURES)])
    return out.getvalue()
