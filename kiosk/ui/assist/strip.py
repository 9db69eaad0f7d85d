"""The strip under every screen of an assisted visit: staff are acting for this worker, who
may stop them at any time. Seen by the worker and by anyone passing, for as long as it lasts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from kiosk.ui.texts import Texts
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.bitext import BiText


class AssistStrip(QFrame):
    """A full-width band in the staff colour; hidden unless a visit is assisted."""

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = texts
        self.setObjectName("assistStrip")
        self.setStyleSheet(f"#assistStrip {{ background: {theme.palette.staff_bg}; }}")
        row = QHBoxLayout(self)
        pad = theme.mm(2)
        row.setContentsMargins(theme.mm(8), pad, theme.mm(8), pad)
        self.text = BiText(
            theme, "small", bold=True, colour=theme.palette.staff_text,
            align=Qt.AlignmentFlag.AlignLeft,
        )  # fmt: skip
        row.addWidget(self.text, 1)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """The text in the current mode."""
        self.text.set_lines(self.texts.lines("assist.strip"))
