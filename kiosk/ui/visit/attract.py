"""The attract screen: tap your ID card or scan a QR code, language choice, station, clock."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import Lang, Mode
from kiosk.services.ports import Clock
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.session_bar import call_staff_lines
from kiosk.ui.texts import Message, Texts
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton, RepeatButton
from kiosk.ui.widgets.qr import qr_pixmap

TICKET_MM = 65  # the login ticket's QR code: a phone reads it from a step away

LANGUAGE_BUTTONS = (
    (Mode.BOTH, "lang.both"),
    (Mode.BO, "lang.bo"),
    (Mode.ZH, "lang.zh"),
    (Mode.EN, "lang.en"),
)


class AttractScreen(Screen):
    """Waits for a card; ``mode_chosen`` when a language button is pressed."""

    name = "attract"
    prompt_id = "attract.tap_card"
    mode_chosen = Signal(object)
    first_painted = Signal()
    repeat_requested = Signal()
    call_staff_requested = Signal()

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        station_code: str,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, texts, parent)
        self.station_code = station_code
        self._painted = False
        self._clock = clock
        root = QVBoxLayout(self)
        m = theme.mm(5)
        root.setContentsMargins(m, m, m, m)
        top = QHBoxLayout()
        self.station = BiText(
            theme, "secondary", align=Qt.AlignmentFlag.AlignLeft, colour=theme.palette.muted
        )
        self.time = QLabel()
        self.time.setFont(theme.font(Lang.EN, "title", bold=True))
        self.time.setStyleSheet(f"color: {theme.palette.text};")
        self.time.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.station, 1)
        # The login ticket's QR code, beside the clock (its own row: the title below keeps
        # the whole width, whatever its length in Tibetan).
        self.ticket = self._build_ticket(theme)
        top.addWidget(self.ticket, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(theme.mm(6))
        top.addWidget(self.time, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(top)
        root.addStretch(1)
        self._build_words(theme, root)
        root.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(theme.mm(6))
        self.language_buttons: dict[Mode, BigButton] = {}
        for mode, _ in LANGUAGE_BUTTONS:
            button = BigButton(
                theme, "secondary", min_mm=(MAIN_TARGET_MM * 1.7, MAIN_TARGET_MM * 0.8)
            )
            button.clicked.connect(lambda _=False, m=mode: self.mode_chosen.emit(m))
            self.language_buttons[mode] = button
            row.addWidget(button)
        self.repeat = RepeatButton(theme)
        self.repeat.clicked.connect(self.repeat_requested)
        # Help without a card: every message that says "call staff" has the button here too.
        self.call_staff = BigButton(
            theme, "staff", min_mm=(MAIN_TARGET_MM * 2.5, MAIN_TARGET_MM * 0.8), one_line=True
        )
        self.call_staff.clicked.connect(self.call_staff_requested)
        self.waited: int | None = None
        row.addStretch(1)
        row.addWidget(self.call_staff)
        row.addWidget(self.repeat)
        root.addLayout(row)
        self.sync_line = BiText(
            theme, "small", align=Qt.AlignmentFlag.AlignLeft, colour=theme.palette.muted
        )
        self.sync_messages: list[Message] = []
        root.addWidget(self.sync_line)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._update_clock)
        self._tick.start(1000)
        self._update_clock()
        self.retranslate()

    def _build_words(self, theme: Theme, root: QVBoxLayout) -> None:
        """Tap your card, or scan; and a standing notice (the reader is down)."""
        self.title = BiText(theme, "huge", bold=True)
        self.subtitle = BiText(theme, "primary", colour=theme.palette.muted)
        root.addWidget(self.title)
        root.addSpacing(theme.mm(3))
        root.addWidget(self.subtitle)
        self.notice = BiText(theme, "secondary", bold=True, colour=theme.palette.error_text)
        self.notice_id = ""
        root.addWidget(self.notice)
        root.addWidget(self.ticket_line)

    def _build_ticket(self, theme: Theme) -> QLabel:
        """The login ticket's QR code for a phone signed in on the market's worker page;
        hidden while there is none (offline, not enrolled): then the card is the way in.
        What it is for is said under the title (``ticket_line``)."""
        ticket = QLabel()
        ticket.setObjectName("attractTicket")
        self.ticket_side = theme.mm(TICKET_MM)
        ticket.setFixedSize(self.ticket_side, self.ticket_side)
        self.ticket_qr = ticket
        self.ticket_line = BiText(theme, "secondary", colour=theme.palette.muted)
        ticket.hide()
        self.ticket_line.hide()
        self.ticket_url: str | None = None
        return ticket

    def retranslate(self) -> None:
        """Texts in the current mode; language buttons always show their autonyms."""
        self.station.set_lines(self.texts.lines(f"place.{self.station_code}"))
        self.title.set_lines(self.texts.lines("attract.tap_card"))
        self.subtitle.set_lines(self.texts.lines("attract.or_scan"))
        self.notice.set_lines(self.texts.lines(self.notice_id) if self.notice_id else [])
        self.ticket_line.set_lines(self.texts.lines("attract.phone_qr"))
        self.sync_line.set_lines(self.texts.compose(self.sync_messages))
        for mode, msgid in LANGUAGE_BUTTONS:
            button = self.language_buttons[mode]
            text = self.texts.catalog.text(msgid, Lang.EN)
            lang = (
                Lang.BO
                if mode in (Mode.BO, Mode.BOTH)
                else (Lang.ZH if mode is Mode.ZH else Lang.EN)
            )
            button.set_lines([(lang, text)])
            button.set_selected(mode is self.texts.mode)
        self.repeat.set_name(self.texts.lines("voice.repeat"))
        self.call_staff.set_lines(call_staff_lines(self.texts, self.waited))

    def show_call(self, minutes: object) -> None:
        """A call waiting for staff (minutes waited), or None."""
        self.waited = minutes if isinstance(minutes, int) else None
        self.retranslate()

    def show_sync(self, messages: list[Message]) -> None:
        """A small line for staff: online or offline, and what waits to be sent."""
        self.sync_messages = messages
        self.sync_line.set_lines(self.texts.compose(messages))

    def show_ticket(self, url: str | None) -> None:
        """The login ticket's address as a QR code, or None to hide it (offline)."""
        self.ticket_url = url
        if url is None:
            self.ticket.hide()
            self.ticket_line.hide()
            self.ticket_qr.clear()
            return
        self.ticket_qr.setPixmap(qr_pixmap(url, self.ticket_side))
        self.ticket.show()
        self.ticket_line.show()

    def set_notice(self, message_id: str) -> None:
        """Show a standing notice (e.g. the card reader is down); "" hides it."""
        self.notice_id = message_id
        self.notice.set_lines(self.texts.lines(message_id) if message_id else [])

    def _update_clock(self) -> None:
        now = self._clock.now()
        # Arabic digits whatever the language (UX.md: compared with cards and phones).
        self.time.setText(now.strftime("%Y-%m-%d  %H:%M"))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Announce the first frame once (start-up measurement)."""
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
