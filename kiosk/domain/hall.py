"""The hall screen and the printed job sheet: today's jobs for those who will not touch the
kiosk (the station report: many fear the machine and leaf through a printed booklet).

Which jobs: those matching would offer anybody, starting today or tomorrow (in the evening
the board already shows the next morning's work), soonest first, the better paid first
among those starting together, at most ``MAX_ON_BOARD``. Each is a ``Match`` from this
station (no worker, no reasons), so the hall shows and says a job's facts exactly as a job
card does.

``Roll`` pages the board and notices the jobs that are news: not on the board at the last
look and posted in the last half hour (a kiosk enrolled today, or back after a day
offline, does not announce a whole day's jobs). The hall announces them aloud.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field

from kiosk.domain.matching import Candidate, Context, Match, Seeker, distance_km, refusal

DAYS_SHOWN = 2  # today and tomorrow
# The soonest this many at most: 100 pages of three, a 20-minute round at 12 s a page, and
# a sheet of 75 pages. A district-wide catalogue can hold tens of thousands for two days.
MAX_ON_BOARD = 300
NEWS_FOR = dt.timedelta(minutes=30)  # a job posted this recently, and not seen, is news
SKEW = dt.timedelta(minutes=5)  # the market's clock may run a little ahead of the kiosk's


def board_end(now: dt.datetime) -> dt.datetime:
    """The start of the day after tomorrow: the board shows jobs starting before it."""
    return dt.datetime.combine(now.date() + dt.timedelta(days=DAYS_SHOWN), dt.time(), now.tzinfo)


def on_board(candidates: Sequence[Candidate], ctx: Context) -> list[Match]:
    """The jobs the hall shows at ``ctx.now``, in the order shown: what matching would
    offer anybody (not full, employer not on the unpaid-wage list, started at most an hour
    ago, at least the minimum wage), starting today or tomorrow."""
    until = board_end(ctx.now)
    anybody = Seeker(skills={c.job.job_type_code: 0 for c in candidates})
    kept = heapq.nsmallest(
        MAX_ON_BOARD,
        (c for c in candidates if c.job.starts_at < until and refusal(anybody, c, ctx) is None),
        key=lambda c: (c.job.starts_at, -c.job.day_wage, c.job.id),
    )
    return [
        Match(c, 0.0, distance_km=distance_km(ctx.origin_lat, ctx.origin_lon, c.job.lat, c.job.lon))
        for c in kept
    ]


@dataclass
class Roll:
    """The board's pages, turned one at a time; ``update`` returns the news (none at the
    first look: what was there when the hall started is not news)."""

    per_page: int
    jobs: list[Match] = field(default_factory=list)
    page: int = 0
    seen: set[str] | None = None

    def update(self, jobs: list[Match], now: dt.datetime) -> list[Match]:
        """Show ``jobs`` from now on; the news among them, in board order."""
        self.jobs = list(jobs)
        ids = {m.candidate.job.id for m in jobs}
        seen = self.seen
        new = (
            []
            if seen is None
            else [m for m in jobs if m.candidate.job.id not in seen and is_news(m, now)]
        )
        # Seen stays seen: a job that leaves the board for a moment (a place freed, then
        # taken) is not news when it comes back.
        self.seen = ids if self.seen is None else self.seen | ids
        self.page = min(self.page, self.pages - 1)
        return new

    @property
    def pages(self) -> int:
        """How many pages (at least one, empty when there are no jobs)."""
        return max(1, -(-len(self.jobs) // self.per_page))

    def current(self) -> list[Match]:
        """The jobs on the page shown."""
        start = self.page * self.per_page
        return self.jobs[start : start + self.per_page]

    def turn(self) -> None:
        """The next page, back to the first after the last."""
        self.page = (self.page + 1) % self.pages

    def show(self, job_id: str) -> bool:
        """Turn to the page that holds ``job_id``; False if it is not on the board."""
        for i, m in enumerate(self.jobs):
            if m.candidate.job.id == job_id:
                self.page = i // self.per_page
                return True
        return False


def is_news(match: Match, now: dt.datetime) -> bool:
    """Posted in the last half hour (by the market's clock, a few minutes' skew allowed)."""
    return now - NEWS_FOR <= match.candidate.job.posted_at <= now + SKEW


def job_address(base_url: str, job_id: str) -> str:
    """What a printed job's QR code carries: the job's page at the market."""
    return f"{base_url.rstrip('/')}/v1/jobs/{job_id}"
