"""Staff and technician screens: figures, sync state, diagnostics, enrolment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from kiosk.domain.entities import StationFigures
from kiosk.domain.followup import FollowUp
from kiosk.i18n import Lang
from kiosk.ui.admin import followup
from kiosk.ui.calls.panel import CallsPanel
from kiosk.ui.screens.base import Screen
from kiosk.ui.texts import Message, Texts
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.scrollbody import scroll_body
from kiosk.ui.widgets.tile import figure_tile

FIGURES = (
    ("staff.open_jobs", "open_jobs"),
    ("staff.workers", "workers"),
    ("staff.employers", "employers"),
    ("staff.pending_sync", "pending_outbox"),
    ("staff.not_paid", "not_paid"),
)


class AdminScreen(Screen):
    """Title, body and a button back to the start screen."""

    title_id = ""
    leave_requested = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        self.root = QVBoxLayout(self)
        m = theme.mm(8)
        self.root.setContentsMargins(m, m, m, m)
        self.root.setSpacing(theme.mm(5))
        self.top = top = QHBoxLayout()
        self.title = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.leave = BigButton(theme, "secondary", min_mm=(MAIN_TARGET_MM * 2.5, MAIN_TARGET_MM))
        self.leave.clicked.connect(self.leave_requested)
        top.addWidget(self.title, 1)
        top.addWidget(self.leave, 0, Qt.AlignmentFlag.AlignTop)
        self.root.addLayout(top)

    def _finish_layout(self, *, stretch: bool = True) -> None:
        if stretch:  # a screen whose body scrolls fills the height itself
            self.root.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current mode."""
        self.title.set_lines(self.texts.lines(self.title_id))
        self.leave.set_lines(self.texts.lines("common.home"))


class StaffScreen(AdminScreen):
    """Today's figures for staff, and registering a card a plain reader could not read."""

    bind_requested = Signal()
    day_requested = Signal()
    sheet_requested = Signal()
    assist_requested = Signal()
    name = "staff"
    prompt_id = "staff.title"
    title_id = "staff.title"

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        now: Callable[[], dt.datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, texts, parent)
        # Below the title everything scrolls by touch, should calls and refusals run long.
        area, body = scroll_body(theme, "staffBody", spacing_mm=5)
        self.root.addWidget(area, 1)
        self.calls = CallsPanel(theme, texts, now)  # first: a worker is waiting
        body.addWidget(self.calls)
        grid = QGridLayout()
        grid.setSpacing(theme.mm(8))
        self.figure_labels: dict[str, tuple[BiText, BiText]] = {}
        for i, (_msgid, attr) in enumerate(FIGURES):
            tile, column = figure_tile(theme, "figureTile")
            value = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
            label = BiText(
                theme, "secondary", align=Qt.AlignmentFlag.AlignLeft, colour=theme.palette.muted
            )
            column.addWidget(value)
            column.addWidget(label)
            grid.addWidget(tile, 0, i)  # one row: the sync state needs the height below
            self.figure_labels[attr] = (label, value)
        body.addLayout(grid)
        # Today and the week at a glance, under today's counts (the top bar is full).
        self.day = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM))
        self.day.clicked.connect(self.day_requested)
        # Today's jobs on paper, for those who read a sheet rather than touch the kiosk
        # (shown when the station has a printer).
        self.sheet = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM))
        self.sheet.clicked.connect(self.sheet_requested)
        # Staff act for a worker who asks them to (the worker's card, then their consent).
        self.assist = BigButton(theme, "staff", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM))
        self.assist.clicked.connect(self.assist_requested)
        self.day_row = day_row = QHBoxLayout()  # features add theirs (fast recruitment)
        day_row.setSpacing(theme.mm(6))
        day_row.addWidget(self.assist)
        day_row.addWidget(self.day)
        day_row.addWidget(self.sheet)
        day_row.addStretch(1)
        body.addLayout(day_row)
        # What to follow up: open complaints, "not paid" answers, agreements to print.
        self.follow = BiText(theme, "secondary", align=Qt.AlignmentFlag.AlignLeft)
        self.follow.setObjectName("staffFollowUp")
        body.addWidget(self.follow)
        self.sync_line = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.sync_detail = BiText(
            theme, "small", align=Qt.AlignmentFlag.AlignLeft, colour=theme.palette.muted
        )
        body.addWidget(self.sync_line)
        body.addWidget(self.sync_detail)
        body.addStretch(1)
        self.bind = BigButton(
            theme, "primary", role="secondary", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM)
        )
        self.bind.clicked.connect(self.bind_requested)
        self.top.insertWidget(1, self.bind, 0, Qt.AlignmentFlag.AlignTop)
        self.figures: StationFigures | None = None
        self.follow_up: FollowUp | None = None
        self.sync_messages: list[Message] = []
        self.rejected_messages: list[Message] = []
        self._finish_layout(stretch=False)

    def show_sync(self, status: list[Message], rejected: list[Message] | None = None) -> None:
        """The sync state, and (when given) the refused items staff should know about."""
        self.sync_messages = status
        if rejected is not None:
            self.rejected_messages = rejected
        self.sync_line.set_lines(self.texts.compose(self.sync_messages))
        self.sync_detail.set_lines(self.texts.compose(self.rejected_messages))

    def set_card_waiting(self, waiting: bool) -> None:
        """Enable "register this card" only while a chip-only card waits (a few minutes)."""
        self.bind.setEnabled(waiting)

    def show_follow_up(self, follow: FollowUp | None) -> None:
        """The lists staff follow up (None while loading)."""
        self.follow_up = follow
        self.retranslate()

    def show_figures(self, figures: StationFigures | None) -> None:
        """Show the counts (None while loading)."""
        self.figures = figures
        self.retranslate()

    def retranslate(self) -> None:
        """Labels in the current mode; numbers in Arabic digits."""
        super().retranslate()
        for msgid, attr in FIGURES:
            label, value = self.figure_labels[attr]
            label.set_lines(self.texts.lines(msgid))
            shown = "…" if self.figures is None else str(getattr(self.figures, attr))
            value.set_lines([(Lang.EN, shown)])
        self.bind.set_lines(self.texts.lines("staff.bind_card"))
        self.day.set_lines(self.texts.lines("staff.day"))
        self.sheet.set_lines(self.texts.lines("staff.job_sheet"))
        self.assist.set_lines(self.texts.lines("staff.assist"))
        follow = self.follow_up
        self.follow.set_lines(self.texts.compose(followup.messages(follow)) if follow else [])
        self.calls.retranslate()
        self.sync_line.set_lines(self.texts.compose(self.sync_messages))
        self.sync_detail.set_lines(self.texts.compose(self.rejected_messages))


