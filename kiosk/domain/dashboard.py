"""The staff's day at a glance (issue 16): what happened at this kiosk today and on each
of the days before, counted by local calendar day, and the same as CSV for a USB stick.

A visit is a worker's session (a card or QR tap that reached home, or a filing finished);
"accepted" counts applications the market accepted, by the day they were made; an agreement
re-issued to correct one counts once (the replacement is not a new placement): an agreement
signed here is a placement made at the station (offline). "Assisted" counts the visits staff
made for a worker with the worker's consent. "Hired online" is known only to the market: an
employer took, on the market's side (its pages, the app, ``market-admin hire``), a worker
who applied at this kiosk; it is counted by the day of the hire.

The station's figures are the sums of the days each of its kiosks last reported to the
market (``kiosk.sync.station``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping
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
    "assisted",
    "hired_online",
)
# Counted at the market, not at the kiosk (unknown until the market has answered).
MARKET_MEASURES = ("hired_online",)
LOCAL_MEASURES = tuple(x for x in MEASURES if x not in MARKET_MEASURES)
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
    # Measures nobody has counted yet (shown as a dash, left empty in a CSV).
    unknown: frozenset[str] = frozenset()

    @property
    def today(self) -> DayCounts:
        """Today's counts."""
        return self.days[-1]

    def total(self, measure: str) -> int:
        """The sum over all the days shown."""
        return sum(day[measure] for day in self.days)

    def known(self, measure: str) -> bool:
        """Whether the measure was counted (the market's are not before it answers)."""
        return measure not in self.unknown

    def with_counts(self, measure: str, by_day: Mapping[dt.date, int]) -> Dashboard:
        """The same days with one measure's counts put in (days not given count 0)."""
        days = tuple(
            DayCounts(d.day, {**d.counts, measure: int(by_day.get(d.day, 0))}) for d in self.days
        )
        return Dashboard(days, self.unknown - {measure})


@dataclass(frozen=True)
class StationDays:
    """The station's days as the market summed them: every kiosk's last report, this one
    included, and the online hires of workers who applied at any of them."""

    station: str
    dashboard: Dashboard
    kiosks: tuple[tuple[str, dt.datetime], ...]  # (name, last report), in name order
    mine_online: Mapping[dt.date, int]  # this kiosk's online hires, by day


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
    unknown = frozenset(x for x in MARKET_MEASURES if x not in stamps)
    return Dashboard(tuple(DayCounts(d, counts[d]) for d in dates), unknown)


def to_csv(dashboard: Dashboard, terminal: str, station: StationDays | None = None) -> str:
    """One row per day (ISO date), then the total; plain ASCII headers a spreadsheet reads.
    With the station's figures, their rows follow under ``station:<code>``; a measure not
    known (the market never answered) is left empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["terminal", "date", *MEASURES])
    shown = [(terminal, dashboard)]
    if station is not None:
        shown.append((f"station:{station.station}", station.dashboard))
    for name, board in shown:

        def cells(value: Callable[[str], int], board: Dashboard = board) -> list[str]:
            return [str(value(m)) if board.known(m) else "" for m in MEASURES]

        for day in board.days:
            writer.writerow([name, day.day.isoformat(), *cells(day.__getitem__)])
        writer.writerow([name, "total", *cells(board.total)])
    return out.getvalue()
