"""The bar at the foot of every screen after login: call staff, say it again, finish."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.i18n import Lang
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.buttons import BigButton, RepeatButton


def call_staff_lines(texts: Texts, waited: int | None) -> list[tuple[Lang, str]]:
    """ "Call staff", or "called · waiting N min" while a call waits (bars, start screen)."""
    if waited is None:
        return texts.lines("common.call_staff")
    return texts.plural_lines("common.staff_coming", waited)


class SessionBar(QWidget):
    """``call_staff_requested``, ``repeat_requested`` and ``finish_requested``."""

    call_staff_requested = Signal()
    finish_requested = Signal()
    repeat_requested = Signal()

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        middle: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.texts = texts
        self.waited: int | None = None  # minutes a call has waited for staff, if any
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.mm(6))
        size = (MAIN_TARGET_MM * 2.5, MAIN_TARGET_MM)
        self.call_staff = BigButton(theme, "staff", min_mm=size, one_line=True)
        self.finish = BigButton(theme, "secondary", min_mm=(MAIN_TARGET_MM * 2, MAIN_TARGET_MM))
        self.repeat = RepeatButton(theme)
        row.addWidget(self.call_staff)
        row.addWidget(self.repeat)
        row.addStretch(1)
        if middle is not None:  # the screen's main action, between the two
            row.addWidget(middle)
            row.addStretch(1)
        row.addWidget(self.finish)
        self.call_staff.clicked.connect(self.call_staff_requested)
        self.finish.clicked.connect(self.finish_requested)
        self.repeat.clicked.connect(self.repeat_requested)
        texts.mode_changed.connect(self.retranslate)
        self.retranslate()

    def show_call(self, minutes: object) -> None:
        """A call waiting for staff (minutes waited), or None: the plain button again."""
        self.waited = minutes if isinstance(minutes, int) else None
        self.retranslate()

    def retranslate(self) -> None:
        """Relabel in the current mode."""
        self.call_staff.set_lines(call_staff_lines(self.texts, self.waited))
        self.finish.set_lines(self.texts.lines("session.finish"))
        self.repeat.set_name(self.texts.lines("voice.repeat"))
