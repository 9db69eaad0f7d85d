"""The open calls on the staff screen: which kiosk, which screen, since when; "done"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.calls import StaffCall
from kiosk.i18n import Ref
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.section import frame_card

MAX_SHOWN = 3
SCREENS = ("attract", "home", "jobs", "job", "filing", "summary")  # named; others "other"


def screen_ref(screen: str) -> Ref:
    """The screen a call came from, in words."""
    return Ref(f"screen.{screen if screen in SCREENS else 'other'}")


class CallRow(QFrame):
    """One call and its "done" button."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        frame_card(self, theme, "callRow", theme.palette.staff_bg)
        row = QHBoxLayout(self)
        pad = theme.mm(2)
        row.setContentsMargins(pad, pad, pad, pad)
        self.text = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.done = BigButton(
            theme, "primary", role="secondary", min_mm=(MIN_TARGET_MM * 2, MIN_TARGET_MM)
        )
        row.addWidget(self.text, 1)
        row.addWidget(self.done)
        self.call_id = 0


class CallsPanel(QWidget):
    """``close_requested(call_id)`` when staff press "done" on a call."""

    close_requested = Signal(int)

    def __init__(self, theme: Theme, texts: Texts, now: Callable[[], dt.datetime]) -> None:
        super().__init__()
        self.theme, self.texts, self.now = theme, texts, now
        self.calls: list[StaffCall] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.mm(2))
        self.rows = [CallRow(theme) for _ in range(MAX_SHOWN)]
        for row in self.rows:
            row.done.clicked.connect(lambda _=False, r=row: self.close_requested.emit(r.call_id))
            column.addWidget(row)
        self.more = BiText(theme, "small", align=Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.more)
        self.show_calls([])

    def show_calls(self, calls: list[StaffCall]) -> None:
        """The open calls, oldest first (none hides the panel)."""
        self.calls = list(calls)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current mode, the minutes as of now."""
        t, now = self.texts, self.now()
        self.setVisible(bool(self.calls))
        shown = self.calls[:MAX_SHOWN]
        for row, call in zip(self.rows, [*shown, *[None] * MAX_SHOWN], strict=False):
            row.setVisible(call is not None)
            if call is None:
                row.text.set_lines([])
                continue
            row.call_id = call.id
            row.text.set_lines(
                t.plural_lines(
                    "staff.call",
                    call.waited_minutes(now),
                    kiosk=call.kiosk,
                    screen=screen_ref(call.screen),
                    since=f"{call.opened_at:%H:%M}",
                )
            )
            row.done.set_lines(t.lines("staff.call_done"))
        extra = len(self.calls) - len(shown)
        self.more.set_lines(t.plural_lines("staff.calls_more", extra) if extra else [])
