"""What accident cover is and is not (零工保, issue 16): a short screen from the job detail,
shown and read aloud in four plain points, then back to the job."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.session_bar import SessionBar
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.scrollbody import scroll_body

POINTS = ("cover.what", "cover.not", "cover.after", "cover.none")


class CoverScreen(Screen):
    """``back_requested`` returns to the job."""

    name = "cover"
    prompt_id = "cover.title"
    in_session = True
    back_requested = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        root = QVBoxLayout(self)
        m = theme.mm(6)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(4))
        self.title = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        root.addWidget(self.title)
        area, body = scroll_body(theme, "coverBody", spacing_mm=5)
        self.points = {
            key: BiText(theme, "primary", align=Qt.AlignmentFlag.AlignLeft) for key in POINTS
        }
        for point in self.points.values():
            body.addWidget(point)
        body.addStretch(1)
        root.addWidget(area, 1)
        self.back = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM))
        self.back.clicked.connect(self.back_requested)
        self.bar = SessionBar(theme, texts, middle=self.back)
        root.addWidget(self.bar)

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """The title, then each point."""
        return [self.prompt(), *((key, {}) for key in POINTS)]

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        self.title.set_lines(t.lines("cover.title"))
        self.back.set_lines(t.lines("cover.back"))
        for key, point in self.points.items():
            point.set_lines(t.lines(key))
