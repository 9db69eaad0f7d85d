"""The hall board: a page of today's and tomorrow's jobs in large type, one row a job
(picture, trade, when, how long and how far, places left, the wage), the page number, and
how to apply; a job just announced is marked "new". No buttons: it is read from across the
room (the kiosk set aside for it keeps its corner for staff)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain.entities import Duration
from kiosk.domain.matching import Match
from kiosk.i18n import Lang, Mode
from kiosk.services.ports import Clock
from kiosk.ui.icons import TRADE_ICONS
from kiosk.ui.jobs import facts
from kiosk.ui.jobs.model import card_summary
from kiosk.ui.texts import Texts
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.tile import figure_tile

# Jobs a page, each row read from a few metres away: a Tibetan line is about twice a
# Chinese one's height, so three rows in both scripts, four in Tibetan, six in Chinese.
ROWS = 6
ROWS_IN = {Mode.BOTH: 3, Mode.BO: 4}


def rows_for(mode: Mode) -> int:
    """How many jobs a page shows in ``mode``."""
    return ROWS_IN.get(mode, ROWS)


# Columns of a row: picture, trade, when, how long and how far, places left, wage.
STRETCH = (0, 5, 4, 4, 3, 3)
NEW_BG = "#FFD400"  # the palette's "continue" pair: dark text on yellow


class JobRow(QWidget):
    """One job on the board."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        tile, column = figure_tile(theme, "hallRow")
        self.tile = tile
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(tile)
        row = QHBoxLayout()
        row.setSpacing(theme.mm(4))
        column.addLayout(row)
        column.setContentsMargins(theme.mm(4), theme.mm(2), theme.mm(4), theme.mm(2))
        left = Qt.AlignmentFlag.AlignLeft
        middle = Qt.AlignmentFlag.AlignVCenter
        self.icon = QLabel()
        icon = theme.font(Lang.EN, "title")
        icon.setFamilies(["Noto Color Emoji", "Noto Sans CJK SC"])
        self.icon.setFont(icon)
        self.icon.setProperty("picture", True)  # a colour pictogram beside its words
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.new = BiText(theme, "small", bold=True, colour=theme.palette.continue_text)
        self.new.setObjectName("hallNew")
        self.new.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.new.setStyleSheet(f"#hallNew {{ background: {NEW_BG}; border-radius: 8px; }}")
        self.new.hide()
        picture = QWidget()  # a fixed column, with or without the "new" mark
        picture.setFixedWidth(theme.mm(26))
        stack = QVBoxLayout(picture)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(theme.mm(1))
        stack.addWidget(self.icon)
        stack.addWidget(self.new)
        row.addWidget(picture, STRETCH[0])
        self.trade = BiText(theme, "secondary", bold=True, align=left)
        self.when = BiText(theme, "secondary", bold=True, align=left)
        self.summary = BiText(theme, "secondary", align=left)
        self.places = BiText(theme, "secondary", bold=True, align=left)
        for widget, stretch in zip(
            (self.trade, self.when, self.summary, self.places), STRETCH[1:5], strict=True
        ):
            row.addWidget(widget, stretch, middle)
        wage = QVBoxLayout()
        wage.setSpacing(0)
        self.wage = QLabel()
        font = theme.font(Lang.EN, "huge", bold=True)
        self.wage.setFont(font)
        self.wage.setStyleSheet(f"color: {theme.palette.primary_bg};")
        self.wage.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.unit = BiText(theme, "small", align=Qt.AlignmentFlag.AlignRight)
        wage.addWidget(self.wage)
        wage.addWidget(self.unit)
        wage.setAlignment(middle)
        row.addLayout(wage, STRETCH[5])
        self.job_id = ""

    def show_job(self, texts: Texts, match: Match, today: dt.date, *, new: bool) -> None:
        """Fill the row with ``match`` (``new``: marked as just announced)."""
        job = match.candidate.job
        self.job_id = job.id
        self.icon.setText(TRADE_ICONS.get(job.job_type_code, "🧰"))
        self.new.set_lines(texts.lines("hall.new") if new else [])
        self.new.setVisible(new)
        # A new job's row is framed in yellow while it is news.
        # (Every row has the frame's width, so the columns of all rows stay aligned.)
        frame = f"{self.theme.mm(1.5)}px solid {NEW_BG if new else '#FFFFFF'}"
        style = f"#hallRow {{ background: #FFFFFF; border-radius: 12px; border: {frame}; }}"
        if self.tile.styleSheet() != style:  # a style sheet re-polishes the whole row
            self.tile.setStyleSheet(style)
        self.trade.set_lines(texts.lines(f"jobtype.{job.job_type_code}"))
        # The day in words in each language, the hours once, in digits (as a job card).
        hours = (Lang.EN, facts.hours(match))
        self.when.set_lines([*texts.compose([facts.day(match, today)]), hours])
        self.summary.set_lines(texts.compose([card_summary(match)]))
        left = job.slots_total - job.slots_taken
        self.places.set_lines(texts.plural_lines("hall.places", left))
        self.wage.setText(f"¥{job.day_wage}")
        unit = "job.per_half_day" if job.duration is Duration.HALF_DAY else "job.per_day"
        self.unit.set_lines(texts.lines(unit))


