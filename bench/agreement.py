"""The agreement from signing to paper.

- agreement.pdf_ready.median: the signed agreement to its PDF written (A4 and the 80 mm
  roll), the time a worker and employer wait after the second signature. Baseline: the
  same pages with the same words drawn by Qt in one font with no attachments, no QR code
  and no signatures (what the text alone costs), in the same run.
- agreement.pdf.size: the file's size.
- agreement.print.accepted / completed: CUPS taking the job (``lp`` returns) and finishing
  it (two collated copies) on a private cupsd with the cups-pdf printer, when it can run here.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from kiosk.config import load_config
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.i18n import Catalog, Lang
from kiosk.printing.cups import CupsPrinter
from kiosk.services.agreements import sample_agreement
from kiosk.ui.agreement.pdf import printed_text, write_pdf
from kiosk.ui.printout import PAPERS, Pages, new_writer
from kiosk.ui.theme import load_fonts
from kiosk.wiring import agreement_place
from tests.helpers.cups import Cups, available

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 15


def _plain(path: Path, text: str, paper: str) -> None:
    """Baseline: the same words, one paragraph a line, nothing else."""
    spec = PAPERS[paper]
    writer = new_writer(path, spec, "plain")
    pages = Pages(writer, spec)
    try:
        for line in text.splitlines():
            pages.text(Lang.ZH, line, spec.body_pt)
    finally:
        pages.painter.end()
    del pages, writer


def main() -> None:
    """Print the figures."""
    app = QGuiApplication.instance() or QGuiApplication([])
    load_fonts(ROOT / "assets" / "fonts")
    catalog = Catalog(ROOT / "translations")
    config = load_config(None, env={})
    today = dt.datetime.now(LHASA_TZ).date()
    agreement = sample_agreement(agreement_place(config), ROOT / "assets", today)
    text = printed_text(agreement, catalog)
    with tempfile.TemporaryDirectory() as tmp:
        for paper in ("a4", "receipt80"):
            ready, plain = [], []
            out = Path(tmp) / f"{paper}.pdf"
            for _ in range(ROUNDS):
                start = time.perf_counter()
                write_pdf(
                    out,
                    agreement,
                    catalog,
                    paper=paper,
                    verify_base="https://market.example.cn",
                    synced=False,
                )
                ready.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                _plain(Path(tmp) / "plain.pdf", text, paper)
                plain.append((time.perf_counter() - start) * 1000)
            print(
                f"figure: agreement.pdf_ready.{paper}.median {statistics.median(ready):.0f} ms "
                f"(baseline: the same words as plain lines {statistics.median(plain):.0f} ms; "
                f"{ROUNDS} rounds)"
            )
            print(
                f"figure: agreement.pdf.{paper}.size {out.stat().st_size / 1024:.0f} KiB "
                f"(baseline: plain lines {(Path(tmp) / 'plain.pdf').stat().st_size / 1024:.0f} KiB)"
            )
        _print(Path(tmp) / "a4.pdf")
    del app


def _print(pdf: Path) -> None:
    if available() is not None:
        print(f"figure: agreement.print skipped ({available()})")
        return
    cups = Cups.start()
    try:
        cups.add_pdf_printer("bench")
        printer = CupsPrinter("bench", cups.server)
        accepted, completed = [], []
        for _ in range(5):
            start = time.perf_counter()
            job = printer.submit(pdf, copies=2, title="bench")
            accepted.append((time.perf_counter() - start) * 1000)
            while not printer.done(job):
                time.sleep(0.02)
            completed.append(time.perf_counter() - start)
        print(
            f"figure: agreement.print.accepted.median {statistics.median(accepted):.0f} ms "
            f"(lp returned, readiness checked first; 5 jobs of 2 copies)"
        )
        print(
            f"figure: agreement.print.completed.median {statistics.median(completed):.2f} s "
            f"(cups-pdf wrote both copies)"
        )
    finally:
        cups.stop()


if __name__ == "__main__":
    main()
