"""A big digit keypad: the only typing a worker ever does (phone numbers, PINs)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.i18n import Lang
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MIN_TARGET_MM, Theme
from kiosk.ui.widgets.buttons import BigButton


class Keypad(QWidget):
    """Digits 0-9, delete and OK; emits ``digit_pressed``, ``delete_pressed``, ``ok_pressed``."""

    digit_pressed = Signal(str)
    delete_pressed = Signal()
    ok_pressed = Signal()

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        label_role: str = "secondary",
        *,
        ok_style: str = "primary",
        parent: QWidget | None = None,
    ) -> None:
        """``ok_style``: "secondary" where the screen has its own main action ("next")."""
        super().__init__(parent)
        self.texts = texts
        grid = QGridLayout(self)
        grid.setSpacing(theme.mm(5))
        size = (MIN_TARGET_MM * 1.3, MIN_TARGET_MM)
        self.digits: dict[str, BigButton] = {}
        for i, d in enumerate("123456789"):
            self.digits[d] = self._digit(theme, d, size)
            grid.addWidget(self.digits[d], i // 3, i % 3)
        self.delete = BigButton(theme, "secondary", role=label_role, min_mm=size)
        self.digits["0"] = self._digit(theme, "0", size)
        self.ok = BigButton(theme, ok_style, role=label_role, min_mm=size)
        grid.addWidget(self.delete, 3, 0)
        grid.addWidget(self.digits["0"], 3, 1)
        grid.addWidget(self.ok, 3, 2)
        self.delete.clicked.connect(self.delete_pressed)
        self.ok.clicked.connect(self.ok_pressed)
        self.retranslate()

    def _digit(self, theme: Theme, digit: str, size: tuple[float, float]) -> BigButton:
        button = BigButton(theme, "secondary", role="title", min_mm=size)
        button.set_lines([(Lang.EN, digit)])  # Arabic digits in every mode (UX.md)
        button.clicked.connect(lambda: self.digit_pressed.emit(digit))
        return button

    def retranslate(self) -> None:
        """Relabel delete and OK in the current mode."""
        self.delete.set_lines(self.texts.lines("common.delete"))
        self.ok.set_lines(self.texts.lines("common.ok"))
