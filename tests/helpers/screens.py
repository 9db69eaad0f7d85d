"""Reading what a person sees: visible texts of a widget tree."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def visible_texts(root: QWidget) -> list[str]:
    """Texts of every label a person can see under ``root``."""
    return [lb.text() for lb in root.findChildren(QLabel) if lb.isVisibleTo(root) and lb.text()]


def shows(root: QWidget, fragment: str) -> bool:
    """True when some visible label contains ``fragment``."""
    return any(fragment in text for text in visible_texts(root))
