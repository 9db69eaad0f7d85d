"""The code for the worker's phone page, large, beside a QR code of the page's address."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import Lang
from kiosk.services.phone import PhoneCode
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.session_bar import SessionBar
from kiosk.ui.texts import Message, Texts, spoken
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.qr import qr_pixmap

QR_MM = 85


def masked_phone(phone: str) -> str:
    """138****5678: enough for the worker to know it is theirs."""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 7 else "****"


class PhoneScreen(Screen):
    """``home_requested`` on "back home"."""

    name = "phone_code"
    prompt_id = "phone.title"
    in_session = True
    home_requested = Signal()

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        now: Callable[[], dt.datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, texts, parent)
        self.now = now
        self.code: PhoneCode | None = None
        self.phone = ""
        root = QVBoxLayout(self)
        m = theme.mm(6)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(4))
        self.title = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        root.addWidget(self.title)
        row = QHBoxLayout()
        row.setSpacing(theme.mm(8))
        self.qr = QLabel()
        self.qr.setObjectName("phoneQr")
        self.qr_side = theme.mm(QR_MM)
        self.qr.setFixedSize(self.qr_side, self.qr_side)
        row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(theme.mm(4))
        self.steps = BiText(theme, "primary", align=Qt.AlignmentFlag.AlignLeft)
        self.number = BiText(theme, "huge", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.number.setObjectName("phoneCode")
        self.lasts = BiText(theme, "secondary", align=Qt.AlignmentFlag.AlignLeft)
        self.address = QLabel()
        self.address.setObjectName("phoneUrl")
        self.address.setFont(theme.font(Lang.EN, "secondary"))
        for w in (self.steps, self.number, self.lasts, self.address):
            words.addWidget(w)
        words.addStretch(1)
        row.addLayout(words, 1)
        root.addLayout(row, 1)
        self.home = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 4, MAIN_TARGET_MM))
        self.home.clicked.connect(self.home_requested)
        self.bar = SessionBar(theme, texts, middle=self.home)
        root.addWidget(self.bar)

    def show_code(self, code: PhoneCode, phone: str) -> None:
        """A new code for the worker whose phone number is ``phone``."""
        self.code, self.phone = code, phone
        self.qr.setPixmap(qr_pixmap(code.url, self.qr_side))
        self.address.setText(code.url)
        self.retranslate()

    def clear(self) -> None:
        """Forget the code (the visit ended)."""
        self.code, self.phone = None, ""
        self.qr.clear()
        self.address.clear()

    def _messages(self) -> list[Message]:
        c = self.code
        if c is None:
            return []
        return [
            ("phone.steps", None, {"phone": masked_phone(self.phone)}),
            ("phone.code", None, {"code": " ".join(c.code)}),
            ("phone.lasts", None, {"minutes": c.minutes_left(self.now())}),
        ]

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """The title, what to do, the code read digit by digit, how long it lasts."""
        return spoken([(self.prompt_id, None, {}), *self._messages()]) if self.code else []

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        self.title.set_lines(t.lines(self.prompt_id))
        shown = [t.compose([m]) for m in self._messages()]
        steps, _said, lasts = shown if shown else ([], [], [])
        self.steps.set_lines(steps)
        c = self.code
        self.number.set_lines([(Lang.EN, f"{c.code[:3]} {c.code[3:]}")] if c else [])
        self.lasts.set_lines(lasts)
        self.home.set_lines(t.lines("pay.home"))
