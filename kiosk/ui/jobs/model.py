"""The matched-jobs list: a model of ``Match`` values and the delegate that paints job cards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from kiosk.domain.entities import Duration
from kiosk.domain.matching import Match, Reason
from kiosk.i18n import Lang
from kiosk.ui.icons import TRADE_ICONS
from kiosk.ui.texts import Texts
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.textpaint import Lines, block_height, draw_block

MATCH_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


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


def when_lines(texts: Texts, match: Match, today: dt.date) -> Lines:
    """The day and hours of a job."""
    job = match.candidate.job
    times = {"start": f"{job.starts_at:%H:%M}", "end": f"{job.ends_at:%H:%M}"}
    day = job.starts_at.date()
    if day == today:
        return texts.lines("job.when_today", **times)
    if day == today + dt.timedelta(days=1):
        return texts.lines("job.when_tomorrow", **times)
    return texts.lines("job.when_date", date=f"{day:%m-%d}", **times)


def duration_lines(texts: Texts, match: Match) -> Lines:
    """Half a day, one day, or N days: against the fear of a "fixed" job."""
    job = match.candidate.job
    if job.duration is Duration.HALF_DAY:
        return texts.lines("duration.half_day")
    if job.duration is Duration.ONE_DAY:
        return texts.lines("duration.one_day")
    days = (job.ends_at.date() - job.starts_at.date()).days + 1
    return texts.plural_lines("duration.multi_day", days)


def reason_lines(texts: Texts, reason: Reason) -> Lines:
    """One reason in the current mode."""
    values = {k: v for k, v in reason.values.items() if k != "job_type"}
    if reason.message_id == "reason.skill":
        return texts.plural_lines("reason.skill", int(values["years"]))
    if reason.message_id == "reason.soon":
        return texts.lines("reason.soon")
    return texts.lines(reason.message_id, **values)


class JobCardDelegate(QStyledItemDelegate):
    """Paints one large job card: trade, when, how long, where, employer, wage, reasons."""

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

    def _columns(self, width: float) -> tuple[float, float, float]:
        pad = self.theme.mm(4)
        inner = width - 2 * pad
        return inner * 0.22, inner * 0.50, inner * 0.28

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 - Qt
        """Tall enough for the card's tallest column at the view's width."""
        match = index.data(MATCH_ROLE)
        width = max(600, option.rect.width() or self.theme.mm(400))
        if not isinstance(match, Match):
            return QSize(width, self.theme.mm(40))
        left, middle, right = self._columns(width)
        t, th = self.texts, self.theme
        type_h = th.mm(14) + block_height(
            th,
            t.lines(f"jobtype.{match.candidate.job.job_type_code}"),
            "secondary",
            left,
            bold=True,
        )
        mid_h = (
            block_height(th, when_lines(t, match, self.today()), "secondary", middle, bold=True)
            + block_height(th, duration_lines(t, match), "small", middle)
            + block_height(th, [(Lang.ZH, match.candidate.job.address_zh)], "small", middle)
            + sum(block_height(th, reason_lines(t, r), "small", middle) for r in match.reasons)
            + th.mm(2) * 4
        )
        right_h = th.mm(20) + block_height(th, t.lines("job.per_day"), "small", right)
        return QSize(width, int(max(type_h, mid_h, right_h) + 2 * th.mm(4) + th.mm(3)))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Draw the card."""
        match = index.data(MATCH_ROLE)
        if not isinstance(match, Match):
            return
        th, t, pal = self.theme, self.texts, self.theme.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(option.rect).adjusted(0, 0, 0, -th.mm(3))
        path = QPainterPath()
        path.addRoundedRect(card, th.mm(3), th.mm(3))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillPath(path, QColor("#FFFFFF"))
        painter.setPen(QPen(QColor(pal.continue_bg if selected else pal.secondary_bg), th.mm(0.8)))
        painter.drawPath(path)
        pad = th.mm(4)
        left, middle, right = self._columns(card.width())
        x0, y0 = card.left() + pad, card.top() + pad
        job, emp = match.candidate.job, match.candidate.employer
        # trade
        icon = th.font(Lang.EN, "huge")
        icon.setFamilies(["Noto Color Emoji", "Noto Sans CJK SC"])
        painter.setFont(icon)
        painter.setPen(QColor(pal.text))
        painter.drawText(
            QRectF(x0, y0, left, th.mm(14)),
            Qt.AlignmentFlag.AlignLeft,
            TRADE_ICONS.get(job.job_type_code, "🛠"),
        )
        draw_block(
            painter,
            th,
            t.lines(f"jobtype.{job.job_type_code}"),
            role="secondary",
            origin=QPointF(x0, y0 + th.mm(14)),
            width=left,
            colour=pal.text,
            bold=True,
        )
        # when, how long, where, reasons
        x1, y = x0 + left, y0
        y += draw_block(
            painter,
            th,
            when_lines(t, match, self.today()),
            role="secondary",
            origin=QPointF(x1, y),
            width=middle,
            colour=pal.text,
            bold=True,
        ) + th.mm(2)
        y += draw_block(
            painter,
            th,
            duration_lines(t, match),
            role="small",
            origin=QPointF(x1, y),
            width=middle,
            colour=pal.secondary_bg,
            bold=True,
        ) + th.mm(2)
        y += draw_block(
            painter,
            th,
            [(Lang.ZH, f"{job.address_zh} · {emp.name}")],
            role="small",
            origin=QPointF(x1, y),
            width=middle,
            colour=pal.muted,
        ) + th.mm(2)
        for reason in match.reasons:
            y += draw_block(
                painter,
                th,
                reason_lines(t, reason),
                role="small",
                origin=QPointF(x1, y),
                width=middle,
                colour=pal.text,
            )
        # wage: the largest text on the card
        x2 = x1 + middle
        wage = th.font(Lang.EN, "huge", bold=True)
        wage.setPixelSize(int(wage.pixelSize() * 1.3))
        painter.setFont(wage)
        painter.setPen(QColor(pal.primary_bg))
        painter.drawText(
            QRectF(x2, y0, right, th.mm(20)),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(job.day_wage),
        )
        unit = t.lines("job.per_half_day" if job.duration is Duration.HALF_DAY else "job.per_day")
        draw_block(
            painter,
            th,
            unit,
            role="small",
            origin=QPointF(x2, y0 + th.mm(20)),
            width=right,
            colour=pal.muted,
            align=Qt.AlignmentFlag.AlignRight,
        )
        painter.restore()
