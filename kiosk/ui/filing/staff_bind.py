"""Staff-assisted filing: a plain reader gave only the chip serial, so staff type what the
card says (number, checked; name); the worker still gives their own consent afterwards."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.domain import idnumber
from kiosk.i18n import Lang
from kiosk.ui.screens.base import Screen
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton


class StaffBindScreen(Screen):
    """``submitted(number, name)`` once both look right; ``cancelled`` back to staff."""

    name = "staff_bind"
    prompt_id = "staff.bind_title"
    submitted = Signal(str, str)
    cancelled = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        root = QVBoxLayout(self)
        m = theme.mm(8)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(4))
        self.title = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.hint = BiText(
            theme, "secondary", align=Qt.AlignmentFlag.AlignLeft, colour=theme.palette.muted
        )
        root.addWidget(self.title)
        root.addWidget(self.hint)
        grid = QGridLayout()
        grid.setHorizontalSpacing(theme.mm(6))
        self.number_label = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.name_label = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.number = QLineEdit()
        self.number.setMaxLength(18)
        self.number.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9]{0,17}[0-9Xx]?"))
        )
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(15)
        for edit in (self.number, self.name_edit):
            edit.setFont(theme.font(Lang.ZH, "title"))
            edit.setMinimumHeight(theme.mm(20))
        grid.addWidget(self.number_label, 0, 0)
        grid.addWidget(self.number, 0, 1)
        grid.addWidget(self.name_label, 1, 0)
        grid.addWidget(self.name_edit, 1, 1)
        root.addLayout(grid)
        self.error = BiText(
            theme,
            "secondary",
            bold=True,
            align=Qt.AlignmentFlag.AlignLeft,
            colour=theme.palette.error_text,
        )
        root.addWidget(self.error)
        root.addStretch(1)
        row = QHBoxLayout()
        self.cancel = BigButton(theme, "secondary", min_mm=(MAIN_TARGET_MM * 2, MAIN_TARGET_MM))
        self.go = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM))
        row.addWidget(self.cancel)
        row.addStretch(1)
        row.addWidget(self.go)
        root.addLayout(row)
        self.cancel.clicked.connect(self.cancelled)
        self.go.clicked.connect(self._on_go_clicked)
        self.retranslate()

    def reset(self) -> None:
        """Empty fields and no error (never keep a typed number)."""
        self.number.clear()
        self.name_edit.clear()
        self.error.set_lines([])

    def show_error(self, message_id: str) -> None:
        """Say what is wrong."""
        self.error.set_lines(self.texts.lines(message_id))

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        self.title.set_lines(t.lines("staff.bind_title"))
        self.hint.set_lines(t.lines("staff.bind_hint"))
        self.number_label.set_lines(t.lines("staff.number_label"))
        self.name_label.set_lines(t.lines("staff.name_label"))
        self.cancel.set_lines(t.lines("common.cancel"))
        self.go.set_lines(t.lines("common.next"))

    def _on_go_clicked(self) -> None:
        number, name = self.number.text().strip().upper(), self.name_edit.text().strip()
        if idnumber.problem(number) is not None:
            self.show_error("error.card.invalid_number")
        elif not name:
            self.show_error("staff.need_name")
        else:
            self.error.set_lines([])
            self.submitted.emit(number, name)
