"""What every screen shares: theme, texts, background, and a prompt to speak on arrival."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk.ui.texts import Texts
from kiosk.ui.theme import Theme


class Screen(QWidget):
    """A full-window page of the kiosk.

    ``prompt_id`` names the message spoken when the screen appears; ``prompt()`` may add
    format values or change it with the screen's state (a filing step).
    """

    name = "screen"
    prompt_id = ""
    in_session = False  # screens after login show "call staff"

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme, self.texts = theme, texts
        self.setObjectName(self.name)
        self.setStyleSheet(f"#{self.name} {{ background: {theme.palette.background}; }}")
        texts.mode_changed.connect(self._on_mode_changed)

    def prompt(self) -> tuple[str, dict[str, Any]]:
        """The message to speak now, with its format values."""
        return self.prompt_id, {}

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """Everything to say on arrival, in order (a job's facts); the prompt by default."""
        return [self.prompt()]

    def retranslate(self) -> None:
        """Set every text in the current mode (called on arrival and on a switch)."""

    def _on_mode_changed(self) -> None:
        """Only the screen in view follows a language switch at once; the others do when
        they are entered (``entered`` retranslates), so a switch costs one screen."""
        if self.isVisible():
            self.retranslate()

    def entered(self) -> None:
        """The screen became visible."""
        self.retranslate()
