"""A label that sets Tibetan lines by the ink they contain, not the font's reserve.

Noto Serif Tibetan reserves ~1.47 em above and ~1.35 em below the baseline (2.8 em a line)
for the deepest Sanskrit stacks. The kiosk's own text needs about 1.1 em above and 0.5 em
below, more only for deep stacks. So each line is placed from the ink of its own shaped
glyphs plus a margin: vowel marks and subjoined letters cannot be cut, because the bounds
are those of the very glyphs drawn, and screens get about a third more room.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QWidget

MARGIN_EM = 0.1  # above the highest and below the lowest glyph of each line
MIN_ABOVE_EM = 1.1  # room for vowel marks on every line, so lines and buttons align
MIN_BELOW_EM = 0.5
INK_CACHE_SIZE = 20_000
# Ink depends only on a line's text and font; list rows repeat the same strings.
_INK_CACHE: dict[tuple[str, str], tuple[float, float]] = {}


def _ink_extent(line: QTextLine) -> tuple[float, float]:
    """Ink above and below the baseline of a laid-out line, from its shaped glyphs.

    QFontMetricsF.tightBoundingRect measures unshaped glyphs and misses vowel marks and
    subjoined letters; QGlyphRun.boundingRect gives the font's line box. Only the raw
    glyph bounds at their shaped positions tell where the ink is.
    """
    baseline = line.y() + line.ascent()
    top = bottom = baseline
    for run in line.glyphRuns():
        raw = run.rawFont()
        for glyph, pos in zip(run.glyphIndexes(), run.positions(), strict=True):
            rect = raw.boundingRect(glyph).translated(pos)
            top, bottom = min(top, rect.top()), max(bottom, rect.bottom())
    return baseline - top, bottom - baseline


def ink_layout(
    text: str, font: QFont, width: float, alignment: Qt.AlignmentFlag
) -> tuple[QTextLayout, float]:
    """Lay ``text`` out at ``width``, lines placed by their ink; return layout and height."""
    layout = QTextLayout(text, font)
    option = QTextOption(alignment)
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    em = float(font.pixelSize())
    lines: list[QTextLine] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        line.setPosition(QPointF(0.0, 0.0))
        lines.append(line)
    layout.endLayout()
    y = 0.0
    font_key = font.key()
    for line in lines:
        piece = text[line.textStart() : line.textStart() + line.textLength()]
        cached = _INK_CACHE.get((piece, font_key))
        if cached is None:
            cached = _INK_CACHE.setdefault((piece, font_key), _ink_extent(line))
            if len(_INK_CACHE) > INK_CACHE_SIZE:
                _INK_CACHE.clear()
        ink_above, ink_below = cached
        above = max(ink_above, MIN_ABOVE_EM * em) + MARGIN_EM * em
        below = max(ink_below, MIN_BELOW_EM * em) + MARGIN_EM * em
        line.setPosition(QPointF(0.0, y + above - line.ascent()))
        y += above + below
    return layout, y


# Layouts ask a label's height for many widths, again and again, while a screen settles
# (6,000 layouts a card tap, measured): the height depends only on text, font and width.
_HEIGHT_CACHE: dict[tuple[str, str, int], float] = {}
_ADVANCE_CACHE: dict[tuple[str, str], float] = {}


def ink_height(text: str, font: QFont, width: int) -> float:
    """Height of ``text`` laid out by its ink at ``width`` (cached)."""
    key = (text, font.key(), width)
    height = _HEIGHT_CACHE.get(key)
    if height is None:
        height = ink_layout(text, font, width, Qt.AlignmentFlag.AlignLeft)[1]
        if len(_HEIGHT_CACHE) > INK_CACHE_SIZE:
            _HEIGHT_CACHE.clear()
        _HEIGHT_CACHE[key] = height
    return height


def one_line_width(text: str, font: QFont) -> float:
    """The advance of ``text`` on one line (cached)."""
    key = (text, font.key())
    width = _ADVANCE_CACHE.get(key)
    if width is None:
        width = QFontMetricsF(font).horizontalAdvance(text)
        if len(_ADVANCE_CACHE) > INK_CACHE_SIZE:
            _ADVANCE_CACHE.clear()
        _ADVANCE_CACHE[key] = width
    return width


class TibetanLabel(QLabel):
    """Word-wrapping label whose height follows the glyphs (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.colour = QColor("#000000")

    def set_colour(self, colour: str) -> None:
        """Text colour (painted by us, so the style sheet's colour does not apply)."""
        if QColor(colour) != self.colour:
            self.colour = QColor(colour)
            self.update()

    def _layout(self, width: float) -> tuple[QTextLayout, float]:
        return ink_layout(self.text(), self.font(), width, self.alignment())

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        """Height of the text wrapped at ``width``."""
        if not self.text():
            return 0
        return int(ink_height(self.text(), self.font(), width)) + 1

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """One unwrapped line."""
        width = int(one_line_width(self.text(), self.font())) + 2
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As narrow as one syllable, as tall as one line."""
        return QSize(min(self.sizeHint().width(), 40), self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Draw the tight layout, vertically centred in the space given."""
        layout, height = self._layout(self.width())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(self.colour)
        top = 0.0
        if self.alignment() & Qt.AlignmentFlag.AlignVCenter:
            top = max(0.0, (self.height() - height) / 2)
        elif self.alignment() & Qt.AlignmentFlag.AlignBottom:
            top = max(0.0, self.height() - height)
        layout.draw(painter, QPointF(0.0, top), [], QRectF(self.rect()))
        painter.end()
