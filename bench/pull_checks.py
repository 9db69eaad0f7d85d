"""What checking each pulled row costs (issue 17, "data must flow").

- sync.apply.10k.checked: applying the pages of a fresh kiosk's first pull (10,000 jobs
  with their employers, trades and places) to an empty database, each row checked against
  its column's type and the rules of ``kiosk/domain/rows.py``, as the kiosk does. Baseline:
  the same pages with the per-row check switched off, in the same run. The pages are pulled
  once from a real server and replayed, so the network is not in the figure.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path
from unittest import mock

from bench.sync import market_with_jobs
from kiosk.store import pull
from kiosk.store.db import open_database
from kiosk.sync import wire
from kiosk.sync.client import ChangesPage
from tests.helpers.syncrig import enrol

JOBS = 10_000
ROUNDS = 5


def _pages(tmp: Path) -> list[ChangesPage]:
    """Every page of a first pull of JOBS jobs, as the server sent them."""
    db = f"sqlite:///{tmp / 'market.sqlite3'}"
    server = market_with_jobs(tmp, db, JOBS)
    try:
        st = enrol(tmp / "kiosk", server.url, db, "bench-pull")
        try:
            client, pages, cursor = st.worker.engine.client, [], None
            while True:
                page = client.changes(wire.COLLECTIONS, cursor, wire.MAX_PAGE)
                pages.append(page)
                cursor = page.next_cursor
                if not page.has_more:
                    return pages
        finally:
            st.close()
    finally:
        server.stop()


def _apply(tmp: Path, name: str, pages: list[ChangesPage]) -> float:
    """Seconds to apply every page to a fresh database."""
    now = dt.datetime.now(dt.UTC)
    engine, _ = open_database(tmp / f"{name}.sqlite3", now)
    try:
        repo = pull.PullRepository(engine)
        start = time.perf_counter()
        for page in pages:
            repo.apply_page(page.changes, page.next_cursor, now)
        return time.perf_counter() - start
    finally:
        engine.dispose()


def _no_check(*_args: object) -> None:
    """The baseline: every row taken as it is (a plain function, so no mock's own cost)."""


def main() -> None:
    """Print the figures: checked against unchecked, alternating rounds on one machine."""
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        pages = _pages(tmp)
        rows = sum(len(p.changes) for p in pages)
        checked: list[float] = []
        unchecked: list[float] = []
        for i in range(ROUNDS):  # alternate, so that the machine's noise falls on both
            checked.append(_apply(tmp, f"checked-{i}", pages))
            with mock.patch.object(pull, "row_refusal", _no_check):
                unchecked.append(_apply(tmp, f"unchecked-{i}", pages))
        c, u = statistics.median(checked), statistics.median(unchecked)
        print(
            f"figure: sync.apply.10k.checked.median {c:.2f} s "
            f"(baseline unchecked {u:.2f} s, {rows} rows in {len(pages)} pages, "
            f"{(c - u) / rows * 1e6:.1f} us a row)"
        )
        print(f"figure: sync.apply.10k.unchecked.median {u:.2f} s")


if __name__ == "__main__":
    main()
