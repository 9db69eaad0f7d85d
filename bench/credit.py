"""Employer credit at the market: what a pay answer, a rating or a decision costs the
server, which recomputes the employer's credit from its events (``market.credit.refresh``)
inside the batch that carried it.

- credit.refresh.2k.median / credit.refresh.20k.median: one employer with 40 agreements,
  each answered, and 10 ratings, in a market holding 2,000 or 20,000 open jobs (SQLite).
  The events are found by the agreements' own ``employer_id`` (kept when an agreement
  arrives), so the catalogue's size should not move it; the 2,000-job figure is the
  baseline for the 20,000 one. (Found through the jobs' JSON it was 9.6 and 59.8 ms.)
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from market import catalog, credit
from market.db import make_engine, migrate, sessions
from market.models import Agreement, PayAnswer, Rating, Record

ROUNDS = 20
AGREEMENTS = 40


def _market(folder: Path, jobs: int) -> tuple[sessionmaker[Session], str]:
    engine = make_engine(f"sqlite:///{folder / f'market-{jobs}.sqlite3'}")
    migrate(engine)
    now = dt.datetime.now(dt.UTC)
    factory = sessions(engine)
    with factory.begin() as s:
        catalog.import_demo(s, jobs, now.date(), 2026, now)
        job = s.scalars(
            select(Record).where(Record.collection == "jobs").order_by(Record.id)
        ).first()
        assert job is not None
        employer = str(job.data["employer_id"])
        for i in range(AGREEMENTS):
            code = f"B{i:03d}-AAAA"
            s.add(
                Agreement(
                    code=code,
                    id=str(uuid.uuid4()),
                    fingerprint="0" * 64,
                    document="{}",
                    worker_id=f"w{i}",
                    job_id=job.id,
                    employer_id=employer,
                    terminal_id="bench",
                    received_at=now,
                )
            )
            s.add(
                PayAnswer(
                    id=str(uuid.uuid4()),
                    agreement_code=code,
                    worker_id=f"w{i}",
                    answer=("paid", "partly", "unpaid")[i % 3],
                    terminal_id="bench",
                    received_at=now,
                )
            )
            if i < 10:
                s.add(
                    Rating(
                        id=str(uuid.uuid4()),
                        agreement_code=code,
                        direction="worker_to_employer",
                        worker_id=f"w{i}",
                        employer_id=employer,
                        face="good",
                        tags={},
                        received_at=now,
                    )
                )
    return factory, employer


def _median_ms(factory: sessionmaker[Session], employer: str) -> float:
    times = []
    for _ in range(ROUNDS):
        with factory.begin() as s:
            start = time.perf_counter()
            credit.refresh(s, employer, dt.datetime.now(dt.UTC))
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        small = _median_ms(*_market(Path(tmp), 2000))
        large = _median_ms(*_market(Path(tmp), 20000))
    print(f"figure: credit.refresh.2k.median {small:.1f} ms (baseline for the 20k figure)")
    print(
        f"figure: credit.refresh.20k.median {large:.1f} ms "
        f"(baseline: 2k jobs {small:.1f} ms; x{large / small:.1f})"
    )


if __name__ == "__main__":
    main()
