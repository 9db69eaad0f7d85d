"""A message strip at the bottom of the window for confirmations and errors."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.i18n import Lang
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.bitext import BiText


class Banner(QFrame):
    """Shows a bilingual message for a while; ``kind`` is "info" or "error".

    ``shown(message_id)`` lets the voice speak what the banner says.
    """

    shown = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.text = BiText(
            theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignCenter, parent=self
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.mm(4), theme.mm(2), theme.mm(4), theme.mm(2))
        layout.addWidget(self.text)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.message_id = ""
        self.hide()

    def show_message(
        self, message_id: str, lines: list[tuple[Lang, str]], kind: str = "info", seconds: float = 8
    ) -> None:
        """Show ``lines`` for ``seconds``."""
        pal = self.theme.palette
        bg, fg = (
            (pal.error_bg, pal.error_text)
            if kind == "error"
            else (pal.secondary_bg, pal.secondary_text)
        )
        self.setStyleSheet(f"QFrame {{ background: {bg}; }}")
        self.text.colour = fg
        self.text.set_lines(lines)
        self.message_id = message_id
        self.show()
        self.raise_()
        self._timer.start(int(seconds * 1000))
        self.shown.emit(message_id)

    def clear(self) -> None:
        """Hide at once (the screen changed)."""
        self._timer.stop()
        self.message_id = ""
        self.hide()
