"""Staff and technicians: five taps in the corner -> PIN -> the staff or technician screen."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.domain.errors import AuthError
from kiosk.ui.errors import notice_for
from kiosk.ui.feature import Feature
from kiosk.ui.shell import Shell

if TYPE_CHECKING:
    from kiosk.services.admin_auth import Role
    from kiosk.services.ports import Printer
    from kiosk.ui.admin.pin import PinScreen
    from kiosk.ui.admin.screens import StaffScreen, TechnicianScreen
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.widgets.buttons import BigButton


class AdminFeature(Feature):
    """The PIN pad, the staff screen (figures, cards to register) and the technician's."""

    spoken = (
        "admin.pin_hint",
        "staff.title",
        "tech.title",
        "tech.print_test_done",
        "tech.print_test_failed",
        "tech.exporting",
        "tech.export_done",
        "tech.export.no_stick",
        "tech.export.failed",
    )

    def __init__(
        self, shell: Shell, station_code: str = "", kiosk_name: str = "kiosk", paper: str = "a4"
    ) -> None:
        super().__init__(shell)
        self.station_code, self.kiosk_name, self.paper = station_code, kiosk_name, paper
        self.pin: PinScreen
        self.staff: StaffScreen
        self.technician: TechnicianScreen

    def build(self) -> list[Screen]:
        """The PIN pad and the two work screens."""
        from kiosk.ui.admin.pin import PinScreen  # noqa: PLC0415 - after the first frame
        from kiosk.ui.admin.screens import StaffScreen, TechnicianScreen  # noqa: PLC0415

        theme, texts = self.shell.theme, self.shell.texts
        self.pin = PinScreen(theme, texts)
        self.staff = StaffScreen(theme, texts, self.shell.clock.now)
        self.technician = TechnicianScreen(theme, texts)
        return [self.pin, self.staff, self.technician]

    def connect(self) -> None:
        """The hidden gesture, the PIN pad, and leaving."""
        shell = self.shell
        shell.window.hotspot.triggered.connect(self.hotspot_triggered)
        self.pin.pin_entered.connect(self.pin_entered)
        self.pin.cancelled.connect(lambda: shell.end_visit("cancelled"))
        self.staff.leave_requested.connect(lambda: shell.end_visit("staff_left"))
        self.technician.leave_requested.connect(lambda: shell.end_visit("technician_left"))
        self.technician.print_test_requested.connect(self.print_test_page)
        self.technician.export_requested.connect(self.export_logs)

    def attached(self) -> None:
        """ "Print a test page" shows when the station has a printer."""
        services = self.shell.services
        self.technician.print_test.setVisible(services is not None and services.printer is not None)

    def print_test_page(self) -> None:
        """One sheet with Tibetan, Chinese and a QR code on the station's printer."""
        self.print_test_on(None, self.technician.print_test)

    def print_test_on(self, printer: Printer | None, button: BigButton) -> None:
        """The test sheet on ``printer`` (None: the station's), printed off the GUI thread;
        ``button`` is off until it has printed or failed."""
        from kiosk.ui.agreement.testpage import write_test_page  # noqa: PLC0415 - on use

        if not button.isEnabled():
            return
        catalog = self.shell.texts.catalog
        folder = tempfile.TemporaryDirectory(prefix="kiosk-test-page-")
        pdf = Path(folder.name) / "test-page.pdf"
        write_test_page(
            pdf,
            catalog,
            paper=self.paper,
            station_code=self.station_code,
            terminal=self.kiosk_name,
            when=self.shell.clock.now(),
        )

        def finished(ok: bool) -> None:
            folder.cleanup()
            button.setEnabled(True)
            self.shell.show(
                "tech.print_test_done" if ok else "tech.print_test_failed",
                "info" if ok else "error",
            )
            self.shell.run(lambda s: s.diagnostics(), self.technician.show_report)

        printed = self.shell.print_pdf(
            pdf, lambda _r: finished(True), lambda _e: finished(False), printer=printer
        )
        if printed:
            button.setEnabled(False)
        else:
            folder.cleanup()

    def export_logs(self) -> None:
        """The logs and this report, without personal data, to a USB stick; on the files
        runner (a pulled stick may hang a write), the button off until it ends."""
        services, button = self.shell.services, self.technician.export
        if services is None or services.export_logs is None or not button.isEnabled():
            return
        report = self.technician.report.toPlainText()
        export = services.export_logs

        def done(_path: object) -> None:
            button.setEnabled(True)
            self.shell.show("tech.export_done")

        def failed(exc: Exception) -> None:
            button.setEnabled(True)
            self.shell.report(exc)

        button.setEnabled(False)
        self.shell.show("tech.exporting")
        self.shell.files.submit(lambda: export(report), done, failed)

    def reset(self) -> None:
        """No PIN digits, figures or report stay."""
        self.pin.reset()
        self.staff.show_figures(None)
        self.staff.show_follow_up(None)
        self.technician.show_report("")

    def hotspot_triggered(self) -> None:
        """The hidden gesture: end any visit and ask for a PIN."""
        visit = self.shell.visit
        if not visit.gesture_allowed():
            return  # already signing in, at work, or out of service
        if visit.in_session:
            self.shell.end_visit("staff_gesture")  # wipes the screens of the visit that was on
        visit.pin_requested()
        self.shell.idle.start_session()
        self.shell.go("pin")

    def pin_entered(self, pin: str) -> None:
        """Check the PIN on the DB worker."""
        if not self.shell.run(lambda s: s.auth.sign_in(pin), self.open_role, self.sign_in_failed):
            self.pin.show_error(self.shell.texts.lines("error.store.unavailable"))

    def open_role(self, role: Role) -> None:
        """Show the staff or technician screen and load what it shows."""
        from kiosk.services.admin_auth import Role  # noqa: PLC0415 - loads with the services

        staff = role is Role.STAFF
        if not self.shell.visit.signed_in(staff):
            return
        if staff:
            waiting = self.shell.visit.chip_for_staff(self.shell.idle.monotonic())
            self.staff.set_card_waiting(waiting is not None)
            self.show_staff()
        else:
            self.shell.go("technician")
            self.shell.run(lambda s: s.diagnostics(), self.technician.show_report)

    def show_staff(self) -> None:
        """The staff screen, its figures and lists fresh (signed in, or back from a tool)."""
        self.shell.go("staff")
        self.shell.run(lambda s: s.figures.figures(), self.staff.show_figures)
        self.shell.run(
            lambda s: s.follow_up.follow_up() if s.follow_up else None,
            self.staff.show_follow_up,
        )

    def sign_in_failed(self, exc: Exception) -> None:
        """Tell why the PIN was refused (wrong, locked, none set) on the pad, and aloud."""
        notice = notice_for(exc)
        self.pin.show_error(self.shell.texts.compose([notice.message]))
        if isinstance(exc, AuthError):
            self.shell.announce(notice)
