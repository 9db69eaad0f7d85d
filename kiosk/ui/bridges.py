"""Device callbacks become Qt signals here, and only here (ARCHITECTURE.md, Threads).

``ReaderBridge.sink`` may be called from any thread; ``event_received`` is delivered on the
GUI thread. ``ScannerFilter`` watches key presses application-wide: keystrokes of a scanner
burst never reach the focused widget; a person's typing is passed on a few ms late.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from kiosk.idcard.events import ReaderEvent, ScanReceived, Sink
from kiosk.idcard.wedge import WedgeDecoder


class ReaderBridge(QObject):
    """Carries reader events from device threads to the GUI thread."""

    event_received = Signal(object)

    def sink(self, event: ReaderEvent) -> None:
        """Any thread: queue ``event`` for the GUI thread."""
        self.event_received.emit(event)


class ScannerFilter(QObject):
    """Application-wide key filter that decodes keyboard-wedge scanner bursts.

    Every printable key and Enter is held back. A key followed within the scanner gap by
    another belongs to a burst and is swallowed; a key left alone is re-sent to the widget
    that had focus (human typing, delayed by about two gaps). A burst ending with Enter
    becomes a ``ScanReceived`` event.
    """

    def __init__(
        self,
        sink: Sink,
        decoder: WedgeDecoder,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.sink, self.decoder, self.clock = sink, decoder, clock
        self._held: list[tuple[QObject, QKeyEvent]] = []
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._release_held)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Hold or swallow key presses; see the class docstring."""
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(event, QKeyEvent) or not watched.isWidgetType():
            return False
        char = "\r" if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) else event.text()
        if not char or (len(char) == 1 and not char.isprintable() and char not in "\r\t"):
            return False
        now = self.clock()
        burst = self.decoder.in_burst(now)
        payload = self.decoder.key(char, now)
        if payload is not None:
            self._held.clear()
            self._timer.stop()
            self.sink(ScanReceived(payload))
            return True
        if burst:
            self._held.clear()  # part of a scan: never delivered
        else:
            self._release_held()
            self._held.append(
                (watched, QKeyEvent(event.type(), event.key(), event.modifiers(), event.text()))
            )
        self._timer.start(max(1, int(self.decoder.max_gap_s * 2000)))
        return True

    def _release_held(self) -> None:
        held, self._held = self._held, []
        focus = QApplication.focusWidget()
        self._replaying = True
        try:
            for watched, key in held:
                QCoreApplication.sendEvent(focus or watched, key)
        finally:
            self._replaying = False


class SyncBridge(QObject):
    """Carries the sync thread's status snapshots and pull counts to the GUI thread."""

    status_changed = Signal(object)
    pulled = Signal(int)

    def status(self, status: object) -> None:
        """Any thread: queue a :class:`kiosk.sync.worker.SyncStatus`."""
        self.status_changed.emit(status)

    def pulled_sink(self, count: int) -> None:
        """Any thread: rows arrived from the server."""
        self.pulled.emit(count)
