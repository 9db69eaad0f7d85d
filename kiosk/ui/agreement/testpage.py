"""The technician's printer test page: Tibetan and Chinese text and a QR code, so one sheet
shows the printer, the fonts and the code's sharpness are all good."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kiosk.i18n import Catalog, Lang, Ref
from kiosk.ui.printout import PAPERS, Pages, draw_qr, lines_of, new_writer, say


def write_test_page(
    path: Path,
    catalog: Catalog,
    *,
    paper: str,
    station_code: str,
    terminal: str,
    when: dt.datetime,
) -> str:
    """Write the test page to ``path``; the text its QR code carries."""
    spec = PAPERS[paper]
    writer = new_writer(path, spec, catalog.text("print.test_title", Lang.ZH))
    pages = Pages(writer, spec)
    data = f"gig-kiosk print test {terminal} {when:%Y-%m-%dT%H:%M}"
    try:
        body = spec.body_pt
        say(pages, catalog, ("print.test_title", None, {}), body * 1.8, bold=True)
        say(
            pages,
            catalog,
            (
                "print.test_where",
                None,
                {"station": Ref(f"place.{station_code}"), "kiosk": terminal},
            ),
            body,
        )
        say(pages, catalog, ("print.test_when", None, {"when": f"{when:%Y-%m-%d %H:%M}"}), body)
        pages.rule()
        text_left, text_width = draw_qr(pages, data)
        for lang, text in lines_of(catalog, ("print.test_check", None, {})):
            pages.text(lang, text, body, width=text_width, left=text_left)
        pages.y = max(pages.y, pages.qr_bottom)
    finally:
        pages.painter.end()
    del pages, writer
    return data
