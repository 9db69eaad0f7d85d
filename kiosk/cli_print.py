"""``kiosk-admin reprint CODE``: a signed agreement printed again from the kiosk's own
copy, exactly as signed (the same document, fingerprint and QR code)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from kiosk.config import Config, Paths

EXIT_FAILED, EXIT_USAGE = 1, 2


def reprint(args: argparse.Namespace, config: Config, paths: Paths) -> int:
    """Write the agreement's PDF again and print it (and keep it at ``--out``)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

    from kiosk.cli import send_to_printer  # noqa: PLC0415
    from kiosk.domain.agreement_doc import DocumentError, read_document  # noqa: PLC0415
    from kiosk.i18n import Catalog, Lang  # noqa: PLC0415
    from kiosk.store.agreements import AgreementRepository  # noqa: PLC0415
    from kiosk.ui.agreement.pdf import write_pdf  # noqa: PLC0415
    from kiosk.ui.theme import load_fonts  # noqa: PLC0415
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
    app = QGuiApplication.instance() or QGuiApplication([])
    load_fonts(paths.assets / "fonts")
    catalog = Catalog(paths.translations)
    station = catalog.text(f"place.{config.terminal.station_code}", Lang.ZH)
    with tempfile.TemporaryDirectory(prefix="kiosk-reprint-") as tmp:
        pdf = args.out or Path(tmp) / f"{code}.pdf"
        write_pdf(
            pdf,
            agreement,
            catalog,
            paper=config.agreement.paper,
            verify_base=base,
            synced=status == "sent",
            station=station,
        )
        del app
        print(f"{pdf}  {code}  {agreement.fingerprint}")
        if not config.printer.queue:
            return 0
        copies = args.copies or config.printer.copies
        return send_to_printer(config, paths, pdf, copies=copies, title=code)
