"""An on-screen keyboard for the technician (a server address, a printer queue, a serial
port): the kiosk has no physical keyboard. Latin letters, digits and the marks addresses
use; it types into the field it is attached to and never takes the focus from it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QSizePolicy, QWidget

from kiosk.i18n import Lang
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MIN_TARGET_MM, Theme
from kiosk.ui.widgets.buttons import BigButton

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl:", "zxcvbnm./-")
EXTRA = "_"


class TextKeyboard(QWidget):
    """Keys in four rows, then shift, ``_``, space, delete and done; ``done`` hides it."""

    done = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = texts
        self.target: QLineEdit | None = None
        self.upper = False
        # Its full height always: a crowded screen scrolls its body, never squeezes the keys.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(theme.mm(2))
        size = (MIN_TARGET_MM, MIN_TARGET_MM)
        self.keys: dict[str, BigButton] = {}
        for r, row in enumerate(ROWS):
            for c, char in enumerate(row):
                self.keys[char] = self._key(theme, char, size)
                grid.addWidget(self.keys[char], r, c)
        last = len(ROWS)
        self.shift = self._button(theme, size, self.toggle_shift)
        self.shift.set_lines([(Lang.EN, "⇧ A")])
        self.keys[EXTRA] = self._key(theme, EXTRA, size)
        self.space = self._button(theme, size, lambda: self.type_text(" "))
        self.space.set_lines([(Lang.EN, "␣")])
        self.delete = self._button(theme, size, self.backspace)
        self.delete.set_lines([(Lang.EN, "⌫")])  # signs, not words: the keys stay one row high
        self.ok = self._button(theme, size, self.finish, style="primary")
        self.ok.set_lines([(Lang.EN, "✓")])
        grid.addWidget(self.shift, last, 0, 1, 2)
        grid.addWidget(self.keys[EXTRA], last, 2)
        grid.addWidget(self.space, last, 3, 1, 3)
        grid.addWidget(self.delete, last, 6, 1, 2)
        grid.addWidget(self.ok, last, 8, 1, 2)
        self.retranslate()

    def _button(
        self, theme: Theme, size: tuple[float, float], slot: object, style: str = "secondary"
    ) -> BigButton:
        button = BigButton(theme, style, role="secondary", min_mm=size)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the cursor
        button.clicked.connect(slot)
        return button

    def _key(self, theme: Theme, char: str, size: tuple[float, float]) -> BigButton:
        button = self._button(theme, size, lambda: self.type_text(self._cased(char)))
        button.set_lines([(Lang.EN, char)])
        return button

    def _cased(self, char: str) -> str:
        return char.upper() if self.upper else char

    def attach(self, target: QLineEdit) -> None:
        """Type into ``target`` from now on."""
        self.target = target

    def type_text(self, text: str) -> None:
        """Insert ``text`` at the field's cursor (replacing a selection)."""
        if self.target is not None and self.target.isEnabled():
            self.target.insert(text)

    def backspace(self) -> None:
        """Delete the character before the cursor."""
        if self.target is not None and self.target.isEnabled():
            self.target.backspace()

    def toggle_shift(self) -> None:
        """Capitals on or off (letters only; the keys show the case they type)."""
        self.upper = not self.upper
        for char, button in self.keys.items():
            if char.isalpha():
                button.set_lines([(Lang.EN, self._cased(char))])
        self.shift.set_selected(self.upper)

    def finish(self) -> None:
        """The field is filled in."""
        self.done.emit()

    def retranslate(self) -> None:
        """The keys show signs and Latin letters in every mode."""