class HallBoard(QWidget):
    """Title, page number and clock; a page of rows; how to apply."""

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        clock: Clock,
        today: Callable[[], dt.date],
    ) -> None:
        super().__init__()
        self.setObjectName("hallBoard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"#hallBoard {{ background: {theme.palette.background}; }}")
        self.theme, self.texts = theme, texts
        self._clock, self._today = clock, today
        root = QVBoxLayout(self)
        m = theme.mm(5)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(3))
        top = QHBoxLayout()
        self.title = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.time = QLabel()
        self.time.setFont(theme.font(Lang.EN, "title", bold=True))
        self.time.setStyleSheet(f"color: {theme.palette.text};")
        self.page = QLabel()  # "2 / 5": digits read the same in every language
        self.page.setFont(theme.font(Lang.EN, "title", bold=True))
        self.page.setStyleSheet(f"color: {theme.palette.muted};")
        corner = QHBoxLayout()
        corner.setSpacing(theme.mm(8))
        corner.addStretch(1)
        corner.addWidget(self.page)
        corner.addWidget(self.time)
        top.addWidget(self.title, 1)
        top.addLayout(corner)
        root.addLayout(top)
        column = QVBoxLayout()
        column.setSpacing(theme.mm(2.5))
        self.rows = [JobRow(theme) for _ in range(ROWS)]
        for row in self.rows:
            column.addWidget(row)
        self.empty = BiText(theme, "title", bold=True, colour=theme.palette.muted)
        column.addWidget(self.empty, 1)
        column.addStretch(1)
        root.addLayout(column, 1)
        self.how = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        root.addWidget(self.how)
        self.shown: list[Match] = []
        self.new_ids: set[str] = set()
        self.loaded = False
        self._page = (1, 1)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._update_clock)
        self._tick.start(1000)
        self._update_clock()
        self.show_page([], 0, 1, loaded=False)

    def show_page(
        self,
        jobs: list[Match],
        page: int,
        pages: int,
        new: set[str] | None = None,
        *,
        loaded: bool = True,
    ) -> None:
        """Show ``jobs`` (at most ``ROWS``) as page ``page`` of ``pages`` (from 0); not
        ``loaded``: the jobs are still being read (nothing said of none)."""
        self.shown, self.new_ids, self._page = list(jobs[:ROWS]), set(new or ()), (page + 1, pages)
        self.loaded = loaded
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the board's mode."""
        texts, today = self.texts, self._today()
        self.title.set_lines(texts.lines("hall.title"))
        self.how.set_lines(texts.lines("hall.how"))
        for i, row in enumerate(self.rows):
            if i < len(self.shown):
                match = self.shown[i]
                row.show_job(texts, match, today, new=match.candidate.job.id in self.new_ids)
                row.show()
            else:
                row.job_id = ""
                row.hide()
        self.empty.set_lines(texts.lines("hall.none") if self.loaded and not self.shown else [])
        self.empty.setVisible(self.loaded and not self.shown)
        page, pages = self._page
        self.page.setText(f"{page} / {pages}" if pages > 1 else "")

    def overflowing(self) -> bool:
        """Whether a row shown needs more height than the page leaves it (a panel smaller
        than the reference, or a narrower board: the page then shows fewer rows)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the rows' geometry for what was just set, now
        for row in self.rows:
            if row.isHidden():
                continue
            for label in row.findChildren(QLabel):
                if not (label.isVisibleTo(self) and label.text()):
                    continue
                wraps = label.wordWrap()
                needed = label.heightForWidth(label.width()) if wraps else label.sizeHint().height()
                if needed > label.height() + 1:
                    return True
        return False

    def _update_clock(self) -> None:
        self.time.setText(self._clock.now().strftime("%Y-%m-%d  %H:%M"))
