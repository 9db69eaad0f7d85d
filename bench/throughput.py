"""The market's throughput per core for ``/v1/changes`` beside a bare FastAPI endpoint, in
the same run: Locust (``bench/locustfile.py``, ``Pulling`` and ``BarePulling``) asks as fast
as it is answered, for a kiosk in steady state (the feed's tail: an empty page), and the
server's CPU time is read from ``/proc``: requests answered per CPU-second is requests per
second per core, whatever else shares the machine (Locust itself does).

- sync.changes.throughput.per_core: the market (one process, PostgreSQL, signed requests:
  the signature and nonce checked, the feed read);
- beside it, the bare endpoint (one uvicorn process, same request, no database).
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
import time
from pathlib import Path

from bench.sync import _enrol_many, feed_tail
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.postgres import Postgres, free_port

ROOT = Path(__file__).resolve().parents[1]
SECONDS = int(os.environ.get("THROUGHPUT_SECONDS", "20"))
USERS = 20


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of the process and its waited-for children."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def _drive(tmp: Path, url: str, user: str, pid: int, env: dict[str, str]) -> tuple[float, float]:
    """(requests per second, requests per server CPU-second) of one Locust run."""
    prefix = tmp / f"locust-{user}"
    before = _cpu_seconds(pid)
    subprocess.run(
        [
            sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), user,
            "--headless", "--users", str(USERS), "--spawn-rate", str(USERS),
            "--run-time", f"{SECONDS}s", "--host", url, "--csv", str(prefix), "--only-summary",
        ],
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)}, check=False, capture_output=True,
        timeout=SECONDS + 60,
    )  # fmt: skip
    used = _cpu_seconds(pid) - before
    with (tmp / f"locust-{user}_stats.csv").open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["Name"] == "changes")
    count, failures = int(row["Request Count"]), int(row["Failure Count"])
    if failures:
        print(f"throughput: {failures} of {count} {user} requests failed")
    return (count - failures) / SECONDS, (count - failures) / max(used, 1e-6)


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory(prefix="bench-throughput-") as tmp_name:
        tmp = Path(tmp_name)
        port = free_port()
        bare = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "bench.bare_app:app", "--port", str(port),
             "--log-level", "warning"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        pg = Postgres.start()
        try:
            db = pg.create_database("bench_throughput")
            market_admin(db, "migrate")
            market_admin(
                db, "import-demo", "--jobs", "2000", "--today", dt.date.today().isoformat()
            )
            server = MarketServer.start(db, tmp / "market.log")
            try:
                (creds,) = _enrol_many(server.url, db, 1)
                creds_file = tmp / "creds.json"
                creds_file.write_text(json.dumps([dataclasses.asdict(creds)]))
                env = {"LOAD_CREDENTIALS_FILE": str(creds_file),
                       "LOAD_TAIL": feed_tail(server.url, creds)}  # fmt: skip
                time.sleep(0.5)  # the bare server is up by now
                bare_rate, bare_core = _drive(tmp, f"http://127.0.0.1:{port}", "BarePulling",
                                              bare.pid, env)  # fmt: skip
                rate, core = _drive(tmp, server.url, "Pulling", server.process.pid, env)
            finally:
                server.stop()
        finally:
            pg.stop()
            bare.terminate()
            bare.wait(timeout=10)
    print(
        f"figure: sync.changes.throughput.per_core {core:.0f} req/s "
        f"(baseline, a bare FastAPI endpoint: {bare_core:.0f} req/s per core; "
        f"{rate:.0f} and {bare_rate:.0f} req/s on this shared 2-core machine)"
    )


if __name__ == "__main__":
    main()
