"""The jobs list with 1,000 cards (three a page, bilingual): time to first paint, and paint
time per frame while scrolling.

Baseline: the same list view and model with Qt's own text delegate (one line a row).
A frame must stay under 16 ms (ARCHITECTURE.md: GUI event budget).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QListView, QStyledItemDelegate

from kiosk.domain.matching import Candidate, Context, Seeker, score
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.i18n import Catalog, Mode
from kiosk.services.demo_data import DemoCatalog, DemoGenerator
from kiosk.ui.jobs.model import JobCardDelegate, JobListModel, JobListView
from kiosk.ui.texts import Texts
from kiosk.ui.theme import Theme, load_fonts

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 24)
STEPS = int(os.environ.get("BENCH_STEPS", "120"))


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def _measure(app: QApplication, view: QListView) -> tuple[float, list[float]]:
    view.resize(1800, 900)
    start = time.perf_counter()
    view.show()
    first_row = view.model().index(0, 0)
    while not view.visualRect(first_row).height():  # batched layout: wait for the first card
        app.processEvents()
    view.viewport().repaint()
    first = (time.perf_counter() - start) * 1000
    stable, last = 0, -1
    deadline = time.perf_counter() + 60
    while stable < 20 and time.perf_counter() < deadline:  # batched layout runs in the event loop
        app.processEvents()
        now = view.verticalScrollBar().maximum()
        stable, last = (stable + 1, now) if now == last else (0, now)
    frames = []
    bar = view.verticalScrollBar()
    step = max(1, bar.maximum() // STEPS)
    rows_seen = set()
    for i in range(STEPS):
        bar.setValue(i * step)
        start = time.perf_counter()
        view.viewport().repaint()
        frames.append((time.perf_counter() - start) * 1000)
        rows_seen.add(view.indexAt(view.viewport().rect().center()).row())
    if len(rows_seen) < STEPS // 2:
        raise RuntimeError(f"scrolling showed only {len(rows_seen)} different rows")
    return first, frames


def main() -> None:
    """Print first-paint and per-frame figures for 1,000 cards."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["bench"])
    load_fonts()
    theme = Theme.for_panel(21.5, 1920, 1080)
    texts = Texts(Catalog(ROOT / "translations"), Mode.BOTH)
    data = DemoGenerator(DemoCatalog.load(ROOT / "assets/data"), b"b" * 32).generate(
        jobs=1000, today=TODAY
    )
    employers = {e.id: e for e in data.employers}
    ctx = Context(dt.datetime.combine(TODAY, dt.time(7), LHASA_TZ), 29.654, 91.105, 18)
    seeker = Seeker({t.code: 3 for t in data.job_types}, 250)
    matches = [score(seeker, Candidate(j, employers[j.employer_id]), ctx) for j in data.jobs]
    results = {}
    for label in ("cards", "plain"):
        model = JobListModel()
        model.set_matches(matches)
        if label == "cards":  # as the jobs screen sets it up: three whole cards a page
            view: QListView = JobListView(lambda v: JobCardDelegate(theme, texts, lambda: TODAY, v))
        else:
            view = QListView()
            view.setItemDelegate(QStyledItemDelegate(view))
            view.setUniformItemSizes(True)
            view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        view.setModel(model)
        results[label] = _measure(app, view)
        view.close()
        view.deleteLater()
    (first, frames), (plain_first, plain_frames) = results["cards"], results["plain"]
    print(
        f"figure: jobs_list.first_paint.1000 {first:.0f} ms "
        f"(baseline plain_delegate.first_paint.1000 {plain_first:.0f} ms)"
    )
    print(
        f"figure: jobs_list.scroll_frame.1000.median {statistics.median(frames):.1f} ms "
        f"(baseline plain_delegate.median {statistics.median(plain_frames):.1f} ms; budget 16 ms)"
    )
    print(
        f"figure: jobs_list.scroll_frame.1000.p95 {_p95(frames):.1f} ms "
        f"(baseline plain_delegate.p95 {_p95(plain_frames):.1f} ms; {STEPS} frames)"
    )


if __name__ == "__main__":
    main()
