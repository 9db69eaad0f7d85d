"""A bilingual text block: one QLabel per script, Tibetan above Chinese.

UX.md: a two-line label in one widget lost its Chinese line and a stylesheet min-height cut
Tibetan vowel marks, so each script gets its own label sized by its own font metrics.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import Lang
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.tibetan_label import TibetanLabel


def dedupe(lines: list[tuple[Lang, str]]) -> list[tuple[Lang, str]]:
    """Drop a line whose text repeats the line above it."""
    out: list[tuple[Lang, str]] = []
    for lang, text in lines:
        if not out or out[-1][1] != text:
            out.append((lang, text))
    return out


class BiText(QWidget):
    """Shows ``[(lang, text), ...]`` as stacked labels in the fonts of their scripts."""

    def __init__(
        self,
        theme: Theme,
        role: str = "primary",
        *,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
        colour: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.theme, self.role, self.bold, self.align = theme, role, bold, align
        self.colour = colour or theme.palette.text
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(theme.mm(1.5))
        self.labels: list[QLabel] = []
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_lines(self, lines: list[tuple[Lang, str]]) -> None:
        """Replace the text; reuses labels so a language switch does not flicker.

        A line identical to the one above (times, numbers) is shown once.
        """
        lines = dedupe(lines)
        # Tibetan needs a TibetanLabel; a slot changes kind when the language of a line does.
        for i, (lang, _) in enumerate(lines):
            want_tibetan = lang is Lang.BO
            if i < len(self.labels) and isinstance(self.labels[i], TibetanLabel) != want_tibetan:
                old = self.labels[i]
                new = self._new_label(want_tibetan)
                self._layout.replaceWidget(old, new)
                old.hide()  # deleteLater waits for the event loop; never show both meanwhile
                old.deleteLater()
                self.labels[i] = new
            elif i >= len(self.labels):
                label = self._new_label(want_tibetan)
                self._layout.addWidget(label)
                self.labels.append(label)
        style = f"color: {self.colour}; background: transparent;"
        for label, (lang, text) in zip(self.labels, lines, strict=False):
            # Only what changed: style sheets and fonts re-polish a label (a tap sets ~3,000).
            font = self.theme.font(lang, self.role, bold=self.bold)
            if label.font() != font:
                label.setFont(font)
            if label.alignment() != self.align:
                label.setAlignment(self.align)
            if label.styleSheet() != style:
                label.setStyleSheet(style)
            if isinstance(label, TibetanLabel):
                label.set_colour(self.colour)
            label.setProperty("lang", lang.value)
            if label.text() != text:
                label.setText(text)
            if label.isHidden():
                label.show()
        for label in self.labels[len(lines) :]:
            label.hide()
            label.setText("")

    def line_width(self) -> int:
        """The width of the longest line set on one line (no wrapping)."""
        widths = [
            QFontMetricsF(label.font()).horizontalAdvance(label.text())
            for label in self.labels
            if not label.isHidden() and label.text()
        ]
        return math.ceil(max(widths, default=0.0))

    def _new_label(self, tibetan: bool) -> QLabel:
        label = TibetanLabel(self) if tibetan else QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        return label

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        """Wrapped lines: the height depends on the width given."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        """The labels' heights at ``width`` plus spacing."""
        shown = [lb for lb in self.labels if not lb.isHidden()]
        if not shown:
            return 0
        return sum(lb.heightForWidth(width) for lb in shown) + self._layout.spacing() * (
            len(shown) - 1
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """One unwrapped line per script; the layout asks heightForWidth for the real width.

        QLabel's own hint guesses a narrow width for wrapped text and asks for several
        lines of Tibetan (2.8 em each), which would push screens past the panel height.
        """
        return QSize(self.theme.mm(40), self.sizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Each line unwrapped, as wide as its text."""
        shown = [lb for lb in self.labels if not lb.isHidden()]
        if not shown:
            return QSize(0, 0)
        width = max(
            lb.sizeHint().width()
            if isinstance(lb, TibetanLabel)
            else lb.fontMetrics().horizontalAdvance(lb.text()) + 2
            for lb in shown
        )
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Re-ask the layout when the width changes (wrapping may change the height)."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()

    def texts(self) -> list[str]:
        """The visible lines (for tests and the accessibility audit)."""
        return [lb.text() for lb in self.labels if not lb.isHidden()]
