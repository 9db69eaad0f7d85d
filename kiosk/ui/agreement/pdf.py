"""The printed agreement: a bilingual PDF drawn with Qt (``QPdfWriter``; Qt shapes Tibetan
through HarfBuzz and embeds the fonts as text, so the words can be read back from the file),
A4 or an 80 mm receipt roll. Every term in Tibetan and in Chinese, both signatures as drawn,
the station and kiosk, and a QR code with the agreement code, its fingerprint and the
address of its verification page."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import qrcode
from PySide6.QtCore import QMarginsF, QPointF, QRect, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

from kiosk.domain.agreement import SignedAgreement, verify_address
from kiosk.i18n import Catalog, Lang, Mode
from kiosk.ui.agreement.sections import sections, signer_line
from kiosk.ui.texts import Message
from kiosk.ui.theme import CJK_FAMILY, LATIN_FAMILY, TIBETAN_FAMILY

DPI = 300
# Tibetan letters sit small in their em square: at the same point size they read about a
# third smaller than Chinese characters (looked at on the printed page).
TIBETAN_SCALE = 1.2
# Noto Serif Tibetan's line spacing is twice the Chinese font's (room for the deepest
# stacks); running text needs about two thirds of it.
TIBETAN_LEADING = 0.68
# Latin letters and digits from the Latin font even in a Chinese line: the CJK font's
# digits did not map back to text in the PDF (a check that reads it found "K PD- XQM").
FAMILIES = {
    Lang.BO: (TIBETAN_FAMILY, LATIN_FAMILY, CJK_FAMILY),
    Lang.ZH: (LATIN_FAMILY, CJK_FAMILY),
    Lang.EN: (LATIN_FAMILY, CJK_FAMILY),
}


@dataclass(frozen=True)
class Paper:
    """A page size and how big the words are on it."""

    width_mm: float
    height_mm: float
    margin_mm: float
    body_pt: float
    stacked: bool  # signatures one under the other (a narrow roll)


PAPERS = {
    "a4": Paper(210, 297, 14, 10.0, stacked=False),
    "receipt80": Paper(80, 297, 4, 8.5, stacked=True),
}


class _Pages:
    """Draws top to bottom, starting a new page when the next block does not fit."""

    def __init__(self, writer: QPdfWriter, paper: Paper) -> None:
        self.writer, self.paper = writer, paper
        self.painter = QPainter(writer)
        self.px = DPI / 25.4  # device pixels per mm
        self.left = 0
        self.width = writer.width()
        self.bottom = writer.height()
        self.y = 0

    def mm(self, value: float) -> int:
        return round(value * self.px)

    def font(self, lang: Lang, size_pt: float, *, bold: bool = False) -> QFont:
        font = QFont(list(FAMILIES[lang]))
        font.setPointSizeF(size_pt * (TIBETAN_SCALE if lang is Lang.BO else 1.0))
        font.setBold(bold)
        return font

    def room(self, height: int) -> None:
        if self.y + height > self.bottom:
            self.writer.newPage()
            self.y = 0

    def layout(
        self, lang: Lang, text: str, size_pt: float, width: int, *, bold: bool
    ) -> QTextLayout:
        """The paragraph wrapped to ``width``, its lines placed (Tibetan with the tighter
        leading of :data:`TIBETAN_LEADING`)."""
        font = self.font(lang, size_pt, bold=bold)
        layout = QTextLayout(text, font, self.writer)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        leading = TIBETAN_LEADING if lang is Lang.BO else 1.0
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height() * leading
        layout.endLayout()
        return layout

    @staticmethod
    def height_of(layout: QTextLayout) -> int:
        """The placed lines' height (the last line whole)."""
        count = layout.lineCount()
        if count == 0:
            return 0
        last = layout.lineAt(count - 1)
        return math.ceil(last.y() + last.height())

    def measure(self, lang: Lang, text: str, size_pt: float, width: int, *, bold: bool) -> int:
        """How tall a wrapped paragraph is."""
        return self.height_of(self.layout(lang, text, size_pt, width, bold=bold))

    def text(
        self,
        lang: Lang,
        text: str,
        size_pt: float,
        *,
        bold: bool = False,
        colour: str = "#000000",
        gap_mm: float = 0.8,
        width: int | None = None,
        left: int | None = None,
    ) -> int:
        """One wrapped paragraph; its height."""
        x, w = self.left if left is None else left, self.width if width is None else width
        layout = self.layout(lang, text, size_pt, w, bold=bold)
        height = self.height_of(layout)
        self.room(height)
        self.painter.setPen(QColor(colour))
        layout.draw(self.painter, QPointF(x, self.y))
        self.y += height + self.mm(gap_mm)
        return height

    def rule(self) -> None:
        self.room(self.mm(3))
        self.y += self.mm(1)
        self.painter.setPen(QPen(QColor("#777777"), self.mm(0.2)))
        self.painter.drawLine(self.left, self.y, self.left + self.width, self.y)
        self.y += self.mm(2)


