"""Scan-to-login (``kiosk.sync.tickets``, ``market.tickets``): a phone's confirmation of the
attract screen's ticket until the kiosk's waiting request has it, one server process on
SQLite. The confirmation is committed by another process's session (as a ``/worker/``
request would be), so the waiting request learns of it by looking again.

- login.ticket.confirm_to_kiosk.{p50,p95}; baseline: the market's look interval (0.4 s).
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy.orm import Session

from bench.sync import _enrol_many, _pct
from kiosk.sync.client import MarketClient
from market import tickets
from market.db import make_engine, utcnow
from market.models import Worker
from market.routes.tickets import LOOK_S
from tests.helpers.market import MarketServer, market_admin

SAMPLES = 15


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory(prefix="bench-qrlogin-") as tmp_name:
        tmp = Path(tmp_name)
        db = f"sqlite:///{tmp / 'market.sqlite3'}"
        market_admin(db, "migrate")
        server = MarketServer.start(db, tmp / "market.log")
        engine = make_engine(db)
        try:
            (creds,) = _enrol_many(server.url, db, 1)
            with Session(engine) as s, s.begin():
                worker = Worker(
                    id="w", terminal_id=creds.terminal_id, data={"name": "x"},
                    field_versions={}, updated_at=utcnow(), id_hash="ab" * 32,
                )  # fmt: skip
                s.add(worker)
            kiosk = MarketClient(server.url, creds, app_version="0.1.0", timeout=(3.05, 40.0))
            latencies = []
            for i in range(SAMPLES):
                ticket = str(kiosk.open_ticket("gongdelin")["ticket"])
                got: dict[str, object] = {}

                def wait(ticket: str = ticket, got: dict[str, object] = got) -> None:
                    got.update(kiosk.wait_ticket(ticket, 25))
                    got["at"] = time.perf_counter()

                waiter = threading.Thread(target=wait)
                waiter.start()
                # The request is waiting at the market; the phone confirms at a point of the
                # market's look interval that differs from sample to sample.
                time.sleep(0.6 + LOOK_S * i / SAMPLES)
                with Session(engine) as s, s.begin():
                    began = time.perf_counter()
                    assert tickets.confirm(s, ticket, "w", utcnow()) is None
                waiter.join(30)
                assert got.get("state") == "confirmed", got
                latencies.append(float(got["at"]) - began)  # type: ignore[arg-type]
            kiosk.close()
        finally:
            engine.dispose()
            server.stop()
    print(
        f"figure: login.ticket.confirm_to_kiosk.p50 {statistics.median(latencies):.2f} s "
        f"(baseline: the market looks every {LOOK_S} s)"
    )
    print(f"figure: login.ticket.confirm_to_kiosk.p95 {_pct(latencies, 0.95):.2f} s")


if __name__ == "__main__":
    main()
