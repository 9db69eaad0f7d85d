"""Technician: connect this kiosk to the market server (show a code, wait for approval)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.i18n import Lang
from kiosk.ui.screens.base import Screen
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.keyboard import TextKeyboard


class EnrolScreen(Screen):
    """``start_requested(address)``; ``cancelled`` goes back (and stops any wait)."""

    name = "enrol"
    prompt_id = "enrol.title"
    start_requested = Signal(str)
    cancelled = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        root = QVBoxLayout(self)
        m = theme.mm(8)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(4))
        left = Qt.AlignmentFlag.AlignLeft
        self.title = BiText(theme, "title", bold=True, align=left)
        self.address_label = BiText(theme, "secondary", bold=True, align=left)
        self.address = QLineEdit()
        self.address.setMaxLength(200)
        self.address.setPlaceholderText("https://")
        self.address.setFont(theme.font(Lang.EN, "title"))
        self.address.setMinimumHeight(theme.mm(20))
        self.address.returnPressed.connect(self._on_start_clicked)
        self.hint = BiText(theme, "secondary", align=left, colour=theme.palette.muted)
        self.code = BiText(theme, "huge", bold=True)
        self.state = BiText(theme, "secondary", bold=True, align=left)
        root.addWidget(self.title)
        address_row = QHBoxLayout()
        address_row.setSpacing(theme.mm(6))
        address_row.addWidget(self.address_label, 0)
        address_row.addWidget(self.address, 1)
        root.addLayout(address_row)
        code_row = QHBoxLayout()  # the hint beside the code, which is what matters
        code_row.setSpacing(theme.mm(6))
        code_row.addWidget(self.hint, 1)
        code_row.addWidget(self.code, 1)
        root.addLayout(code_row)
        root.addWidget(self.state)
        # The kiosk has no keyboard: this one types the address (shown while it can change).
        self.keyboard = TextKeyboard(theme, texts)
        self.keyboard.attach(self.address)
        self.keyboard.done.connect(self._on_start_clicked)
        root.addWidget(self.keyboard)
        root.addStretch(1)
        row = QHBoxLayout()
        self.cancel = BigButton(theme, "secondary", min_mm=(MAIN_TARGET_MM * 2, MAIN_TARGET_MM))
        self.start = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM))
        row.addWidget(self.cancel)
        row.addStretch(1)
        row.addWidget(self.start)
        root.addLayout(row)
        self.cancel.clicked.connect(self.cancelled)
        self.start.clicked.connect(self._on_start_clicked)
        self._state: tuple[str, dict[str, str], bool] = ("", {}, False)
        self._code = ""
        self.retranslate()

    def reset(self, address: str) -> None:
        """A fresh form, the address prefilled."""
        self.address.setText(address)
        self.address.setEnabled(True)
        self.start.setEnabled(True)
        self.keyboard.show()
        self._code = ""
        self.set_state("", {})

    def show_code(self, code: str) -> None:
        """The code the administrator approves; the form locks while waiting."""
        self._code = code
        self.address.setEnabled(False)
        self.start.setEnabled(False)
        self.keyboard.hide()
        self.set_state("enrol.waiting", {})

    def set_state(self, message_id: str, fmt: dict[str, str], *, error: bool = False) -> None:
        """A status line (an error is shown in the error colour, and unlocks the form)."""
        self._state = (message_id, fmt, error)
        if error:
            self.address.setEnabled(True)
            self.start.setEnabled(True)
            self.keyboard.show()
            self._code = ""
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current mode; the code in Latin letters."""
        t, pal = self.texts, self.theme.palette
        self.title.set_lines(t.lines("enrol.title"))
        self.address_label.set_lines(t.lines("enrol.address"))
        self.hint.set_lines(t.lines("enrol.code_hint") if self._code else [])
        self.code.set_lines([(Lang.EN, self._code)] if self._code else [])
        message_id, fmt, error = self._state
        self.state.colour = pal.error_text if error else pal.text
        self.state.set_lines(t.lines(message_id, **fmt) if message_id else [])
        self.cancel.set_lines(t.lines("common.back"))
        self.start.set_lines(t.lines("enrol.start"))
        self.keyboard.retranslate()

    def _on_start_clicked(self) -> None:
        text = self.address.text().strip()
        if not text.startswith(("https://", "http://")) or len(text) < 10:
            self.set_state("enrol.bad_address", {}, error=True)
            return
        self.start_requested.emit(text)