class TechnicianScreen(AdminScreen):
    """Diagnostics for technicians (the same report as ``kiosk --check``), and enrolment."""

    name = "technician"
    prompt_id = "tech.title"
    title_id = "tech.title"
    enrol_requested = Signal()
    record_requested = Signal()
    print_test_requested = Signal()
    export_requested = Signal()
    settings_requested = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        tools = QHBoxLayout()
        tools.setSpacing(theme.mm(6))
        size = (MAIN_TARGET_MM * 3, MAIN_TARGET_MM)
        self.enrol = BigButton(theme, "primary", role="secondary", min_mm=size)
        self.enrol.clicked.connect(self.enrol_requested)
        self.record = BigButton(theme, "primary", role="secondary", min_mm=size)
        self.record.clicked.connect(self.record_requested)
        # Shown when the station has a printer ([printer] queue): one sheet checks it.
        self.print_test = BigButton(theme, "primary", role="secondary", min_mm=size)
        self.print_test.clicked.connect(self.print_test_requested)
        self.print_test.hide()
        # The logs, without personal data, to a USB stick (kiosk.services.logexport).
        self.export = BigButton(theme, "primary", role="secondary", min_mm=size)
        self.export.clicked.connect(self.export_requested)
        # Reader, printer, volume, language and idle time by touch (kiosk.ui.admin.settings).
        self.settings = BigButton(theme, "primary", role="secondary", min_mm=size)
        self.settings.clicked.connect(self.settings_requested)
        self.top.insertWidget(1, self.settings, 0, Qt.AlignmentFlag.AlignTop)
        tools.addWidget(self.enrol)
        tools.addWidget(self.record)
        tools.addWidget(self.print_test)
        tools.addWidget(self.export)
        tools.addStretch(1)
        self.root.addLayout(tools)
        self.sync_line = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.root.addWidget(self.sync_line)
        self.sync_messages: list[Message] = []
        self.section = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        font = QFont(["Noto Sans Mono", "DejaVu Sans Mono", "monospace"])
        font.setPixelSize(theme.pixel_size("small"))
        self.report.setFont(font)
        self.report.setStyleSheet(f"color: {theme.palette.text}; background: #FFFFFF;")
        self.root.addWidget(self.section)
        self.root.addWidget(self.report, 1)
        self.retranslate()

    def show_report(self, text: str) -> None:
        """Show a diagnostics report (technical text, not translated)."""
        self.report.setPlainText(text)

    def retranslate(self) -> None:
        """Labels in the current mode."""
        super().retranslate()
        self.section.set_lines(self.texts.lines("tech.diagnostics"))
        self.enrol.set_lines(self.texts.lines("tech.enrol"))
        self.record.set_lines(self.texts.lines("tech.record"))
        self.print_test.set_lines(self.texts.lines("tech.print_test"))
        self.export.set_lines(self.texts.lines("tech.export"))
        self.settings.set_lines(self.texts.lines("tech.settings"))
        self.sync_line.set_lines(self.texts.compose(self.sync_messages))

    def show_sync(self, status: list[Message]) -> None:
        """The sync state (and the server this kiosk is enrolled with)."""
        self.sync_messages = status
        self.sync_line.set_lines(self.texts.compose(status))
