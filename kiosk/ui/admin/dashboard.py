"""The staff's day at a glance: today's counts in large numbers, each with its total over
the last seven days, and a bar chart of the week (visits, applications, agreements); for
this kiosk, or for the whole station as its kiosks reported to the market."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QWidget

from kiosk.domain.dashboard import MEASURES, Dashboard, StationDays
from kiosk.i18n import Lang
from kiosk.ui.admin.screens import AdminScreen
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.scrollbody import scroll_body
from kiosk.ui.widgets.tile import figure_tile

TILES_PER_ROW = 3
UNKNOWN = "\u2014"  # — a measure only the market counts, before it answered
# This kiosk, or the whole station (as its kiosks reported to the market), and the labels.
SCOPES = {"kiosk": "dash.scope.kiosk", "station": "dash.scope.station"}
# The chart's series and their colours (the palette's, so every bar is seen on white).
CHARTED = (("visits", "secondary_bg"), ("applications", "staff_bg"), ("agreements", "primary_bg"))


class DashboardScreen(AdminScreen):
    """``export_requested()``; ``leave_requested()`` goes back to the staff screen."""

    name = "dashboard"
    prompt_id = "dash.title"
    title_id = "dash.title"
    export_requested = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        self.dashboard: Dashboard | None = None  # this kiosk's days
        self.station: StationDays | None = None  # the station's, once the market answered
        self.scope = "kiosk"
        self._station_note: tuple[str, dict[str, str]] = ("", {})
        self.export = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM))
        self.export.clicked.connect(self.export_requested)
        self.top.insertWidget(1, self.export, 0, Qt.AlignmentFlag.AlignTop)
        self.state = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.root.addWidget(self.state)
        area, body = scroll_body(theme, "dashboardBody", spacing_mm=3)
        self.root.addWidget(area, 1)
        body.addLayout(self._scope_row(theme))
        grid = QGridLayout()
        grid.setSpacing(theme.mm(4))
        self.tiles: dict[str, tuple[BiText, BiText, BiText]] = {}
        for i, measure in enumerate(MEASURES):
            tile, column = figure_tile(theme, "dayTile")
            left = Qt.AlignmentFlag.AlignLeft
            column.setSpacing(theme.mm(1))
            value = BiText(theme, "huge", bold=True, align=left)
            label = BiText(theme, "secondary", bold=True, align=left)
            week = BiText(theme, "small", align=left, colour=theme.palette.muted)
            numbers = QHBoxLayout()  # today's count large, the week's beside it
            numbers.setSpacing(theme.mm(4))
            numbers.addWidget(value, 0, Qt.AlignmentFlag.AlignVCenter)
            numbers.addWidget(week, 1, Qt.AlignmentFlag.AlignVCenter)
            column.addLayout(numbers)
            column.addWidget(label)
            grid.addWidget(tile, i // TILES_PER_ROW, i % TILES_PER_ROW)
            self.tiles[measure] = (value, label, week)
        for column_no in range(TILES_PER_ROW):
            grid.setColumnStretch(column_no, 1)
        body.addLayout(grid)
        self.chart_title = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        body.addWidget(self.chart_title)
        body.addLayout(self._legend(theme))
        self.chart = QChart()
        self.chart.legend().hide()  # the legend above is in the kiosk's own fonts
        self.chart.setMargins(QMargins(0, 0, 0, 0))
        self.chart.setBackgroundRoundness(12)
        self._build_chart()
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(theme.mm(60))
        body.addWidget(self.view, 1)  # the chart takes the height left
        self._state: tuple[str, dict[str, str], bool] = ("", {}, False)
        self._finish_layout(stretch=False)

    def _scope_row(self, theme: Theme) -> QHBoxLayout:
        """This kiosk or the station, and where the station's figures come from."""
        row = QHBoxLayout()
        row.setSpacing(theme.mm(4))
        self.scopes: dict[str, BigButton] = {}
        for scope in SCOPES:
            button = BigButton(theme, "staff", min_mm=(MAIN_TARGET_MM * 2.5, MAIN_TARGET_MM))
            button.clicked.connect(lambda _c=False, scope=scope: self.choose(scope))
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.scopes[scope] = button
        self.station_note = BiText(theme, "small", align=Qt.AlignmentFlag.AlignLeft)
        row.addWidget(self.station_note, 1, Qt.AlignmentFlag.AlignVCenter)
        return row

    def _legend(self, theme: Theme) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(theme.mm(3))
        self.legend: dict[str, BiText] = {}
        for measure, colour in CHARTED:
            swatch = QFrame()
            side = theme.mm(6)
            swatch.setFixedSize(side, side)
            swatch.setStyleSheet(f"background: {getattr(theme.palette, colour)};")
            row.addWidget(swatch, 0, Qt.AlignmentFlag.AlignVCenter)
            self.legend[measure] = BiText(theme, "small", align=Qt.AlignmentFlag.AlignLeft)
            row.addWidget(self.legend[measure])
            row.addSpacing(theme.mm(6))
        row.addStretch(1)
        return row

    def show_dashboard(self, dashboard: Dashboard | None) -> None:
        """This kiosk's counts (None while loading)."""
        self.dashboard = dashboard
        if dashboard is None:
            self.station, self.scope = None, "kiosk"
        self._draw_chart()
        self.retranslate()

    def show_station(
        self, station: StationDays | None, note_id: str, fmt: dict[str, str] | None = None
    ) -> None:
        """The station's days (None: not known; then this kiosk's are shown) and the line
        saying where they come from, or why there are none."""
        self.station = station
        self._station_note = (note_id, fmt or {})
        if station is None and self.scope == "station":
            self.scope = "kiosk"
        self._draw_chart()
        self.retranslate()

    def choose(self, scope: str) -> None:
        """Show this kiosk's figures, or the station's (when the market answered)."""
        if scope == self.scope or (scope == "station" and self.station is None):
            return
        self.scope = scope
        self._draw_chart()
        self.retranslate()

    @property
    def station_says(self) -> tuple[str, dict[str, str]]:
        """The line about the station's figures: its message and values ("" when none)."""
        return self._station_note

    @property
    def shown(self) -> Dashboard | None:
        """The days on the screen now: this kiosk's, or the station's."""
        if self.scope == "station" and self.station is not None:
            return self.station.dashboard
        return self.dashboard

    def set_state(self, message_id: str, fmt: dict[str, str], *, error: bool = False) -> None:
        """The export's progress or outcome."""
        self._state = (message_id, fmt, error)
        self.retranslate()

    @property
    def state_id(self) -> str:
        """The message the state line shows ("" when none)."""
        return self._state[0]

    def bars(self) -> dict[str, list[int]]:
        """What the chart shows: each charted measure's value per day, oldest first."""
        return {
            measure: [round(bar_set.at(i)) for i in range(bar_set.count())]
            for measure, bar_set in self.bar_sets.items()
        }

    def _build_chart(self) -> None:
        """One bar series with a set per charted measure, and its two axes, built once
        (only the values and the day names change)."""
        self.series = QBarSeries()
        self.bar_sets: dict[str, QBarSet] = {}
        for measure, colour in CHARTED:
            bar_set = QBarSet(measure)
            bar_set.setObjectName(measure)
            bar_set.setColor(QColor(getattr(self.theme.palette, colour)))
            bar_set.setBorderColor(QColor(getattr(self.theme.palette, colour)))
            self.series.append(bar_set)
            self.bar_sets[measure] = bar_set
        self.chart.addSeries(self.series)
        self.day_axis = QBarCategoryAxis()
        self.count_axis = QValueAxis()
        self.count_axis.setLabelFormat("%d")
        self.count_axis.setTickCount(5)
        font = self.theme.font(Lang.EN, "small")
        for axis in (self.day_axis, self.count_axis):
            axis.setLabelsFont(font)
            axis.setLabelsColor(QColor(self.theme.palette.text))
        self.chart.addAxis(self.day_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.count_axis, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.day_axis)
        self.series.attachAxis(self.count_axis)

    def _draw_chart(self) -> None:
        dashboard = self.shown
        days = dashboard.days if dashboard is not None else ()
        top = 0
        for measure, bar_set in self.bar_sets.items():
            bar_set.remove(0, bar_set.count())
            values = [day[measure] for day in days]
            bar_set.append([float(v) for v in values])
            top = max([top, *values])
        self.day_axis.clear()
        self.day_axis.append([f"{d.day:%m-%d}" for d in days])
        self.count_axis.setRange(0, max(4, top))

    def retranslate(self) -> None:
        """Labels in the current mode; numbers in Arabic digits."""
        super().retranslate()
        t, d = self.texts, self.shown
        self.leave.set_lines(t.lines("common.back"))
        self.export.set_lines(t.lines("dash.export"))
        kiosks = str(len(self.station.kiosks)) if self.station is not None else ""
        for scope, button in self.scopes.items():
            button.set_lines(t.lines(SCOPES[scope], kiosks=kiosks))
            button.set_selected(scope == self.scope)
        self.scopes["station"].setEnabled(self.station is not None)
        note_id, note_fmt = self._station_note
        self.station_note.set_lines(t.lines(note_id, **note_fmt) if note_id else [])
        for measure, (value, label, week) in self.tiles.items():
            label.set_lines(t.lines(f"dash.{measure}"))
            known = d is not None and d.known(measure)
            shown = "…" if d is None else str(d.today[measure]) if known else UNKNOWN
            value.set_lines([(Lang.EN, shown)])
            week.set_lines(t.lines("dash.week", count=d.total(measure)) if d and known else [])
        self.chart_title.set_lines(t.lines("dash.chart"))
        for measure, text in self.legend.items():
            text.set_lines(t.lines(f"dash.{measure}"))
        message_id, fmt, error = self._state
        self.state.colour = self.theme.palette.error_text if error else self.theme.palette.text
        self.state.set_lines(t.lines(message_id, **fmt) if message_id else [])
