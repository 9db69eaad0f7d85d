"""Touch scrolling: drag to scroll, and a tap goes through at once."""

from __future__ import annotations

from PySide6.QtWidgets import QScroller, QScrollerProperties, QWidget


def kinetic(viewport: QWidget) -> None:
    """Drag to scroll by touch, and let a tap through at once (no press delay)."""
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    props = scroller.scrollerProperties()
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    scroller.setScrollerProperties(props)
