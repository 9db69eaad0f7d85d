"""The staff's day at a glance: opened from the staff screen; counted on the DB worker,
written to a USB stick on the files runner (a stick pulled out may hang a write)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.ui.feature import Feature
from kiosk.ui.shell import Shell

if TYPE_CHECKING:
    from kiosk.ui.admin.dashboard import DashboardScreen
    from kiosk.ui.admin.flow import AdminFeature
    from kiosk.ui.screens.base import Screen


class DashboardFeature(Feature):
    """The dashboard screen and its CSV export."""

    spoken = ("dash.title", "dash.exported")

    def __init__(self, shell: Shell, admin: AdminFeature) -> None:
        super().__init__(shell)
        self.admin = admin
        self.screen: DashboardScreen

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
        self.screen.show_dashboard(None)
        self.screen.set_state("", {})

    def open(self) -> None:
        """Count today and the six days before, then show them."""
        self.screen.show_dashboard(None)
        self.screen.set_state("", {})
        self.shell.go("dashboard")
        self.shell.run(lambda s: s.figures.days(s.clock.now().date()), self.screen.show_dashboard)

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
        self.shell.files.submit(lambda: write(shown), done, failed)
