"""Top-20 matching over 10,000 and 100,000 jobs (target: p95 under 30 ms at 100,000, one core).

Jobs come from the demo generator; each query is a random worker (1-3 trades, today and
tomorrow, an expected wage). Measured: index look-up + ranking. Baseline: ranking with a
full scan of every job (no index).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from pathlib import Path

from kiosk.domain.matching import Candidate, Context, JobIndex, Seeker, rank
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.services.demo_data import DemoCatalog, DemoGenerator

ROOT = Path(__file__).resolve().parents[1]
QUERIES = int(os.environ.get("BENCH_QUERIES", "200"))
TODAY = dt.date(2026, 11, 24)
NOW = dt.datetime.combine(TODAY, dt.time(7), LHASA_TZ)
CTX = Context(NOW, 29.654, 91.105, min_hourly_yuan=18)


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def _seekers(codes: list[str], n: int) -> list[Seeker]:
    rng = random.Random(7)
    days = (TODAY, TODAY + dt.timedelta(days=1))
    return [
        Seeker(
            skills={c: rng.randint(0, 12) for c in rng.sample(codes, rng.randint(1, 3))},
            expected_wage=rng.randrange(150, 400, 10),
            days=days,
            paid_days_last_week=rng.randint(0, 7),
        )
        for _ in range(n)
    ]


def run(size: int) -> None:
    """Print the figures for ``size`` jobs."""
    catalog = DemoCatalog.load(ROOT / "assets" / "data")
    data = DemoGenerator(catalog, b"b" * 32).generate(jobs=size, today=TODAY)
    employers = {e.id: e for e in data.employers}
    rng = random.Random(3)
    candidates = [Candidate(j, employers[j.employer_id], rng.randint(0, 6)) for j in data.jobs]
    start = time.perf_counter()
    index = JobIndex(candidates)
    build_ms = (time.perf_counter() - start) * 1000
    seekers = _seekers([t.code for t in data.job_types], QUERIES)
    window_end = NOW + dt.timedelta(days=2)
    timings, counts = [], []
    for seeker in seekers:
        start = time.perf_counter()
        found = index.query(seeker.skills, NOW - dt.timedelta(hours=1), window_end)
        top = rank(seeker, found, CTX, limit=20)
        timings.append((time.perf_counter() - start) * 1000)
        counts.append(len(top))
    scan = []
    for seeker in seekers[:20]:
        start = time.perf_counter()
        rank(seeker, candidates, CTX, limit=20)
        scan.append((time.perf_counter() - start) * 1000)
    label = f"{size // 1000}k"
    print(
        f"figure: match.top20.{label}.median {statistics.median(timings):.2f} ms "
        f"(baseline full_scan.{label}.median {statistics.median(scan):.1f} ms; {QUERIES} queries)"
    )
    print(
        f"figure: match.top20.{label}.p95 {_p95(timings):.2f} ms "
        f"(baseline full_scan.{label}.p95 {_p95(scan):.1f} ms; target < 30 ms at 100k)"
    )
    print(
        f"figure: match.index_build.{label} {build_ms:.0f} ms "
        f"(once per catalogue change; median list length {statistics.median(counts):.0f})"
    )


def main() -> None:
    """Both sizes."""
    for size in (10_000, 100_000):
        run(size)


if __name__ == "__main__":
    main()
