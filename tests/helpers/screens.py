"""Reading what a person sees: visible texts of a widget tree."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QLabel, QWidget


def visible_texts(root: QWidget) -> list[str]:
    """Texts of every label a person can see under ``root``."""
    return [lb.text() for lb in root.findChildren(QLabel) if lb.isVisibleTo(root) and lb.text()]


def shows(root: QWidget, fragment: str) -> bool:
    """True when some visible label contains ``fragment``."""
    return any(fragment in text for text in visible_texts(root))


def clipped_labels(root: QWidget) -> list[str]:
    """Visible labels whose text needs more height than they got (cut lines or vowel marks)."""
    out = []
    for label in root.findChildren(QLabel):
        if not (label.isVisibleTo(root) and label.text()):
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
        else:
            needed = label.sizeHint().height()
            if label.sizeHint().width() > label.width() + 1:
                out.append(f"{label.text()!r}: width {label.width()} < {label.sizeHint().width()}")
                continue
        if needed > label.height() + 1:
            out.append(f"{label.text()!r}: height {label.height()} < {needed}")
    return out


def clipped_once_laid_out(root: QWidget, settle_s: float = 1.0) -> list[str]:
    """``clipped_labels`` once the layout has had up to ``settle_s`` to give every label its
    room (a layout pass queued behind a busy event loop is not clipping: a label still
    short of room after that is)."""
    deadline = time.monotonic() + settle_s
    while True:
        found = clipped_labels(root)
        if not found or time.monotonic() > deadline:
            return found
        QApplication.processEvents()
        time.sleep(0.02)
