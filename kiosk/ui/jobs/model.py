"""The matched-jobs list: a model of ``Match`` values, a view that shows whole cards a page
at a time, and the delegate that paints a card (with its own speaker button)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from kiosk.domain.entities import Duration
from kiosk.domain.matching import Match
from kiosk.i18n import Lang, Ref
from kiosk.ui.icons import TRADE_ICONS
from kiosk.ui.jobs import facts
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MIN_TARGET_MM, Theme
from kiosk.ui.widgets.textpaint import Lines, block_height, draw_block

MATCH_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
CARDS_PER_PAGE = 3  # whole cards on one screen, in every mode (UX.md: no hidden rows)
FIT_SAMPLE = 15  # cards measured for their height (5 pages; ~1.5 ms each)
# Card columns: trade; day and hours; how long and how far; pay terms; the top reason;
# the wage. The speaker button is a fixed square at the right. A narrower card (the demo
# panel beside it) leaves the reason to the job detail rather than cut a line. The pay
# column also carries the employer's credit (narrower, bilingual cards outgrew a third).
COLUMNS = (0.17, 0.20, 0.12, 0.24, 0.14, 0.13)
NARROW_COLUMNS = (0.22, 0.26, 0.14, 0.23, 0.0, 0.15)
WIDE_MM = 420.0
WAGE = len(COLUMNS) - 1
PAY = 3  # the pay terms' column, with the employer's credit or unpaid-wage record


class JobListModel(QAbstractListModel):
    """Rows of ``Match``; ``MATCH_ROLE`` gives the value, DisplayRole a plain summary."""

    def __init__(self) -> None:
        super().__init__()
        self.matches: list[Match] = []

    def set_matches(self, matches: list[Match]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.matches = list(matches)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of jobs (a flat list)."""
        return 0 if parent.isValid() else len(self.matches)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The match, or a one-line summary for accessibility tools."""
        if not index.isValid() or not 0 <= index.row() < len(self.matches):
            return None
        match = self.matches[index.row()]
        if role == MATCH_ROLE:
            return match
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{match.candidate.job.title_zh} {match.candidate.job.day_wage}"
        return None


def lines(texts: Texts, message: tuple[str, int | None, dict[str, Any]]) -> Lines:
    """One fact message in the current mode."""
    return texts.compose([message])


def card_summary(match: Match) -> tuple[str, int | None, dict[str, Any]]:
    """How long and how far, one line a language."""
    msgid, n, fmt = facts.duration(match)
    ref = Ref.to(msgid, n=n, **fmt) if n is not None else Ref.to(msgid, **fmt)
    return ("job.card_summary", None, {"duration": ref, "km": facts.km(match)})


class JobCardDelegate(QStyledItemDelegate):
    """Paints one card: trade, day and hours, how long and how far, the top reason and pay
    terms, the wage, and a speaker button; ``speak_requested(match)`` when it is tapped."""

    speak_requested = Signal(object)

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Asked at each paint: a kiosk runs past midnight and "today" moves with the clock.
        self.theme, self.texts, self.today = theme, texts, today
        self.row_height = theme.mm(60)
        self._spoke = False  # the last release was on a speaker (the view still "clicks")

    def card_rect(self, rect: QRectF) -> QRectF:
        """The card inside its row (a gap below)."""
        return rect.adjusted(0, 0, 0, -self.theme.mm(1.5))

    def speaker_rect(self, rect: QRectF) -> QRectF:
        """The speaker button: a touch target at the card's right edge, centred."""
        card = self.card_rect(rect)
        side = self.theme.mm(MIN_TARGET_MM)
        pad = self.theme.mm(3)
        return QRectF(card.right() - pad - side, card.center().y() - side / 2, side, side)

    def _columns(self, card: QRectF) -> list[tuple[float, float]]:
        """(x, width) of each text column, left to right."""
        pad = self.theme.mm(3)
        inner = card.width() - 3 * pad - self.theme.mm(MIN_TARGET_MM)
        shares = COLUMNS if card.width() >= self.theme.mm(WIDE_MM) else NARROW_COLUMNS
        out, x = [], card.left() + pad
        for share in shares:
            out.append((x, max(0.0, inner * share - pad)))
            x += inner * share
        return out

    def blocks(self, match: Match) -> list[list[tuple[Lines, str, bool]]]:
        """Each column's blocks: (lines, text role, bold)."""
        t, today = self.texts, self.today()
        job = match.candidate.job
        unit = "job.per_half_day" if job.duration is Duration.HALF_DAY else "job.per_day"
        top = match.reasons[:1]
        day = facts.day(match, today)
        # More than a week ahead the day is its weekday and date ("Wednesday 9 December"):
        # in Tibetan that is two lines at the card's day size, so it is set a size smaller,
        # and its hours with it (a Friday's, གཟའ་པ་སངས, still takes two lines).
        day_role = "small" if day[0] == "date.weekday_date" else "secondary"
        return [
            [(t.lines(f"jobtype.{job.job_type_code}"), "secondary", True)],
            [
                (lines(t, day), day_role, True),
                ([(Lang.EN, facts.hours(match))], day_role, True),
            ],
            [(lines(t, card_summary(match)), "small", True)],
            # Pay terms with the credit level, or the unpaid-wage record (red, bold).
            [(lines(t, facts.card_pay(match)), "small", facts.unpaid(match) is not None)],
            [(lines(t, facts.reason(r)), "small", False) for r in top],
            [(t.lines(unit), "small", False)],
        ]

    def needed_height(self, match: Match, width: float) -> float:
        """The height the card's tallest column needs at ``width`` (the audit checks that
        every card fits its row)."""
        th = self.theme
        card = QRectF(0, 0, width, self.row_height)
        heights = []
        icon_h, wage_h = th.mm(10), th.mm(20)
        for i, ((_, w), blocks) in enumerate(
            zip(self._columns(card), self.blocks(match), strict=True)
        ):
            if w <= 0:
                continue  # a column left out at this width
            h = sum(
                block_height(th, ls, role, w, bold=bold) + th.mm(1) for ls, role, bold in blocks
            )
            heights.append(h + (icon_h if i == 0 else wage_h if i == WAGE else 0))
        return max(heights) + 2 * th.mm(2.5) + th.mm(1.5)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 - Qt
        """Every card is a third of the view (the view sets ``row_height``)."""
        return QSize(max(600, option.rect.width()), self.row_height)

    def editorEvent(  # noqa: N802 - Qt override
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        """A tap on the speaker says the card; anywhere else opens the job."""
        if (
            isinstance(event, QMouseEvent)
            and event.type() == QEvent.Type.MouseButtonRelease
            and self.speaker_rect(QRectF(option.rect)).contains(event.position())
        ):
            match = index.data(MATCH_ROLE)
            if isinstance(match, Match):
                self._spoke = True
                self.speak_requested.emit(match)
                return True
        return super().editorEvent(event, model, option, index)

    def took_speaker_tap(self) -> bool:
        """True once after a tap on a speaker: Qt 6 emits the view's ``clicked`` even when
        the delegate handled the release, and that tap must not open the job."""
        spoke, self._spoke = self._spoke, False
        return spoke

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Draw the card."""
        match = index.data(MATCH_ROLE)
        if not isinstance(match, Match):
            return
        painter.save()
        try:  # a painter left saved would take the whole window down with it
            self._paint_card(painter, option, match)
        finally:
            painter.restore()

    def _paint_card(self, painter: QPainter, option: QStyleOptionViewItem, match: Match) -> None:
        th, pal = self.theme, self.theme.palette
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = self.card_rect(QRectF(option.rect))
        path = QPainterPath()
        path.addRoundedRect(card, th.mm(3), th.mm(3))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillPath(path, QColor("#FFFFFF"))
        painter.setPen(QPen(QColor(pal.continue_bg if selected else pal.secondary_bg), th.mm(0.8)))
        painter.drawPath(path)
        painter.setClipRect(card)
        job = match.candidate.job
        columns = self._columns(card)
        y0 = card.top() + th.mm(2.5)
        icon = th.font(Lang.EN, "title")
        icon.setFamilies(["Noto Color Emoji", "Noto Sans CJK SC"])
        painter.setFont(icon)
        x, w = columns[0]
        painter.drawText(
            QRectF(x, y0, w, th.mm(10)),
            Qt.AlignmentFlag.AlignLeft,
            TRADE_ICONS.get(job.job_type_code, "🛠"),
        )
        # one colour a column: trade, day and hours, how long, pay, reason, wage unit
        colours = [pal.text, pal.text, pal.secondary_bg, pal.text, pal.text, pal.muted]
        wage_h = th.mm(20)
        for i, ((x, w), blocks) in enumerate(zip(columns, self.blocks(match), strict=True)):
            if w <= 0:
                continue
            y = y0 + (th.mm(10) if i == 0 else wage_h if i == WAGE else 0)
            for ls, role, bold in blocks:
                warned = i == PAY and bold  # the unpaid-wage record
                y += draw_block(
                    painter,
                    th,
                    ls,
                    role=role,
                    origin=QPointF(x, y),
                    width=w,
                    colour=pal.error_text if warned else colours[i],
                    bold=bold,
                    align=Qt.AlignmentFlag.AlignRight if i == WAGE else Qt.AlignmentFlag.AlignLeft,
                ) + th.mm(1)
        # wage: the largest text on the card
        x, w = columns[WAGE]
        wage = th.font(Lang.EN, "huge", bold=True)
        wage.setPixelSize(int(wage.pixelSize() * 1.3))
        painter.setFont(wage)
        painter.setPen(QColor(pal.primary_bg))
        painter.drawText(
            QRectF(x, y0, w, wage_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(job.day_wage),
        )
        self._paint_speaker(painter, self.speaker_rect(QRectF(option.rect)))

    def _paint_speaker(self, painter: QPainter, rect: QRectF) -> None:
        pal = self.theme.palette
        path = QPainterPath()
        path.addRoundedRect(rect, self.theme.mm(2), self.theme.mm(2))
        painter.fillPath(path, QColor(pal.secondary_bg))
        icon = self.theme.font(Lang.EN, "primary")
        icon.setFamilies(["Noto Color Emoji", "Noto Sans CJK SC"])
        painter.setFont(icon)
        painter.setPen(QColor(pal.secondary_text))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "🔊")


class JobListView(QListView):
    """Whole cards only: each row is a page's share of the height, paging moves by a page,
    and dragging still scrolls freely. ``page_changed(first, last)`` (1-based, inclusive).

    The page is kept as a row number, not read back from the scroll bar, so it is right
    before the view is laid out (and with the screen hidden)."""

    page_changed = Signal(int, int)

    def __init__(self, delegate_factory: Callable[[QListView], JobCardDelegate]) -> None:
        super().__init__()
        self.cards = delegate_factory(self)
        self.setItemDelegate(self.cards)
        self.setUniformItemSizes(True)  # one height for all: layout and scrolling stay cheap
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSpacing(0)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # count + pager
        self._first = 0
        self._turning = False
        self.content_height = 0  # what the cards shown need (a banner may shrink the view)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    @property
    def per_page(self) -> int:
        """Whole cards that fit: three, unless the cards of this list need more room (a
        long language at a narrow width, a banner taking the bottom). Three while the view
        is not on screen (nothing is laid out; the voice still reads a page)."""
        if not self.isVisible():
            return CARDS_PER_PAGE
        fits = self.viewport().height() // max(1, self.cards.row_height)
        return max(1, min(CARDS_PER_PAGE, fits))

    def _count(self) -> int:
        model = self.model()
        return model.rowCount() if model is not None else 0

    def _clamp(self, first: int) -> int:
        """The last page is a whole page too (it may repeat cards of the one before)."""
        return max(0, min(first, self._count() - self.per_page))

    def page(self) -> tuple[int, int]:
        """(first, last) shown, 1-based; (0, 0) when empty."""
        count = self._count()
        if not count:
            return 0, 0
        first = self._clamp(self._first)
        return first + 1, min(count, first + self.per_page)

    def show_from(self, first: int) -> None:
        """Show the cards from row ``first`` (0-based), aligned to the top."""
        self._first = self._clamp(first)
        self._turning = True
        try:
            self.verticalScrollBar().setValue(self._first * self.cards.row_height)
        finally:
            self._turning = False
        self._report_page()

    def turn(self, pages: int) -> None:
        """Show the previous (-1) or next (1) page; a card on it taller than those measured
        so far makes every row taller (rows never cut a card)."""
        first = self._clamp(self._clamp(self._first) + pages * self.per_page)
        model = self.model()
        if isinstance(model, JobListModel):
            width = self.viewport().width()
            page = model.matches[first : first + self.per_page]
            needed = max((self.cards.needed_height(m, width) for m in page), default=0)
            if needed > self.content_height:
                self.content_height = math.ceil(needed)
                self._fit_rows()
                first = self._clamp(first)  # fewer whole cards a page now
        self.show_from(first)

    def reset(self) -> None:
        """A new list: from its first card."""
        self.show_from(0)

    def fit_content(self, matches: list[Match]) -> None:
        """Measure what these cards need in the current language (the first ones: a long
        list repeats its forms), so a card is never cut, even while a banner takes room."""
        width = self.viewport().width()
        self.content_height = math.ceil(
            max((self.cards.needed_height(m, width) for m in matches[:FIT_SAMPLE]), default=0)
        )
        self._fit_rows()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Rows follow the height: three whole cards at any panel size."""
        super().resizeEvent(event)
        model = self.model()
        if isinstance(model, JobListModel):
            self.fit_content(model.matches)
        else:
            self._fit_rows()

    def _fit_rows(self) -> None:
        height = max(1, self.viewport().height() // CARDS_PER_PAGE, self.content_height)
        if height != self.cards.row_height:
            self.cards.row_height = height
            self.doItemsLayout()
        self.show_from(self._first)

    def _on_scrolled(self, value: int) -> None:
        if not self._turning:  # dragged by hand: the page is where the drag left it
            step = max(1, self.cards.row_height)
            self._first = self._clamp((value + step // 2) // step)
            self._report_page()

    def _report_page(self) -> None:
        self.page_changed.emit(*self.page())
