"""One navigation model: named screens in a stack, and the hidden staff gesture."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QWidget

from kiosk.ui.screens.base import Screen


class Navigator(QObject):
    """Shows one screen at a time by name; ``screen_changed(name)`` after each move."""

    screen_changed = Signal(str)

    def __init__(self, stack: QStackedWidget) -> None:
        super().__init__()
        self.stack = stack
        self.screens: dict[str, Screen] = {}

    def add(self, screen: Screen) -> None:
        """Register a screen under its ``name``."""
        self.screens[screen.name] = screen
        self.stack.addWidget(screen)

    @property
    def current(self) -> Screen:
        """The visible screen."""
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def go(self, name: str) -> Screen:
        """Show the screen called ``name``."""
        screen = self.screens[name]
        # Only the visible page counts for the window's size (a stack takes the largest).
        for other in self.screens.values():
            policy = (
                QSizePolicy.Policy.Ignored if other is not screen else QSizePolicy.Policy.Preferred
            )
            other.setSizePolicy(policy, policy)
        self.stack.setCurrentWidget(screen)
        screen.entered()
        self.screen_changed.emit(name)
        return screen


class CornerHotspot(QWidget):
    """An invisible square in the top-left corner; ``triggered`` after ``taps`` quick presses.

    Staff know it; workers will not stumble on it, and it needs no hardware button. It sits
    above every screen (raised by the window) and covers nothing a worker needs to touch.
    """

    triggered = Signal()

    def __init__(self, size_px: int, taps: int, parent: QWidget, window_s: float = 4.0) -> None:
        super().__init__(parent)
        self.taps, self.window_s = taps, window_s
        self._presses: list[float] = []
        self.setGeometry(0, 0, size_px, size_px)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Count a press."""
        event.accept()
        self.press(time.monotonic())

    def press(self, now: float) -> None:
        """One press in the corner at ``now``."""
        self._presses = [t for t in self._presses if now - t <= self.window_s] + [now]
        if len(self._presses) >= self.taps:
            self._presses.clear()
            self.triggered.emit()
