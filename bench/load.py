"""500 kiosks waiting on one market (``market-server --workers 2`` on PostgreSQL), driven by
Locust (``bench/locustfile.py``): 500 users each keep a ``/v1/changes/wait`` open, while 50
more pull a page of changes and push five registrations every second. The figures are for
the requests that do not wait, with the 500 waiting.

- sync.load.500.{changes,mutations}.p95 (and p50), against the same requests from the 50
  working kiosks with nobody waiting (the baseline, same run);
- sync.load.500.failures: requests that failed, waiting ones included (must be 0).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.sync import _enrol_many, feed_tail
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.postgres import Postgres

ROOT = Path(__file__).resolve().parents[1]
WAITERS, WORKING = 500, 50
SECONDS = int(os.environ.get("LOAD_SECONDS", "45"))


def _run(
    tmp: Path, url: str, creds_file: Path, tail: str, waiters: int
) -> dict[str, dict[str, str]]:
    prefix = tmp / f"locust-{waiters}"
    env = {
        **os.environ, "LOAD_CREDENTIALS_FILE": str(creds_file), "LOAD_TAIL": tail,
        "LOAD_WAITERS": str(waiters), "LOAD_WORKING": str(WORKING), "PYTHONPATH": str(ROOT),
    }  # fmt: skip
    users = waiters + WORKING
    subprocess.run(
        [
            sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
            "--headless", "--users", str(users), "--spawn-rate", str(max(50, users // 5)),
            "--run-time", f"{SECONDS}s", "--host", url, "--csv", str(prefix), "--only-summary",
            "--stop-timeout", "30",
        ],
        env=env, check=False, capture_output=True, timeout=SECONDS + 120,
    )  # fmt: skip
    failures = (tmp / f"locust-{waiters}_failures.csv").read_text(encoding="utf-8")
    for line in failures.splitlines()[1:4]:
        print(f"failed ({waiters} waiting): {line[:300]}")
    with (tmp / f"locust-{waiters}_stats.csv").open(encoding="utf-8") as f:
        return {row["Name"]: row for row in csv.DictReader(f)}


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp_name:
        tmp = Path(tmp_name)
        pg = Postgres.start()
        try:
            db = pg.create_database("bench_load_wait")
            market_admin(db, "migrate")
            market_admin(
                db, "import-demo", "--jobs", "2000", "--today", dt.date.today().isoformat()
            )
            many = {
                "MARKET_ENROL_RATE_PER_MIN": "100000",
                "MARKET_MAX_PENDING_ENROLMENTS": "100000",
            }
            server = MarketServer.start(db, tmp / "market.log", env=many, workers=2)
            try:
                creds = _enrol_many(server.url, db, WAITERS + WORKING)
                creds_file = tmp / "creds.json"
                creds_file.write_text(json.dumps([dataclasses.asdict(c) for c in creds]))
                tail = feed_tail(server.url, creds[0])
                alone = _run(tmp, server.url, creds_file, tail, 0)
                loaded = _run(tmp, server.url, creds_file, tail, WAITERS)
            finally:
                server.stop()
        finally:
            pg.stop()
    for name in ("changes", "mutations"):
        for stat, column in (("p50", "50%"), ("p95", "95%")):
            print(
                f"figure: sync.load.{WAITERS}.{name}.{stat} {loaded[name][column]} ms "
                f"(baseline, nobody waiting: {alone[name][column]} ms; "
                f"{loaded[name]['Request Count']} requests)"
            )
    waits = loaded.get("wait", {})
    failures = int(loaded["Aggregated"]["Failure Count"])
    print(
        f"figure: sync.load.{WAITERS}.failures {failures} requests "
        f"(of {loaded['Aggregated']['Request Count']}, {waits.get('Request Count', 0)} waits)"
    )


if __name__ == "__main__":
    main()