def _lines(catalog: Catalog, message: Message) -> list[tuple[Lang, str]]:
    msgid, n, fmt = message
    if n is not None:
        return catalog.plural_lines(msgid, f"{msgid}.plural", n, Mode.BOTH, **fmt)
    return catalog.lines(msgid, Mode.BOTH, **fmt)


def write_pdf(
    path: Path,
    agreement: SignedAgreement,
    catalog: Catalog,
    *,
    paper: str,
    verify_base: str,
    synced: bool,
    station: str,
) -> Path:
    """Write the printout to ``path`` (written whole, then renamed into place)."""
    spec = PAPERS[paper]
    tmp = path.with_name(f".{path.name}.part")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(DPI)
    writer.setTitle(catalog.text("agreement.title", Lang.ZH))
    writer.setCreator("gig-station kiosk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QSizeF(spec.width_mm, spec.height_mm), QPageSize.Unit.Millimeter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(spec.margin_mm, spec.margin_mm, spec.margin_mm, spec.margin_mm),
            QPageLayout.Unit.Millimeter,
        )
    )
    # What was signed, inside the printout: the canonical document (its SHA-256 is the
    # fingerprint printed and in the QR code), and every printed line as text. A PDF reader
    # cannot give Tibetan back from the page: shaped stacks (གྲ, ཐུ) have no single
    # character to map to, so the words are attached as well as drawn.
    writer.addFileAttachment("signed-agreement.json", agreement.document(), "application/json")
    writer.addFileAttachment(
        "printed-agreement.txt", printed_text(agreement, catalog, station).encode(), "text/plain"
    )
    pages = _Pages(writer, spec)
    try:
        _draw(pages, agreement, catalog, spec, verify_base, synced, station)
    finally:
        pages.painter.end()
    del pages, writer  # the file is complete once the writer is gone
    tmp.replace(path)
    return path


def printed_text(agreement: SignedAgreement, catalog: Catalog, station: str) -> str:
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
        ("agreement.footer", None, {"station": station, "kiosk": terms.terminal}),
        ("agreement.help", None, {"hours": terms.disputes.desk_hours}),
    ]
    lines = [text for m in messages for _lang, text in _lines(catalog, m)]
    return "\n".join([*lines, agreement.fingerprint, ""])


def _say(pages: _Pages, catalog: Catalog, message: Message, size: float, **kw: Any) -> None:
    """A message in Tibetan and Chinese: side by side on A4 (Tibetan on the left), one
    under the other on a narrow roll; the two always kept together."""
    lines = _lines(catalog, message)
    if pages.paper.stacked:
        for i, (lang, text) in enumerate(lines):
            gap = 1.8 if i == len(lines) - 1 else 0.2
            pages.text(lang, text, size, gap_mm=gap, **kw)
        return
    gutter = pages.mm(6)
    column = (pages.width - gutter) // 2
    bold = bool(kw.get("bold", False))
    pages.room(max(pages.measure(lang, text, size, column, bold=bold) for lang, text in lines))
    top, bottoms = pages.y, []
    for i, (lang, text) in enumerate(lines):
        pages.y = top
        left = pages.left + i * (column + gutter)
        pages.text(lang, text, size, gap_mm=1.8, width=column, left=left, **kw)
        bottoms.append(pages.y)
    pages.y = max(bottoms)


