"""The training screen: courses that fit the worker, each a card with what it is, when,
where, seats or the waiting list, cost, language and what to bring, and one big button:
book, join the waiting list, or (for a booking) cancel, which asks a second tap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.training import Booking, BookingStatus, Course
from kiosk.i18n import Lang, Ref
from kiosk.services.training import Offer
from kiosk.ui.icons import TRADE_ICONS
from kiosk.ui.jobs.facts import day_ref
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.session_bar import SessionBar
from kiosk.ui.texts import Message, Texts, spoken
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.scrollbody import scroll_body
from kiosk.ui.widgets.section import frame_card

MAX_CARDS = 6
FACT_CELLS = 8  # four columns, two rows
FACT_COLUMNS = 4
CONFIRM_S = 8.0  # a second tap on "cancel" within this many seconds cancels


def name(course: Course) -> Message:
    """The course as a worker names it: the trade's training."""
    return ("training.name", None, {"trade": Ref(f"jobtype.{course.job_type_code}")})


def when(course: Course, today: dt.date) -> Message:
    """From which day, at what time, for how many days."""
    start = course.starts_at
    return (
        "training.when",
        course.days,
        {"day": day_ref(start.date(), today), "time": f"{start:%H:%M}"},
    )


def _listed(kind: str, codes: tuple[str, ...]) -> Message | None:
    """ "Bring: a, b, c" (``kind`` who or bring) as one whole message of up to three."""
    shown = codes[:3]
    if not shown:
        return None
    values = {k: Ref(f"training.{kind}.{c}") for k, c in zip("abc", shown, strict=False)}
    return (f"training.{kind}.list{len(shown)}", None, values)


def facts(course: Course, today: dt.date) -> list[Message]:
    """Every fact of a card, as shown and as said."""
    seats: Message = (
        ("training.full", course.waiting, {})
        if course.full
        else ("training.seats_left", course.seats_left, {})
    )
    out: list[Message] = [
        when(course, today),
        ("training.place", None, {"place": Ref(f"place.{course.place_code}")}),
        seats,
        ("training.free" if course.subsidised else "training.paid", None, {}),
        (f"training.lang.{course.language}", None, {}),
    ]
    out += [m for m in (_listed("who", course.who), _listed("bring", course.bring)) if m]
    return out


def cells(course: Course, today: dt.date) -> list[list[Message]]:
    """The card's facts in its cells, reading order, one fact each."""
    grouped = [[m] for m in facts(course, today)]
    return (grouped + [[]] * FACT_CELLS)[:FACT_CELLS]


def named(texts: Texts, course: Course) -> list[tuple[Lang, str]]:
    """The course's name: its own title in Chinese (and in Tibetan when the market gave
    one), else the trade's training from the catalog."""
    own = {Lang.ZH: course.title_zh, Lang.BO: course.title_bo}
    return [(lang, own.get(lang) or text) for lang, text in texts.compose([name(course)])]


def standing(booking: Booking | None) -> Message | None:
    """Where the worker's booking of this course stands (None: not booked)."""
    if booking is None:
        return None
    if booking.status is BookingStatus.WAITING and booking.position:
        return ("training.state.waiting_at", None, {"n": booking.position})
    return (f"training.state.{booking.status.value}", None, {})


