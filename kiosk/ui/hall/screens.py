"""Where the hall board is shown: a screen of the kiosk set aside for it (its start screen
while nobody uses it), or a window of its own on a second display."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.services.ports import Clock
from kiosk.ui.hall.board import HallBoard
from kiosk.ui.screens.base import Screen
from kiosk.ui.texts import Texts
from kiosk.ui.theme import Theme
from kiosk.ui.window import Unclosable


class HallScreen(Screen):
    """The board as the kiosk's start screen (``[hall] display = "here"``): a card tap
    still starts a visit, the corner still opens the PIN pad."""

    name = "hall"
    prompt_id = "hall.prompt"

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        *,
        clock: Clock,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, texts, parent)
        self.board = HallBoard(theme, texts, clock, today)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.board)

    def retranslate(self) -> None:
        """The board in the current mode."""
        self.board.retranslate()


class HallWindow(Unclosable, QWidget):
    """The board full screen on a second display (``[hall] display = "second"``). Nobody
    touches it; like the kiosk's window, it cannot be closed from the keyboard."""

    def __init__(self, board: HallBoard, *, allow_close: bool = False) -> None:
        super().__init__()
        self.setWindowTitle("Gig station jobs")
        self.board = board
        self.allow_close = allow_close
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(board)
