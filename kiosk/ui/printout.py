"""Drawing a printout with Qt, top to bottom: bilingual paragraphs (Tibetan beside or above
Chinese), rules, pages that break where the next block does not fit, and QR codes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import qrcode
from PySide6.QtCore import QMarginsF, QPointF, QSizeF, Qt
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

from kiosk.i18n import Catalog, Lang, Mode
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


def new_writer(path: Path, spec: Paper, title: str) -> QPdfWriter:
    """A PDF writer for ``spec`` at :data:`DPI`."""
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setTitle(title)
    writer.setCreator("gig-station kiosk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QSizeF(spec.width_mm, spec.height_mm), QPageSize.Unit.Millimeter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(spec.margin_mm, spec.margin_mm, spec.margin_mm, spec.margin_mm),
            QPageLayout.Unit.Millimeter,
        )
    )
    return writer


class Pages:
    """Draws top to bottom, starting a new page when the next block does not fit."""

    def __init__(self, writer: QPdfWriter, paper: Paper) -> None:
        self.writer, self.paper = writer, paper
        self.painter = QPainter(writer)
        self.px = DPI / 25.4  # device pixels per mm
        self.left = 0
        self.width = writer.width()
        self.bottom = writer.height()
        self.y = 0
        self.qr_bottom = 0

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


def lines_of(catalog: Catalog, message: Message) -> list[tuple[Lang, str]]:
    msgid, n, fmt = message
    if n is not None:
        return catalog.plural_lines(msgid, f"{msgid}.plural", n, Mode.BOTH, **fmt)
    return catalog.lines(msgid, Mode.BOTH, **fmt)


def say(pages: Pages, catalog: Catalog, message: Message, size: float, **kw: Any) -> None:
    """A message in Tibetan and Chinese: side by side on A4 (Tibetan on the left), one
    under the other on a narrow roll; the two always kept together."""
    lines = lines_of(catalog, message)
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


def draw_qr(pages: Pages, data: str, side_mm: float = 30) -> tuple[int, int]:
    """A QR code of ``data`` at the left, with its quiet zone; (text left, text width) for
    what is said beside it. ``pages.y`` is left at the code's top."""
    code = qrcode.QRCode(border=0, error_correction=qrcode.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    side = pages.mm(side_mm)
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
    pages.qr_bottom = pages.y + side + 2 * quiet
    pages.y += quiet
    text_left = pages.left + side + 2 * quiet + pages.mm(2)
    return text_left, pages.width - (text_left - pages.left)
