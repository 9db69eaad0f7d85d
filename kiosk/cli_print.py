"""The printout commands of ``kiosk-admin``: a signed sample agreement (``agreement-pdf``),
a printer test page (``print-test``) and an agreement printed again exactly as signed
(``reprint``: the same document, fingerprint and QR code)."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import sys
import tempfile
from pathlib import Path

from kiosk.config import Config, Paths
from kiosk.i18n import Catalog, Lang

EXIT_FAILED, EXIT_USAGE = 1, 2
EXAMPLE_VERIFY = "https://market.example.cn"  # a sample's QR code when nothing is set


@functools.cache
def _gui() -> object:
    """One Qt application for the command, kept alive by the cache (no window needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

    return QGuiApplication.instance() or QGuiApplication([])


def _catalog_with_fonts(paths: Paths) -> Catalog:
    """Qt's fonts (a PDF embeds them) and the catalog."""
    from kiosk.ui.theme import load_fonts  # noqa: PLC0415

    _gui()
    load_fonts(paths.assets / "fonts")
    return Catalog(paths.translations)


def send_to_printer(config: Config, paths: Paths, pdf: Path, *, copies: int, title: str) -> int:
    """Print ``pdf`` on the configured queue and wait; one line for the technician."""
    from kiosk.printing.cups import PrintError  # noqa: PLC0415
    from kiosk.wiring import make_printer  # noqa: PLC0415

    try:
        done = make_printer(config).print_pdf(pdf, copies=copies, title=title)
    except PrintError as exc:
        words = Catalog(paths.translations).text(f"print.problem.{exc.reason}", Lang.EN)
        print(
            f"kiosk-admin: not printed: {words}" + (f" ({exc.detail})" if exc.detail else ""),
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(f"printed: job {done.job_id} on {config.printer.queue} in {done.seconds:.1f} s")
    return 0


def agreement_pdf(args: argparse.Namespace, config: Config, paths: Paths) -> int:
    """A signed sample agreement from the demo data, written to a PDF file (and printed)."""
    from kiosk.domain.timeutil import LHASA_TZ  # noqa: PLC0415
    from kiosk.services.agreements import sample_agreement  # noqa: PLC0415
    from kiosk.ui.agreement.pdf import write_pdf  # noqa: PLC0415
    from kiosk.wiring import agreement_place, verify_base  # noqa: PLC0415

    if not args.demo:
        print("kiosk-admin: agreement-pdf writes a sample: add --demo", file=sys.stderr)
        return EXIT_USAGE
    catalog = _catalog_with_fonts(paths)
    today = dt.datetime.now(LHASA_TZ).date()
    agreement = sample_agreement(agreement_place(config), paths.assets, today)
    out = write_pdf(
        args.path,
        agreement,
        catalog,
        paper=args.paper or config.agreement.paper,
        verify_base=verify_base(config, paths) or EXAMPLE_VERIFY,
        synced=False,
    )
    print(f"{out}  {agreement.terms.code}  {agreement.fingerprint}")
    if args.print:
        code = agreement.terms.code
        return send_to_printer(config, paths, out, copies=config.printer.copies, title=code)
    return 0


def print_test(config: Config, paths: Paths) -> int:
    """A test page: Tibetan and Chinese text and a QR code."""
    from kiosk.domain.timeutil import LHASA_TZ  # noqa: PLC0415
    from kiosk.ui.agreement.testpage import write_test_page  # noqa: PLC0415

    if not config.printer.queue:
        print("kiosk-admin: no printer: set [printer] queue", file=sys.stderr)
        return EXIT_USAGE
    catalog = _catalog_with_fonts(paths)
    with tempfile.TemporaryDirectory(prefix="kiosk-print-") as tmp:
        pdf = Path(tmp) / "test-page.pdf"
        write_test_page(
            pdf,
            catalog,
            paper=config.agreement.paper,
            station_code=config.terminal.station_code,
            terminal=config.terminal.name,
            when=dt.datetime.now(LHASA_TZ),
        )
        return send_to_printer(config, paths, pdf, copies=1, title="test page")


def reprint(args: argparse.Namespace, config: Config, paths: Paths) -> int:
    """Write the agreement's PDF again and print it (and keep it at ``--out``)."""
    from kiosk.domain.agreement_doc import DocumentError, read_document  # noqa: PLC0415
    from kiosk.store.agreements import AgreementRepository  # noqa: PLC0415
    from kiosk.ui.agreement.pdf import write_pdf  # noqa: PLC0415
    from kiosk.wiring import open_backend, verify_base  # noqa: PLC0415

    if not config.printer.queue and args.out is None:
        print("kiosk-admin: no printer ([printer] queue): give --out PATH", file=sys.stderr)
        return EXIT_USAGE
    base = verify_base(config, paths)
    if base is None:
        print(
            "kiosk-admin: no verification address: set [agreement] verify_url or enrol",
            file=sys.stderr,
        )
        return EXIT_USAGE
    backend = open_backend(config, paths)
    try:
        repo = AgreementRepository(backend.engine)
        code = args.code.strip().upper()
        document, status = repo.document(code), repo.status(code)
    finally:
        backend.engine.dispose()
    if document is None:
        print(f"kiosk-admin: no agreement {code} at this kiosk", file=sys.stderr)
        return EXIT_FAILED
    try:
        agreement = read_document(document)
    except DocumentError as exc:
        print(f"kiosk-admin: agreement {code} is damaged ({exc})", file=sys.stderr)
        return EXIT_FAILED
    catalog = _catalog_with_fonts(paths)
    with tempfile.TemporaryDirectory(prefix="kiosk-reprint-") as tmp:
        pdf = args.out or Path(tmp) / f"{code}.pdf"
        write_pdf(
            pdf,
            agreement,
            catalog,
            paper=config.agreement.paper,
            verify_base=base,
            synced=status == "sent",
        )
        print(f"{pdf}  {code}  {agreement.fingerprint}")
        if not config.printer.queue:
            return 0
        copies = args.copies or config.printer.copies
        return send_to_printer(config, paths, pdf, copies=copies, title=code)
