"""Signing confirmed to PDF ready: what the worker and the employer wait for after "sign and
save" at the kiosk.

- agreement.sign_to_pdf.median: the signing desk keeps the signed agreement (its row and
  its outbox mutation in one SQLite transaction, rules checked again) and the printout is
  written, A4. Baseline, in the same run: the PDF alone, for the same agreement.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from kiosk.config import load_config, resolve_paths, with_overrides
from kiosk.domain.agreement import SignerRecord
from kiosk.domain.profile import ProfileDraft
from kiosk.i18n import Catalog
from kiosk.idcard.demo import SAMPLES
from kiosk.services.agreements import sample_strokes
from kiosk.ui.agreement.pdf import write_pdf
from kiosk.ui.theme import load_fonts
from kiosk.wiring import open_backend, seed_demo

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 15


def main() -> None:
    """Print the figure."""
    app = QGuiApplication.instance() or QGuiApplication([])
    load_fonts(ROOT / "assets" / "fonts")
    catalog = Catalog(ROOT / "translations")
    with tempfile.TemporaryDirectory() as tmp:
        config = with_overrides(load_config(None, env={}), storage={"data_dir": tmp})
        paths = resolve_paths(config, env={})
        paths = dataclasses.replace(paths, assets=ROOT / "assets")
        backend = open_backend(config, paths)
        seed_demo(backend, paths, 600, backend.clock.now().date())
        backend.registration.register(
            SAMPLES["hmt_permit"], "BENCH", ProfileDraft(skills={"banyun": 3}, phone="13812345678")
        )
        worker = backend.session.worker
        assert worker is not None
        desk = backend.signing
        jobs = [m.candidate.job for m in backend.jobs.matches(worker)][:ROUNDS]
        for job in jobs:
            backend.jobs.apply(worker, job.id)
        signed, pdf_only = [], []
        for item in desk.waiting()[: len(jobs)]:
            draft = desk.open(item.application_id)
            now = dt.datetime.now(dt.UTC)
            records = [
                SignerRecord(role, method, "0" * 64, sample_strokes(i).record(), now)
                for i, (role, method) in enumerate((("worker", "card"), ("employer", "phone")))
            ]
            out = Path(tmp) / f"{item.application_id}.pdf"
            start = time.perf_counter()
            agreement = desk.sign(draft, draft.posted, *records)
            write_pdf(
                out, agreement, catalog, paper="a4", verify_base="https://m.example", synced=False
            )
            signed.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            write_pdf(
                out, agreement, catalog, paper="a4", verify_base="https://m.example", synced=False
            )
            pdf_only.append((time.perf_counter() - start) * 1000)
        backend.engine.dispose()
    print(
        f"figure: agreement.sign_to_pdf.median {statistics.median(signed):.0f} ms "
        f"(baseline: the PDF alone {statistics.median(pdf_only):.0f} ms; "
        f"{len(signed)} agreements kept with their outbox rows, SQLite)"
    )
    del app


if __name__ == "__main__":
    main()
