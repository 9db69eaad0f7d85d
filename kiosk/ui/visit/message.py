"""A full-window message for the person at the kiosk (the kiosk cannot serve right now)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.screens.base import Screen
from kiosk.ui.texts import Texts
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.bitext import BiText


class MessageScreen(Screen):
    """A full-window message, e.g. when the database cannot be opened."""

    name = "message"
    in_session = False

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        root = QVBoxLayout(self)
        m = theme.mm(12)
        root.setContentsMargins(m, m, m, m)
        self.message = BiText(theme, "title", bold=True)
        root.addStretch(1)
        root.addWidget(self.message)
        root.addStretch(1)
        self.message_id = ""

    def show_message(self, message_id: str) -> None:
        """Show ``message_id`` in the current mode."""
        self.message_id = message_id
        self.prompt_id = message_id
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current mode."""
        if self.message_id:
            self.message.set_lines(self.texts.lines(self.message_id))
