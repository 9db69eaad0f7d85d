"""The staff's day at a glance: opened from the staff screen; counted on the DB worker,
the station's figures asked of the market on the asking runner (the network may be slow),
written to a USB stick on the files runner (a stick pulled out may hang a write)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.domain.dashboard import Dashboard, StationDays
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.sync.errors import SyncError
from kiosk.ui.feature import Feature
from kiosk.ui.shell import Shell

if TYPE_CHECKING:
    from kiosk.ui.admin.dashboard import DashboardScreen
    from kiosk.ui.admin.flow import AdminFeature
    from kiosk.ui.screens.base import Screen

log = logging.getLogger(__name__)


class DashboardFeature(Feature):
    """The dashboard screen and its CSV export."""

    spoken = ("dash.title", "dash.exported")

    def __init__(self, shell: Shell, admin: AdminFeature) -> None:
        super().__init__(shell)
        self.admin = admin
        self.screen: DashboardScreen
        self._asked = 0  # answers to an earlier opening are dropped

    def build(self) -> list[Screen]:
        """The dashboard screen."""
        from kiosk.ui.admin.dashboard import DashboardScreen  # noqa: PLC0415 - after first frame

        self.screen = DashboardScreen(self.shell.theme, self.shell.texts)
        return [self.screen]

    def connect(self) -> None:
        """From the staff screen and back; the export."""
        self.admin.staff.day_requested.connect(self.open)
        self.screen.leave_requested.connect(self.back)
        self.screen.export_requested.connect(self.export)

    def reset(self) -> None:
        """Nothing counted stays after the staff leave."""
        self._asked += 1
        self.screen.show_dashboard(None)
        self.screen.show_station(None, "")
        self.screen.set_state("", {})

    def open(self) -> None:
        """Count today and the six days before and show them; then the station's."""
        self.reset()
        self.shell.go("dashboard")
        asked = self._asked

        def counted(mine: Dashboard) -> None:
            if asked == self._asked:
                self.screen.show_dashboard(mine)
                self._ask_station(mine, asked)

        self.shell.run(lambda s: s.figures.days(s.clock.now().date()), counted)

    def _ask_station(self, mine: Dashboard, asked: int) -> None:
        """The market's sums for the station (this kiosk's report included); the last
        answer, said to be of its time, when the market cannot be asked now."""
        services = self.shell.services
        link = services.station if services is not None else None
        if link is None or not link.linked:
            self.screen.show_station(None, "dash.station.unlinked")
            return
        self.screen.show_station(None, "dash.station.asking")

        def answered(station: StationDays) -> None:
            if asked == self._asked:
                self.show_answer(mine, station, "dash.station.from")

        def failed(exc: Exception) -> None:
            if asked != self._asked:
                return
            if not isinstance(exc, SyncError):
                log.warning("station figures failed: %s", type(exc).__name__)
            last = link.last
            if last is not None and [d.day for d in last.dashboard.days] == [
                d.day for d in mine.days
            ]:
                self.show_answer(mine, last, "dash.station.old")
            else:
                self.screen.show_station(None, "dash.station.offline")

        self.shell.asking.submit(lambda: link.ask(mine), answered, failed)

    def show_answer(self, mine: Dashboard, station: StationDays, note_id: str) -> None:
        """This kiosk's days with its online hires, and the station's beside them."""
        oldest = min((at for _name, at in station.kiosks), default=None)
        when = f"{oldest.astimezone(LHASA_TZ):%m-%d %H:%M}" if oldest is not None else "-"
        self.screen.show_dashboard(mine.with_counts("hired_online", station.mine_online))
        self.screen.show_station(
            station, note_id, {"kiosks": str(len(station.kiosks)), "time": when}
        )

    def back(self) -> None:
        """To the staff screen, its figures fresh."""
        self.admin.show_staff()

    def export(self) -> None:
        """The days shown, as CSV, to a USB stick; the button off until it ends."""
        services, button = self.shell.services, self.screen.export
        shown = self.screen.dashboard
        if services is None or services.export_dashboard is None or shown is None:
            return
        if not button.isEnabled():
            return
        write = services.export_dashboard

        def done(path: Path) -> None:
            button.setEnabled(True)
            fmt = {"name": path.name}
            self.screen.set_state("dash.exported", fmt)
            self.shell.announced.emit("dash.exported", fmt)

        def failed(exc: Exception) -> None:
            button.setEnabled(True)
            self.screen.set_state("", {})
            self.shell.report(exc)

        button.setEnabled(False)
        self.screen.set_state("tech.exporting", {})
        station = self.screen.station
        self.shell.files.submit(lambda: write(shown, station), done, failed)
