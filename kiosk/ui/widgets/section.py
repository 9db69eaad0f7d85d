"""Small shared pieces of screen layout: a section's label column, a white card frame."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.bitext import BiText


def label_column(theme: Theme, width: int) -> tuple[QVBoxLayout, BiText, BiText]:
    """A section's name at the left and a small muted note under it ("your skills" and the
    rating; "my applications" and how many more), both ``width`` wide."""
    column = QVBoxLayout()
    column.setSpacing(theme.mm(1))
    title = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
    note = BiText(theme, "small", align=Qt.AlignmentFlag.AlignLeft, colour=theme.palette.muted)
    for widget in (title, note):
        widget.setFixedWidth(width)
        column.addWidget(widget)
    column.addStretch(1)
    return column, title, note


def frame_card(frame: QFrame, theme: Theme, name: str, border: str | None = None) -> None:
    """A white card with rounded corners (and a coloured frame when ``border`` is given)."""
    frame.setObjectName(name)
    edge = f"border: {theme.mm(0.8)}px solid {border}; " if border else ""
    frame.setStyleSheet(f"#{name} {{ background: #FFFFFF; {edge}border-radius: {theme.mm(2)}px; }}")
