"""The worker's phone page (PhoneFeature): home's "on my phone" button asks the market for
a one-time code (off the GUI thread, on the asking connection) and shows it large, with a
QR code of the page and the worker's phone number masked. There is no SMS gateway: the
screen is the text message. No phone number on file, the market not reached, or the worker
not yet at the market: one clear line on the banner, and home stays."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.domain.errors import CardReadError
from kiosk.domain.visit import Tap
from kiosk.idcard.events import ScanReceived
from kiosk.services.phone import is_login_code
from kiosk.ui.errors import Notice
from kiosk.ui.feature import Feature
from kiosk.ui.shell import Services, Shell

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from kiosk.services.phone import PhoneCode
    from kiosk.ui.phone.screen import PhoneScreen
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.visit.flow import VisitFeature
    from kiosk.ui.widgets.buttons import BigButton

log = logging.getLogger(__name__)
ASKING = "visit.asking_market"


class PhoneFeature(Feature):
    """Home's button and the code's screen."""

    spoken = ("phone.title", "phone.steps", "phone.code", "phone.lasts")

    def __init__(self, shell: Shell, visit: VisitFeature) -> None:
        super().__init__(shell)
        self.visit_ui = visit
        self.screen: PhoneScreen
        self.button: BigButton
        self.bridge: QObject | None = None

    def build(self) -> list[Screen]:
        """The code's screen; home's button."""
        from PySide6.QtCore import Qt  # noqa: PLC0415

        from kiosk.ui.phone.screen import PhoneScreen  # noqa: PLC0415
        from kiosk.ui.theme import MAIN_TARGET_MM, MIN_TARGET_MM  # noqa: PLC0415
        from kiosk.ui.widgets.buttons import BigButton  # noqa: PLC0415

        self.screen = PhoneScreen(self.shell.theme, self.shell.texts, self.shell.clock.now)
        self.button = BigButton(
            self.shell.theme, "secondary", role="secondary",
            min_mm=(MAIN_TARGET_MM * 2, MIN_TARGET_MM),
        )  # fmt: skip
        self.button.setObjectName("homePhone")
        side = self.visit_ui.home.side_column  # under "my details": home's top stays 2 high
        side.insertWidget(side.count() - 1, self.button, 0, Qt.AlignmentFlag.AlignTop)
        return [self.screen]

    def connect(self) -> None:
        """The button asks; the screen goes home."""
        self.shell.connect_bar(self.screen.bar)
        self.button.clicked.connect(self.ask)
        self.screen.home_requested.connect(self.visit_ui.go_home)
        self.visit_ui.home.relabels.append(self._relabel)
        self.visit_ui.scan_login = self.scanned
        self._relabel()

    def attached(self) -> None:
        """The store is open: the attract screen's login ticket follows the screen shown."""
        from PySide6.QtCore import QObject, Signal  # noqa: PLC0415

        link = self.shell.services.phone if self.shell.services is not None else None
        if link is None or self.bridge is not None:
            return

        class Bridge(QObject):
            ticket = Signal(object)  # the ticket's address, or None (hide the QR code)
            login = Signal(str)  # a phone confirmed: the worker's look-up hash

        self.bridge = bridge = Bridge()
        bridge.ticket.connect(self.visit_ui.attract.show_ticket)
        bridge.login.connect(self.confirmed)
        link.on_ticket, link.on_login = bridge.ticket.emit, bridge.login.emit
        navigator = self.shell.window.navigator
        navigator.screen_changed.connect(lambda name: link.want_ticket(name == "attract"))
        link.want_ticket(navigator.current.name == "attract")

    def confirmed(self, id_hash: str) -> None:
        """A phone confirmed the attract screen's ticket: that worker's visit starts, as
        with a card, where a tap would start one."""
        shell, visit = self.shell, self.shell.visit
        if visit.tap_meaning() is not Tap.START:
            log.info("ticket confirmed while the kiosk is busy: ignored")
            return
        event = ScanReceived("ticket")  # stands for the phone in the visit's state
        visit.on_card(event)

        def refused(exc: Exception) -> None:
            if visit.waits_for(event):
                visit.refused()
                first_time = isinstance(exc, CardReadError)
                shell.tell(Notice("qr.first_time" if first_time else _message_of(exc)))

        shell.run(lambda s: s.session.start_for_hash(id_hash), self.visit_ui.looked_up, refused)

    def _relabel(self) -> None:
        self.button.set_lines(self.shell.texts.lines("phone.button"))

    def reset(self) -> None:
        """Nothing of the worker's code stays."""
        self.screen.clear()

    def ask(self) -> None:
        """A code for the worker at the kiosk (the market is asked off the GUI thread)."""
        shell = self.shell
        view = shell.visit.view
        if view is None or not self.button.isEnabled():
            return
        self.button.setEnabled(False)  # a second tap while asking asks nothing more

        def who(s: Services) -> tuple[str, str]:
            worker = s.session.worker
            return ("", "") if worker is None else (worker.id, worker.phone or "")

        def asked(found: tuple[str, str]) -> None:
            worker_id, phone = found
            link = shell.services.phone if shell.services is not None else None
            if not worker_id or link is None:
                self.button.setEnabled(True)
                return
            shell.show(ASKING, "info")
            shell.asking.submit(
                lambda: link.ask(worker_id, phone),
                lambda code: self._got(worker_id, phone, code),
                self._failed,
            )

        shell.run(who, asked, self._failed)

    def _got(self, worker_id: str, phone: str, code: PhoneCode) -> None:
        self.button.setEnabled(True)
        self._asked()
        view = self.shell.visit.view
        if view is None or view.worker_id != worker_id:
            return  # the visit ended (or another worker came) while the market answered
        self.screen.show_code(code, phone)
        self.shell.go(self.screen.name)

    def _failed(self, exc: Exception) -> None:
        self.button.setEnabled(True)
        self._asked()
        if self.shell.visit.view is not None:
            self.shell.tell(Notice(getattr(exc, "message_id", "phone.offline")))

    def _asked(self) -> None:
        banner = self.shell.window.banner
        if banner.message_id == ASKING:
            banner.clear()

    # --- the phone's login code, scanned at the kiosk ----------------------------------------
    def scanned(self, event: ScanReceived) -> bool:
        """Check a phone's login code at the market (off the GUI thread) and start that
        worker's visit; False when the scan is no login code of ours."""
        shell, visit = self.shell, self.shell.visit
        link = shell.services.phone if shell.services is not None else None
        if link is None or not is_login_code(event.payload):
            return False
        if visit.tap_meaning() is Tap.SWITCH:
            shell.end_visit("next_card")
        visit.on_card(event)

        def answered(id_hash: str) -> None:
            self._asked()
            if visit.waits_for(event):
                shell.run(
                    lambda s: s.session.start_for_hash(id_hash),
                    self.visit_ui.looked_up,
                    refused,
                )

        def refused(exc: Exception) -> None:
            self._asked()
            if not visit.waits_for(event):
                return
            visit.refused()
            first_time = isinstance(exc, CardReadError)  # not filed at this kiosk yet
            shell.tell(Notice("qr.first_time" if first_time else _message_of(exc)))

        shell.show(ASKING, "info")
        shell.asking.submit(lambda: link.scanned(event.payload), answered, refused)
        return True


def _message_of(exc: Exception) -> str:
    message_id = getattr(exc, "message_id", "")
    return message_id if isinstance(message_id, str) and message_id else "qr.offline"
