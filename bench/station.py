"""The station's figures at the market (``market.station``): what one kiosk's report costs
the server, the report kept and the station's week summed, on SQLite.

- station.report.small.median: a district of 3 kiosks at 1 station, 300 applications (the
  baseline).
- station.report.large.median: 200 kiosks at 20 stations, each having reported 31 days,
  and 100,000 applications of which 10,000 were hired online. The dashboard asks when it
  opens (on a thread of its own, at most 4 s of network), and every kiosk every 10 min:
  200 kiosks make one report every 3 s, so it must stay far below that.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session

from kiosk.domain.timeutil import LHASA_TZ
from market import station
from market.db import make_engine, migrate
from market.models import Application, StationDay, Terminal

ROUNDS = 15
TODAY = dt.date(2026, 12, 3)
NOW = dt.datetime.combine(TODAY, dt.time(14), LHASA_TZ).astimezone(dt.UTC)
DAYS = [TODAY - dt.timedelta(days=n) for n in range(6, -1, -1)]
COUNTS = {"visits": 40, "registrations": 3, "applications": 25, "calls": 2}


def _district(folder: Path, kiosks: int, stations: int, applications: int) -> Session:
    engine = make_engine(f"sqlite:///{folder / 'market.sqlite3'}")
    migrate(engine)
    terminals = [f"t-{n:04d}" for n in range(kiosks)]
    with engine.begin() as conn:
        conn.execute(insert(Terminal), [{"id": t, "name": t, "created_at": NOW} for t in terminals])
        conn.execute(
            insert(StationDay),
            [
                {
                    "terminal_id": t,
                    "day": TODAY - dt.timedelta(days=d),
                    "station": f"s-{i % stations}",
                    "counts": COUNTS,
                    "reported_at": NOW,
                }
                for i, t in enumerate(terminals)
                for d in range(31)
            ],
        )
        conn.execute(
            insert(Application),
            [
                {
                    "id": f"a-{n}",
                    "worker_id": f"w-{n}",
                    "job_id": f"j-{n % 500}",
                    "terminal_id": terminals[n % kiosks],
                    "created_at": NOW,
                    "hired_at": NOW - dt.timedelta(hours=n % 300) if n % 10 == 0 else None,
                    "hired_by": "online" if n % 10 == 0 else None,
                }
                for n in range(applications)
            ],
        )
    return Session(engine)


def report_ms(kiosks: int, stations: int, applications: int) -> float:
    """Median ms for one kiosk's report: kept, then its station's week summed."""
    with tempfile.TemporaryDirectory() as tmp:
        s = _district(Path(tmp), kiosks, stations, applications)
        mine = dict.fromkeys(DAYS, COUNTS)
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            station.keep(s, "t-0000", "s-0", mine, NOW)
            found = station.figures(s, "s-0", DAYS, "t-0000")
            s.commit()
            times.append((time.perf_counter() - start) * 1000)
        assert found.days[TODAY]["visits"] == 40 * len(found.kiosks)
        s.close()
        return statistics.median(times)


def main() -> None:
    """Print the figures."""
    small = report_ms(3, 1, 300)
    large = report_ms(200, 20, 100_000)
    print(f"figure: station.report.small.median {small:.1f} ms")
    print(f"figure: station.report.large.median {large:.1f} ms  (baseline small {small:.1f} ms)")


if __name__ == "__main__":
    main()
