"""The question put to a worker whose card staff had them tap: may staff use the kiosk for
you? Their name, what staff will do, that it is written down, and two large answers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.screens.base import Screen
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton, RepeatButton


class ConsentScreen(Screen):
    """``agreed()`` or ``declined()``; ``repeat_requested`` says it again."""

    name = "assist"
    prompt_id = "assist.question"
    in_session = True
    agreed = Signal()
    declined = Signal()
    repeat_requested = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        root = QVBoxLayout(self)
        m = theme.mm(10)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(5))
        self.who = BiText(theme, "primary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.question = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.what = BiText(theme, "secondary", align=Qt.AlignmentFlag.AlignLeft)
        for widget in (self.who, self.question, self.what):
            root.addWidget(widget)
        root.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(theme.mm(10))
        size = (MAIN_TARGET_MM * 4, MAIN_TARGET_MM * 1.4)
        self.yes = BigButton(theme, "primary", role="title", min_mm=size)
        self.no = BigButton(theme, "secondary", role="title", min_mm=size)
        self.yes.clicked.connect(self.agreed)
        self.no.clicked.connect(self.declined)
        self.repeat = RepeatButton(theme)
        self.repeat.clicked.connect(self.repeat_requested)
        row.addWidget(self.yes)
        row.addWidget(self.no)
        row.addStretch(1)
        row.addWidget(self.repeat)
        root.addLayout(row)
        self.name_shown = ""
        self.retranslate()

    def ask(self, name: str) -> None:
        """Put the question to the worker called ``name``."""
        self.name_shown = name
        self.retranslate()

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """Said on arrival: the worker's name, the question, and what staff will do."""
        return [
            ("assist.hello", {"name": self.name_shown}),
            ("assist.question", {}),
            ("assist.what", {}),
        ]

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        self.who.set_lines(t.lines("assist.hello", name=self.name_shown))
        self.question.set_lines(t.lines("assist.question"))
        self.what.set_lines(t.lines("assist.what"))
        self.yes.set_lines(t.lines("assist.yes"))
        self.no.set_lines(t.lines("assist.no"))
        self.repeat.set_name(t.lines("voice.repeat"))
