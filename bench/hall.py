"""The hall board and the printed job sheet (``kiosk.domain.hall``, ``kiosk.ui.hall``).

- hall.board.{1k,100k}.median: today's and tomorrow's jobs picked from the job index
  (every trade, what matching would offer anybody), as the board reads them after every
  pull and every minute on the DB worker; 1k is the baseline.
- hall.page.median: showing a page of the board (three rows, both scripts), as every turn
  of the page does on the GUI thread; its budget is a frame (16 ms, ARCHITECTURE.md).
- hall.sheet.{20,200}.per_job: drawing the job sheet PDF with a QR code a job (on the
  printer's thread), per job; 20 jobs is the baseline (a page's fixed costs spread wider).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

from kiosk.domain.hall import board_end, on_board
from kiosk.domain.matching import STARTED_GRACE, Candidate, Context, JobIndex
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.services.demo_data import DemoCatalog, DemoGenerator

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 3)
NOW = dt.datetime.combine(TODAY, dt.time(7), LHASA_TZ)
CTX = Context(NOW, 29.654, 91.105, min_hourly_yuan=18)
ROUNDS = 15


def _candidates(size: int) -> list[Candidate]:
    catalog = DemoCatalog.load(ROOT / "assets" / "data")
    data = DemoGenerator(catalog, b"h" * 32).generate(jobs=size, today=TODAY)
    employers = {e.id: e for e in data.employers}
    return [Candidate(j, employers[j.employer_id]) for j in data.jobs]


def board_ms(size: int) -> tuple[float, int]:
    """Median ms to pick the board from an index of ``size`` jobs, and how many it shows."""
    index = JobIndex(_candidates(size))
    times, shown = [], 0
    for _ in range(ROUNDS):
        start = time.perf_counter()
        found = index.query(index.types, NOW - STARTED_GRACE, board_end(NOW))
        shown = len(on_board(found, CTX))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), shown


def qt_figures() -> None:
    """The page turn and the sheet, with Qt offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.i18n import Catalog, Mode
    from kiosk.services.clock import SystemClock
    from kiosk.ui.hall.board import HallBoard, rows_for
    from kiosk.ui.hall.sheet import write_sheet
    from kiosk.ui.texts import Texts
    from kiosk.ui.theme import Theme, load_fonts

    app = QApplication.instance() or QApplication(["bench"])
    load_fonts(ROOT / "assets" / "fonts")
    catalog = Catalog(ROOT / "translations")
    index = JobIndex(_candidates(2000))
    jobs = on_board(index.query(index.types, NOW, NOW + dt.timedelta(days=8)), CTX)
    board = HallBoard(
        Theme.for_panel(21.5, 1920, 1080), Texts(catalog, Mode.BOTH), SystemClock(), lambda: TODAY
    )
    board.setFixedSize(1920, 1080)
    board.show()
    n = rows_for(Mode.BOTH)
    times = []
    for i in range(ROUNDS * 2):
        page = jobs[(i * n) % len(jobs) :][:n]
        start = time.perf_counter()
        board.show_page(page, i, 10, {page[0].candidate.job.id})
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    print(f"figure: hall.page.median {statistics.median(times):.1f} ms (budget 16 ms, a frame)")
    board.close()
    per_job = {}
    with tempfile.TemporaryDirectory() as folder:
        for count in (20, 200):
            start = time.perf_counter()
            write_sheet(
                Path(folder) / f"sheet-{count}.pdf",
                catalog,
                jobs[:count],
                station_code="gongdelin",
                printed_at=NOW,
                base_url="https://market.example.cn",
                paper="a4",
            )
            per_job[count] = (time.perf_counter() - start) * 1000 / count
    print(
        f"figure: hall.sheet.200.per_job {per_job[200]:.1f} ms "
        f"(baseline hall.sheet.20.per_job {per_job[20]:.1f} ms)"
    )


def main() -> None:
    """Print the figures."""
    small, shown_small = board_ms(1000)
    large, shown_large = board_ms(100_000)
    print(f"figure: hall.board.1k.median {small:.1f} ms ({shown_small} jobs on the board)")
    print(
        f"figure: hall.board.100k.median {large:.1f} ms ({shown_large} jobs on the board; "
        f"baseline hall.board.1k.median {small:.1f} ms)"
    )
    qt_figures()


if __name__ == "__main__":
    main()