class CourseCard(QFrame):
    """One course; ``tapped(course, booking or None)`` from its button."""

    tapped = Signal(object, object)

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = texts
        frame_card(self, theme, "courseCard", theme.palette.secondary_bg)
        row = QHBoxLayout(self)
        pad = theme.mm(3)
        row.setContentsMargins(pad, pad, pad, pad)
        row.setSpacing(theme.mm(5))
        column = QVBoxLayout()
        column.setSpacing(theme.mm(1.5))
        left = Qt.AlignmentFlag.AlignLeft
        self.name = BiText(theme, "secondary", bold=True, align=left)
        column.addWidget(self.name)
        # The facts four to a row (when, where, seats, cost; language, who, what to bring),
        # so several courses fit the reference panel in both languages.
        grid = QGridLayout()
        grid.setHorizontalSpacing(theme.mm(6))
        grid.setVerticalSpacing(theme.mm(1.5))
        self.cells = [BiText(theme, "small", align=left) for _ in range(FACT_CELLS)]
        for i, cell in enumerate(self.cells):
            grid.addWidget(cell, i // FACT_COLUMNS, i % FACT_COLUMNS)
        for column_no in range(FACT_COLUMNS):
            grid.setColumnStretch(column_no, 1)
        column.addLayout(grid)
        row.addLayout(column, 1)
        side = QVBoxLayout()
        side.setSpacing(theme.mm(2))
        self.state = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignCenter)
        self.button = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 2.5, MAIN_TARGET_MM))
        self.button.clicked.connect(self._tap)
        side.addWidget(self.state)
        side.addWidget(self.button)
        side.addStretch(1)
        row.addLayout(side)
        self.course: Course | None = None
        self.booking: Booking | None = None
        self.confirming = False

    def show_course(self, course: Course, booking: Booking | None, today: dt.date) -> None:
        """Fill the card (in the current mode)."""
        self.course, self.booking, self.confirming = course, booking, False
        t = self.texts
        icon = TRADE_ICONS.get(course.job_type_code, "")
        self.name.set_lines([(lang, f"{icon} {text}") for lang, text in named(t, course)])
        for cell, group in zip(self.cells, cells(course, today), strict=True):
            cell.set_lines(t.compose(group))
        self.relabel()

    def relabel(self) -> None:
        """The state line and the button's words for the booking as it stands."""
        t, booking, course = self.texts, self.booking, self.course
        state = standing(booking)
        self.state.set_lines(t.compose([state]) if state else [])
        self.state.setVisible(state is not None)
        active = booking is not None and booking.active
        if self.confirming:
            self.button.set_lines(t.lines("training.cancel_confirm"))
        elif active:
            self.button.set_lines(t.lines("training.do_cancel"))
        elif booking is not None and booking.status is BookingStatus.CANCELLING:
            self.button.set_lines(t.lines("training.cancelling"))
        else:
            full = course is not None and course.full
            self.button.set_lines(t.lines("training.join_list" if full else "training.do_book"))
        self.button.setEnabled(booking is None or booking.status is not BookingStatus.CANCELLING)

    def said(self, today: dt.date) -> list[tuple[str, dict[str, Any]]]:
        """The card read aloud: name, facts, where the booking stands."""
        if self.course is None:
            return []
        items = [name(self.course), *facts(self.course, today)]
        state = standing(self.booking)
        return spoken(items + ([state] if state else []))

    def _tap(self) -> None:
        if self.course is not None:
            self.tapped.emit(self.course, self.booking)


class WishPanel(QFrame):
    """Asked once: which trade would the worker like to learn? A tile per trade on offer,
    and "only my own trades"; ``chosen(code or None)``."""

    chosen = Signal(object)

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = texts
        frame_card(self, theme, "wishPanel", theme.palette.primary_bg)
        column = QVBoxLayout(self)
        pad = theme.mm(3)
        column.setContentsMargins(pad, pad, pad, pad)
        column.setSpacing(theme.mm(3))
        self.question = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.question)
        row = QHBoxLayout()
        row.setSpacing(theme.mm(5))
        size = (MAIN_TARGET_MM * 1.6, MAIN_TARGET_MM)
        self.tiles = [
            BigButton(theme, "secondary", role="secondary", min_mm=size) for _ in range(MAX_CARDS)
        ]
        for tile in self.tiles:
            tile.clicked.connect(lambda _c=False, t=tile: self.chosen.emit(t.property("trade")))
            row.addWidget(tile)
        row.addStretch(1)
        self.none = BigButton(theme, "secondary", role="secondary", min_mm=size)
        self.none.clicked.connect(lambda: self.chosen.emit(None))
        row.addWidget(self.none)
        column.addLayout(row)
        self.trades: list[str] = []

    def ask(self, trades: list[str]) -> None:
        """The trades to offer (the courses' own)."""
        self.trades = trades[: len(self.tiles)]
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        self.question.set_lines(t.lines("training.wish_title"))
        self.none.set_lines(t.lines("training.wish_none"))
        for i, tile in enumerate(self.tiles):
            code = self.trades[i] if i < len(self.trades) else None
            tile.setProperty("trade", code)
            tile.setVisible(code is not None)
            if code is not None:
                icon = TRADE_ICONS.get(code, "")
                tile.set_lines(
                    [(lang, f"{icon} {text}") for lang, text in t.lines(f"jobtype.{code}")]
                )


