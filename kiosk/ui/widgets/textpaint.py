"""Painting bilingual text in delegates, with the same fonts and Tibetan metrics as labels."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QTextLayout, QTextOption

from kiosk.i18n import Lang
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.bitext import dedupe
from kiosk.ui.widgets.tibetan_label import ink_layout

Lines = list[tuple[Lang, str]]


def _layout(
    theme: Theme,
    lang: Lang,
    text: str,
    *,
    role: str,
    bold: bool,
    width: float,
    align: Qt.AlignmentFlag,
) -> tuple[QTextLayout, float]:
    font = theme.font(lang, role, bold=bold)
    if lang is Lang.BO:
        return ink_layout(text, font, width, align)
    layout = QTextLayout(text, font)
    option = QTextOption(align)
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    height = 0.0
    spacing = QFontMetricsF(font).lineSpacing()
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        line.setPosition(QPointF(0.0, height))
        height += spacing
    layout.endLayout()
    return layout, height


def block_height(
    theme: Theme, lines: Lines, role: str, width: float, *, bold: bool = False
) -> float:
    """Height of ``lines`` wrapped at ``width``."""
    gap = theme.mm(1)
    lines = dedupe(lines)
    heights = [
        _layout(
            theme, lang, text, role=role, bold=bold, width=width, align=Qt.AlignmentFlag.AlignLeft
        )[1]
        for lang, text in lines
    ]
    return sum(heights) + gap * max(0, len(heights) - 1)


def draw_block(
    painter: QPainter,
    theme: Theme,
    lines: Lines,
    *,
    role: str,
    origin: QPointF,
    width: float,
    colour: str,
    bold: bool = False,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> float:
    """Draw ``lines`` top-down from ``origin``; return the height used."""
    painter.setPen(QColor(colour))
    lines = dedupe(lines)
    y = origin.y()
    gap = theme.mm(1)
    for i, (lang, text) in enumerate(lines):
        layout, height = _layout(theme, lang, text, role=role, bold=bold, width=width, align=align)
        layout.draw(painter, QPointF(origin.x(), y))
        y += height + (gap if i < len(lines) - 1 else 0)
    return y - origin.y()
