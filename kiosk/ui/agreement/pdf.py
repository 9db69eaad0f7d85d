"""The printed agreement: a bilingual PDF drawn with Qt (``QPdfWriter``; Qt shapes Tibetan
through HarfBuzz and embeds the fonts as text, so the words can be read back from the file),
A4 or an 80 mm receipt roll. Every term in Tibetan and in Chinese, both signatures as drawn,
the station and kiosk, and a QR code with the agreement code, its fingerprint and the
address of its verification page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor, QPainter, QPen

from kiosk.domain.agreement import SignedAgreement, Terms, verify_address
from kiosk.i18n import Catalog, Lang, Ref
from kiosk.ui.agreement.sections import sections, signer_line
from kiosk.ui.printout import PAPERS, Pages, Paper, draw_qr, lines_of, new_writer, say
from kiosk.ui.texts import Message


def write_pdf(
    path: Path,
    agreement: SignedAgreement,
    catalog: Catalog,
    *,
    paper: str,
    verify_base: str,
    synced: bool,
) -> Path:
    """Write the printout to ``path`` (written whole, then renamed into place)."""
    spec = PAPERS[paper]
    tmp = path.with_name(f".{path.name}.part")
    writer = new_writer(tmp, spec, catalog.text("agreement.title", Lang.ZH))
    # What was signed, inside the printout: the canonical document (its SHA-256 is the
    # fingerprint printed and in the QR code), and every printed line as text. A PDF reader
    # cannot give Tibetan back from the page: shaped stacks (གྲ, ཐུ) have no single
    # character to map to, so the words are attached as well as drawn.
    writer.addFileAttachment("signed-agreement.json", agreement.document(), "application/json")
    writer.addFileAttachment(
        "printed-agreement.txt",
        printed_text(agreement, catalog, synced=synced).encode(),
        "text/plain",
    )
    pages = Pages(writer, spec)
    try:
        _draw(pages, agreement, catalog, spec, verify_base, synced)
    finally:
        pages.painter.end()
    del pages, writer  # the file is complete once the writer is gone
    tmp.replace(path)
    return path


def printed_text(agreement: SignedAgreement, catalog: Catalog, *, synced: bool = True) -> str:
    """Every line the printout says, Tibetan then Chinese, as plain text."""
    terms = agreement.terms
    messages: list[Message] = [
        ("agreement.title", None, {}),
        ("agreement.code", None, {"code": terms.code}),
    ]
    for section in sections(terms, agreement.changes):
        messages += [section.heading, *section.lines]
    messages += [
        ("agreement.section.signatures", None, {}),
        signer_line(agreement, "worker"),
        signer_line(agreement, "employer"),
        _footer(terms),
        ("agreement.help", None, {"hours": terms.disputes.desk_hours}),
        ("agreement.verify" if synced else "agreement.offline", None, {}),
    ]
    lines = [text for m in messages for _lang, text in lines_of(catalog, m)]
    return "\n".join([*lines, agreement.fingerprint, ""])


def _footer(terms: Terms) -> Message:
    """Where it was signed: the station (named in each language) and the kiosk."""
    station = Ref(f"place.{terms.station_code}")
    return ("agreement.footer", None, {"station": station, "kiosk": terms.terminal})


def _draw(  # noqa: PLR0917 - the parts of one printout
    pages: Pages,
    agreement: SignedAgreement,
    catalog: Catalog,
    spec: Paper,
    verify_base: str,
    synced: bool,
) -> None:
    terms, body = agreement.terms, spec.body_pt
    say(pages, catalog, ("agreement.title", None, {}), body * 1.8, bold=True)
    say(pages, catalog, ("agreement.code", None, {"code": terms.code}), body, bold=True)
    pages.text(Lang.EN, agreement.fingerprint, body * 0.7, colour="#444444")
    for section in sections(terms, agreement.changes):
        pages.rule()
        say(pages, catalog, section.heading, body * 1.15, bold=True)
        for line in section.lines:
            say(pages, catalog, line, body)
    pages.rule()
    say(pages, catalog, ("agreement.section.signatures", None, {}), body * 1.15, bold=True)
    _signatures(pages, catalog, agreement, spec)
    pages.rule()
    _qr(pages, catalog, agreement, verify_base, synced=synced, body=body)
    say(pages, catalog, _footer(terms), body * 0.85, colour="#333333")
    say(
        pages,
        catalog,
        ("agreement.help", None, {"hours": terms.disputes.desk_hours}),
        body,
        bold=True,
    )


def _signatures(pages: Pages, catalog: Catalog, agreement: SignedAgreement, spec: Paper) -> None:
    gap = pages.mm(6)
    width = pages.width if spec.stacked else (pages.width - gap) // 2
    height = pages.mm(28 if spec.stacked else 34)
    signers = (("worker", agreement.worker), ("employer", agreement.employer))
    if spec.stacked:
        for role, signer in signers:
            pages.room(height + pages.mm(12))
            _ink(pages, signer.strokes, QRect(pages.left, pages.y, width, height))
            pages.y += height + pages.mm(1)
            say(pages, catalog, signer_line(agreement, role), spec.body_pt * 0.9)
        return
    pages.room(height + pages.mm(22))
    top = pages.y
    bottoms = []
    for i, (role, signer) in enumerate(signers):
        left = pages.left + i * (width + gap)
        pages.y = top
        _ink(pages, signer.strokes, QRect(left, top, width, height))
        pages.y = top + height + pages.mm(1)
        for lang, text in lines_of(catalog, signer_line(agreement, role)):
            pages.text(lang, text, spec.body_pt * 0.9, width=width, left=left, gap_mm=0.2)
        bottoms.append(pages.y)
    pages.y = max(bottoms)


def _ink(pages: Pages, record: dict[str, Any], box: QRect) -> None:
    """The strokes as drawn, scaled into the box (kept in proportion)."""
    x, y, w, h = box.x(), box.y(), box.width(), box.height()
    p = pages.painter
    p.setPen(QPen(QColor("#999999"), pages.mm(0.2)))
    p.drawRect(x, y, w, h)
    pad_w, pad_h = record["pad"]
    scale = min(w / max(1, pad_w), h / max(1, pad_h))
    ox, oy = x + (w - pad_w * scale) / 2, y + (h - pad_h * scale) / 2
    p.setPen(QPen(QColor("#0b2a6b"), pages.mm(0.45)))
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    for stroke in record["strokes"]:
        points = [QPointF(ox + px * scale, oy + py * scale) for px, py, _t in stroke]
        if len(points) > 1:
            p.drawPolyline(points)


def _qr(
    pages: Pages,
    catalog: Catalog,
    agreement: SignedAgreement,
    verify_base: str,
    *,
    synced: bool,
    body: float,
) -> None:
    address = verify_address(verify_base, agreement.terms.code, agreement.fingerprint)
    text_left, text_width = draw_qr(pages, address)
    note = "agreement.verify" if synced else "agreement.offline"
    for lang, text in lines_of(catalog, (note, None, {})):
        pages.text(lang, text, body * 0.9, width=text_width, left=text_left)
    pages.text(Lang.EN, address, body * 0.6, width=text_width, left=text_left, colour="#444444")
    pages.y = max(pages.y, pages.qr_bottom)