class TrainingScreen(Screen):
    """``book_requested(course)``, ``cancel_requested(booking)`` (after the second tap),
    ``confirm_asked``, ``home_requested``."""

    name = "training"
    prompt_id = "training.title"
    in_session = True
    book_requested = Signal(object)
    cancel_requested = Signal(object)
    wish_chosen = Signal(object)  # a trade code, or None: only the worker's own
    confirm_asked = Signal()
    home_requested = Signal()

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, texts, parent)
        self.today = today
        root = QVBoxLayout(self)
        m = theme.mm(6)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(3))
        self.title = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.result = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.result.hide()
        self.empty = BiText(theme, "primary", align=Qt.AlignmentFlag.AlignLeft)
        root.addWidget(self.title)
        root.addWidget(self.result)
        area, body = scroll_body(theme, "trainingBody", spacing_mm=4)
        self.wish = WishPanel(theme, texts)
        self.wish.hide()
        self.wish.chosen.connect(self.wish_chosen)
        body.addWidget(self.wish)
        body.addWidget(self.empty)
        self.cards = [CourseCard(theme, texts) for _ in range(MAX_CARDS)]
        for card in self.cards:
            card.hide()
            card.tapped.connect(self._tapped)
            body.addWidget(card)
        body.addStretch(1)
        root.addWidget(area, 1)
        self.home = BigButton(
            theme, "secondary", role="secondary", min_mm=(MAIN_TARGET_MM * 2.5, MAIN_TARGET_MM)
        )
        self.home.clicked.connect(self.home_requested)
        self.bar = SessionBar(theme, texts, middle=self.home)
        root.addWidget(self.bar)
        self.offer: Offer | None = None
        self.told: Message | None = None
        self._confirm = QTimer(self)
        self._confirm.setSingleShot(True)
        self._confirm.timeout.connect(self._confirm_over)

    # --- what is shown ---------------------------------------------------------------
    def show_offer(self, offer: Offer | None) -> None:
        """The courses and the worker's bookings (None: clear)."""
        self.offer = offer
        self.retranslate()

    def tell(self, message: Message | None) -> None:
        """The result of the last tap, under the title (the flow says it aloud)."""
        self.told = message
        self.retranslate()

    def clear(self) -> None:
        """Nothing of the worker stays."""
        self._confirm.stop()
        self.offer, self.told = None, None
        for card in self.cards:
            card.course, card.booking, card.confirming = None, None, False
        self.retranslate()

    def visible_cards(self) -> list[CourseCard]:
        """The cards showing a course."""
        return [c for c in self.cards if c.course is not None]

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """The title, then each course."""
        said = [self.prompt()]
        if self.wish.isVisibleTo(self):
            said.append(("training.wish_title", {}))
        if self.offer is not None and not self.offer.courses:
            said.append(("training.none", {}))
        for card in self.visible_cards():
            said += card.said(self.today())
        return said

    def retranslate(self) -> None:
        """Every text in the current mode."""
        t = self.texts
        self.title.set_lines(t.lines("training.title"))
        self.home.set_lines(t.lines("common.home"))
        self.result.set_lines(t.compose([self.told]) if self.told else [])
        self.result.setVisible(self.told is not None)
        offer = self.offer
        asking = offer is not None and not offer.asked and bool(offer.trades)
        self.wish.setVisible(asking)
        if asking and offer is not None:
            self.wish.ask(offer.trades)
        courses = offer.courses[:MAX_CARDS] if offer else []
        self.empty.set_lines(t.lines("training.none") if offer and not courses else [])
        self.empty.setVisible(bool(offer) and not courses)
        today = self.today()
        for i, card in enumerate(self.cards):
            if i < len(courses) and offer is not None:
                confirming = card.confirming and card.course == courses[i]
                card.show_course(courses[i], offer.bookings.get(courses[i].id), today)
                card.confirming = confirming
                card.relabel()
                card.show()
            else:
                card.course, card.booking = None, None
                card.hide()

    # --- taps --------------------------------------------------------------------------
    def _tapped(self, course: Course, booking: Booking | None) -> None:
        card = next((c for c in self.cards if c.course == course), None)
        if booking is None or not booking.active:
            self.book_requested.emit(course)
            return
        if card is not None and card.confirming:
            card.confirming = False
            self._confirm.stop()
            card.relabel()
            self.cancel_requested.emit(booking)
            return
        for other in self.cards:
            other.confirming = False
            other.relabel()
        if card is not None:
            card.confirming = True
            card.relabel()
        self._confirm.start(int(CONFIRM_S * 1000))
        self.confirm_asked.emit()

    def _confirm_over(self) -> None:
        for card in self.cards:
            if card.confirming:
                card.confirming = False
                card.relabel()
