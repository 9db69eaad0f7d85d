"""The kiosk's one window: screen stack, banner, idle overlay, corner hotspot, demo panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.ui.idle import IdleOverlay
from kiosk.ui.navigation import CornerHotspot, Navigator
from kiosk.ui.texts import Texts
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.banner import Banner

if TYPE_CHECKING:
    from kiosk.ui.widgets.demo_panel import DemoPanel

HOTSPOT_MM = 25


class Unclosable:
    """A kiosk's top-level window (the kiosk's, the hall's): it outlives Alt+F4 and the
    window manager's close requests unless ``allow_close`` (the demo), and keys do nothing
    (no shortcut reaches a quit). Put before the Qt class it serves."""

    allow_close = False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Closed only when allowed."""
        if self.allow_close:
            event.accept()
        else:
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Keys do nothing."""
        event.accept()


class KioskWindow(Unclosable, QMainWindow):
    """Fullscreen; refuses to close (or quit by shortcut) unless ``allow_close`` is set."""

    def __init__(self, theme: Theme, texts: Texts, *, demo: bool, gesture_taps: int) -> None:
        super().__init__()
        self.theme = theme
        self.allow_close = demo
        self.setWindowTitle("Gig station kiosk")
        central = QWidget()
        central.setObjectName("central")
        central.setStyleSheet(f"#central {{ background: {theme.palette.background}; }}")
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.stack = QStackedWidget()
        self.banner = Banner(theme)
        column.addWidget(self.stack, 1)
        column.addWidget(self.banner)
        self._column = column
        row.addWidget(content, 1)
        self.demo_panel: DemoPanel | None = None
        if demo:
            from kiosk.ui.widgets.demo_panel import DemoPanel  # noqa: PLC0415 - demo only

            self.demo_panel = DemoPanel(theme, texts, gesture_taps)
            row.addWidget(self.demo_panel)
        self.setCentralWidget(central)
        self.navigator = Navigator(self.stack)
        self.overlay = IdleOverlay(theme, texts, central)
        self.hotspot = CornerHotspot(theme.mm(HOTSPOT_MM), gesture_taps, central)
        self.hotspot.raise_()

    def add_strip(self, strip: QWidget) -> None:
        """A band of a feature's under the screens, above the banner (shown by it)."""
        self._column.insertWidget(self._column.indexOf(self.banner), strip)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Keep the overlay covering everything and the hotspot on top."""
        super().resizeEvent(event)
        central = self.centralWidget()
        if central is not None and self.overlay.isVisible():
            self.overlay.setGeometry(central.rect())
        self.hotspot.raise_()
