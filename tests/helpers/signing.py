"""A finger on the signature pad: press, move and release as a touch screen delivers them
(Qt gives a widget that takes no touches of its own these as mouse events), with real time
passing between samples so the pad's timing is real."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

LEFT = Qt.MouseButton.LeftButton


def _send(widget: QWidget, kind: QMouseEvent.Type, x: float, y: float, held: bool) -> None:
    pos = QPointF(x, y)
    event = QMouseEvent(
        kind,
        pos,
        widget.mapToGlobal(pos),
        LEFT,
        LEFT if held else Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def stroke(pad: QWidget, qtbot: QtBot, points: list[tuple[float, float]], ms: int = 8) -> None:
    """One stroke through ``points`` (pad pixels), ``ms`` apart."""
    (x0, y0), rest = points[0], points[1:]
    _send(pad, QMouseEvent.Type.MouseButtonPress, x0, y0, held=True)
    for x, y in rest:
        qtbot.wait(ms)
        _send(pad, QMouseEvent.Type.MouseMove, x, y, held=True)
    x1, y1 = points[-1]
    _send(pad, QMouseEvent.Type.MouseButtonRelease, x1, y1, held=False)


def sign(pad: QWidget, qtbot: QtBot, seed: int = 0) -> None:
    """A name-like scribble across most of the pad: two strokes, about half a second."""
    w, h = pad.width(), pad.height()
    for k in range(2):
        points = []
        for i in range(30):
            a = i / 29
            x = w * (0.1 + 0.4 * k + 0.35 * a)
            y = h * (0.5 + 0.25 * math.sin(a * math.pi * (3 + k + seed % 3)))
            points.append((x, y))
        stroke(pad, qtbot, points)


def dot(pad: QWidget, qtbot: QtBot) -> None:
    """A finger set down and lifted: not a signature."""
    x, y = pad.width() / 2, pad.height() / 2
    stroke(pad, qtbot, [(x, y), (x + 1, y)])
