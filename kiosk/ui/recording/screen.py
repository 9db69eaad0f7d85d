"""Technician: station staff record the Tibetan prompts, one by one (text shown, record,
play back, record again, save), with the coverage so far."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import Lang
from kiosk.ui.screens.base import Screen
from kiosk.ui.texts import Message, Texts
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton


class RecordScreen(Screen):
    """Shows one prompt; the flow (``kiosk.ui.recording.flow``) does the recording."""

    name = "record"
    prompt_id = "record.title"
    back_requested = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        root = QVBoxLayout(self)
        m = theme.mm(8)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(4))
        left = Qt.AlignmentFlag.AlignLeft
        top = QHBoxLayout()
        self.title = BiText(theme, "title", bold=True, align=left)
        self.back = BigButton(theme, "secondary", min_mm=(MAIN_TARGET_MM * 2, MAIN_TARGET_MM))
        self.back.clicked.connect(self.back_requested)
        top.addWidget(self.title, 1)
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(top)
        self.coverage = BiText(theme, "secondary", align=left, colour=theme.palette.muted)
        self.msgid = BiText(theme, "small", align=left, colour=theme.palette.muted)
        self.tibetan = BiText(theme, "title", bold=True, align=left)
        self.chinese = BiText(theme, "secondary", align=left, colour=theme.palette.muted)
        self.state = BiText(theme, "secondary", bold=True, align=left)
        for w in (self.coverage, self.msgid, self.tibetan, self.chinese, self.state):
            root.addWidget(w)
        root.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(theme.mm(6))
        size = (MAIN_TARGET_MM * 1.8, MAIN_TARGET_MM)
        self.prev = BigButton(theme, "secondary", min_mm=size)
        self.record = BigButton(theme, "primary", min_mm=size)
        self.play = BigButton(theme, "secondary", min_mm=size)
        self.save = BigButton(theme, "primary", min_mm=size)
        self.next = BigButton(theme, "secondary", min_mm=size)
        for b in (self.prev, self.record, self.play, self.save, self.next):
            row.addWidget(b)
        root.addLayout(row)
        self.recording = False
        self.coverage_fmt = {"done": 0, "total": 0}
        self.item: tuple[str, str, str] = ("", "", "")  # id, Tibetan, Chinese
        self.state_message: Message | None = None
        self.state_error = False
        self.retranslate()

    def show_item(self, msgid: str, tibetan: str, chinese: str, done: int, total: int) -> None:
        """The prompt to record now, and the coverage."""
        self.item = (msgid, tibetan, chinese)
        self.coverage_fmt = {"done": done, "total": total}
        self.retranslate()

    def set_state(self, message: Message | None, *, error: bool = False) -> None:
        """The status line (None: empty)."""
        self.state_message, self.state_error = message, error
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current mode; the prompt itself always in Tibetan and Chinese."""
        t, pal = self.texts, self.theme.palette
        self.title.set_lines(t.lines("record.title"))
        self.back.set_lines(t.lines("common.back"))
        self.coverage.set_lines(t.lines("record.coverage", **self.coverage_fmt))
        msgid, tibetan, chinese = self.item
        self.msgid.set_lines([(Lang.EN, msgid)] if msgid else [])
        self.tibetan.set_lines([(Lang.BO, tibetan)] if tibetan else [])
        self.chinese.set_lines([(Lang.ZH, chinese)] if chinese else [])
        self.state.colour = pal.error_text if self.state_error else pal.text
        self.state.set_lines(t.compose([self.state_message]) if self.state_message else [])
        self.prev.set_lines(t.lines("common.back"))
        self.next.set_lines(t.lines("common.next"))
        self.record.set_lines(t.lines("record.stop" if self.recording else "record.start"))
        self.play.set_lines(t.lines("record.play"))
        self.save.set_lines(t.lines("record.save"))
