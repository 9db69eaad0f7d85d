"""The middle of a screen that scrolls by touch when a language or a narrow panel needs
more lines than fit, while the title and the buttons around it stay put."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.kinetic import kinetic


def scroll_body(
    theme: Theme, name: str, spacing_mm: float = 3.0
) -> tuple[QScrollArea, QVBoxLayout]:
    """A kinetic scroll area (no frame, no sideways scrolling) and the column inside it."""
    body = QWidget()
    body.setObjectName(name)
    body.setStyleSheet(f"#{name} {{ background: {theme.palette.background}; }}")
    column = QVBoxLayout(body)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(theme.mm(spacing_mm))
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(body)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    kinetic(area.viewport())
    return area, column
