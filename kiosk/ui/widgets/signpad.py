"""The signature pad: a finger draws, the pad keeps every stroke with its timing (原笔迹),
not only the picture (``kiosk.domain.signature``). A touch screen's touches reach it as
mouse events (Qt synthesises them for a widget that does not take touches itself)."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.domain.signature import MAX_POINTS, Point, Signature
from kiosk.ui.theme import Theme

PAD_HEIGHT_MM = 40.0  # at least: room for a name written large by a finger (it grows)
INK_MM = 0.9


class SignaturePad(QWidget):
    """``changed`` after each stroke and on ``clear``; ``signature()`` what was drawn."""

    changed = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.setObjectName("signaturePad")
        self.setMinimumHeight(theme.mm(PAD_HEIGHT_MM))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.strokes: list[list[Point]] = []
        self._clock = QElapsedTimer()
        self._drawing = False

    # --- what was drawn --------------------------------------------------------------------
    def signature(self) -> Signature:
        """The strokes so far, on this pad's size."""
        return Signature(tuple(tuple(s) for s in self.strokes), self.width(), self.height())

    @property
    def empty(self) -> bool:
        """Nothing drawn yet."""
        return not self.strokes

    def clear(self) -> None:
        """Start again (the timing too)."""
        self.strokes, self._drawing = [], False
        self._clock.invalidate()
        self.update()
        self.changed.emit()

    # --- the finger ------------------------------------------------------------------------
    def _point(self, event: QMouseEvent) -> Point:
        if not self._clock.isValid():
            self._clock.start()
        pos = event.position()
        return Point(round(pos.x()), round(pos.y()), int(self._clock.elapsed()))

    def _room(self) -> bool:
        return sum(len(s) for s in self.strokes) < MAX_POINTS + 1  # one past: "too long"

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """A finger down starts a stroke."""
        if event.button() is Qt.MouseButton.LeftButton and self.isEnabled() and self._room():
            self.strokes.append([self._point(event)])
            self._drawing = True
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """The stroke goes on (a sample at the same spot is not kept twice)."""
        if not self._drawing or not self._room():
            return
        point = self._point(event)
        last = self.strokes[-1][-1]
        if (point.x, point.y) != (last.x, last.y):
            self.strokes[-1].append(point)
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """A finger up ends the stroke."""
        if self._drawing and event.button() is Qt.MouseButton.LeftButton:
            self._drawing = False
            self.changed.emit()

    # --- the picture -----------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        """White paper, a line to sign on, and the ink."""
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.theme.palette
        p.fillRect(self.rect(), QColor("#FFFFFF"))
        p.setPen(QPen(QColor(pal.muted), self.theme.mm(0.4)))
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        base = self.height() * 0.78
        margin = self.width() * 0.05
        p.setPen(QPen(QColor(pal.muted), self.theme.mm(0.3), Qt.PenStyle.DashLine))
        p.drawLine(QPointF(margin, base), QPointF(self.width() - margin, base))
        pen = QPen(QColor(pal.text), self.theme.mm(INK_MM))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        for stroke in self.strokes:
            path = QPainterPath(QPointF(stroke[0].x, stroke[0].y))
            for point in stroke[1:]:
                path.lineTo(point.x, point.y)
            if len(stroke) == 1:
                p.drawPoint(QPointF(stroke[0].x, stroke[0].y))
            else:
                p.drawPath(path)
        p.end()
