"""A white, rounded tile for a figure on the staff's screens."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.ui.theme import Theme


def figure_tile(theme: Theme, name: str) -> tuple[QFrame, QVBoxLayout]:
    """The tile (object name ``name``) and the padded column inside it."""
    tile = QFrame()
    tile.setObjectName(name)
    tile.setStyleSheet(f"#{name} {{ background: #FFFFFF; border-radius: 12px; }}")
    column = QVBoxLayout(tile)
    pad = theme.mm(4)
    column.setContentsMargins(pad, pad, pad, pad)
    return tile, column