def _draw(  # noqa: PLR0917 - the parts of one printout
    pages: _Pages,
    agreement: SignedAgreement,
    catalog: Catalog,
    spec: Paper,
    verify_base: str,
    synced: bool,
    station: str,
) -> None:
    terms, body = agreement.terms, spec.body_pt
    _say(pages, catalog, ("agreement.title", None, {}), body * 1.8, bold=True)
    _say(pages, catalog, ("agreement.code", None, {"code": terms.code}), body, bold=True)
    pages.text(Lang.EN, agreement.fingerprint, body * 0.7, colour="#444444")
    for section in sections(terms, agreement.changes):
        pages.rule()
        _say(pages, catalog, section.heading, body * 1.15, bold=True)
        for line in section.lines:
            _say(pages, catalog, line, body)
    pages.rule()
    _say(pages, catalog, ("agreement.section.signatures", None, {}), body * 1.15, bold=True)
    _signatures(pages, catalog, agreement, spec)
    pages.rule()
    _qr(pages, catalog, agreement, verify_base, synced=synced, body=body)
    _say(
        pages,
        catalog,
        ("agreement.footer", None, {"station": station, "kiosk": terms.terminal}),
        body * 0.85,
        colour="#333333",
    )
    _say(
        pages,
        catalog,
        ("agreement.help", None, {"hours": terms.disputes.desk_hours}),
        body,
        bold=True,
    )


def _signatures(pages: _Pages, catalog: Catalog, agreement: SignedAgreement, spec: Paper) -> None:
    gap = pages.mm(6)
    width = pages.width if spec.stacked else (pages.width - gap) // 2
    height = pages.mm(28 if spec.stacked else 34)
    signers = (("worker", agreement.worker), ("employer", agreement.employer))
    if spec.stacked:
        for role, signer in signers:
            pages.room(height + pages.mm(12))
            _ink(pages, signer.strokes, QRect(pages.left, pages.y, width, height))
            pages.y += height + pages.mm(1)
            _say(pages, catalog, signer_line(agreement, role), spec.body_pt * 0.9)
        return
    pages.room(height + pages.mm(22))
    top = pages.y
    bottoms = []
    for i, (role, signer) in enumerate(signers):
        left = pages.left + i * (width + gap)
        pages.y = top
        _ink(pages, signer.strokes, QRect(left, top, width, height))
        pages.y = top + height + pages.mm(1)
        for lang, text in _lines(catalog, signer_line(agreement, role)):
            pages.text(lang, text, spec.body_pt * 0.9, width=width, left=left, gap_mm=0.2)
        bottoms.append(pages.y)
    pages.y = max(bottoms)


def _ink(pages: _Pages, record: dict[str, Any], box: QRect) -> None:
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
    pages: _Pages,
    catalog: Catalog,
    agreement: SignedAgreement,
    verify_base: str,
    *,
    synced: bool,
    body: float,
) -> None:
    address = verify_address(verify_base, agreement.terms.code, agreement.fingerprint)
    code = qrcode.QRCode(border=0, error_correction=qrcode.ERROR_CORRECT_M)
    code.add_data(address)
    code.make(fit=True)
    matrix = code.get_matrix()
    side = pages.mm(30)
    module = side / len(matrix)
    quiet = round(module * 4)
    pages.room(side + 2 * quiet + pages.mm(2))
    p = pages.painter
    x0, y0 = pages.left + quiet, pages.y + quiet
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#000000"))
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                p.drawRect(
                    round(x0 + c * module),
                    round(y0 + r * module),
                    round(x0 + (c + 1) * module) - round(x0 + c * module),
                    round(y0 + (r + 1) * module) - round(y0 + r * module),
                )
    p.setBrush(Qt.BrushStyle.NoBrush)
    text_left = pages.left + side + 2 * quiet + pages.mm(2)
    text_width = pages.width - (text_left - pages.left)
    top, pages.y = pages.y, pages.y + quiet
    note = "agreement.verify" if synced else "agreement.offline"
    for lang, text in _lines(catalog, (note, None, {})):
        pages.text(lang, text, body * 0.9, width=text_width, left=text_left)
    pages.text(Lang.EN, address, body * 0.6, width=text_width, left=text_left, colour="#444444")
    pages.y = max(pages.y, top + side + 2 * quiet)
