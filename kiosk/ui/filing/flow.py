"""Filing a profile: an unknown card's holder (consent first), a worker editing their
details, and staff registering a chip-only card for its holder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.domain.identity import Identity
from kiosk.idcard.events import CardPresented
from kiosk.ui.errors import notice_for
from kiosk.ui.feature import Feature
from kiosk.ui.filing.steps import TITLES
from kiosk.ui.icons import TRADE_ICONS
from kiosk.ui.shell import Shell

if TYPE_CHECKING:
    from kiosk.domain.profile import ProfileDraft
    from kiosk.services.session import SessionView
    from kiosk.ui.admin.flow import AdminFeature
    from kiosk.ui.filing.screen import FilingScreen
    from kiosk.ui.filing.staff_bind import StaffBindScreen
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.visit.flow import VisitFeature


class FilingFeature(Feature):
    """The filing wizard and the staff screen for typing a chip-only card's number."""

    spoken = (*TITLES, "staff.bind_title", "filing.saved", "filing.declined", "staff.bound")

    def __init__(self, shell: Shell, visit: VisitFeature, admin: AdminFeature) -> None:
        super().__init__(shell)
        self.visit, self.admin = visit, admin
        self.screen: FilingScreen
        self.bind: StaffBindScreen

    def build(self) -> list[Screen]:
        """The filing wizard and the staff-bind screen."""
        from kiosk.ui.filing.screen import FilingScreen  # noqa: PLC0415 - after the first frame
        from kiosk.ui.filing.staff_bind import StaffBindScreen  # noqa: PLC0415

        theme, texts = self.shell.theme, self.shell.texts
        self.screen = FilingScreen(theme, texts, list(TRADE_ICONS))
        self.bind = StaffBindScreen(theme, texts)
        return [self.screen, self.bind]

    def connect(self) -> None:
        """A newcomer's card, home's "my details", staff's "register a card"."""
        shell = self.shell
        shell.newcomer.connect(self.start_filing)
        shell.connect_bar(self.screen.bar)
        self.screen.confirmed.connect(self._on_screen_confirmed)
        self.screen.declined.connect(self._on_screen_declined)
        self.visit.home.edit.clicked.connect(self._on_home_edit_clicked)
        self.screen.wizard.left.connect(self._on_edit_left)
        self.admin.staff.bind_requested.connect(self._on_staff_bind_requested)
        self.bind.cancelled.connect(lambda: shell.go("staff"))
        self.bind.submitted.connect(self._on_bind_submitted)

    def reset(self) -> None:
        """Nothing typed or chosen stays."""
        self.screen.clear()
        self.bind.reset()

    def start_filing(self, event: CardPresented) -> None:
        """An unknown card with a readable identity: offer profile filing (consent first)."""
        if event.identity is None:
            return
        self.screen.start(event.identity.name)
        self.shell.idle.start_session()
        self.shell.go("filing")

    def _on_home_edit_clicked(self) -> None:
        view = self.shell.visit.view
        if view is None:
            return

        def opened(draft: ProfileDraft | None) -> None:
            if draft is not None and self.shell.visit.edit_started():
                self.screen.start(view.name, draft)
                self.shell.go("filing")

        self.shell.run(lambda s: s.registration.draft_for_current(), opened)

    def _on_edit_left(self) -> None:
        """ "Back" on the first step of "my details": home, nothing saved."""
        if self.shell.visit.edit_cancelled():
            self.screen.clear()
            self.shell.go("home")

    def _on_screen_confirmed(self, draft: ProfileDraft) -> None:
        visit = self.shell.visit
        if visit.editing:
            self.shell.run(lambda s: s.registration.update_current(draft), self._on_filed)
            return
        event = visit.card
        if not isinstance(event, CardPresented) or event.identity is None:
            return  # filing starts only from a card whose identity was read
        identity, serial = event.identity, event.chip_serial
        self.shell.run(lambda s: s.registration.register(identity, serial, draft), self._on_filed)

    def _on_filed(self, view: SessionView) -> None:
        if not self.shell.visit.filed(view):
            return  # the visit ended while saving: the profile is saved, nobody is shown
        self.screen.clear()
        self.shell.welcome(view)
        self.shell.show("filing.saved")

    def _on_screen_declined(self) -> None:
        self.shell.end_visit("declined")
        self.shell.show("filing.declined")

    # --- staff: a chip-only card ---------------------------------------------------------
    def _on_staff_bind_requested(self) -> None:
        self.bind.reset()
        self.shell.go("staff_bind")

    def _on_bind_submitted(self, number: str, name: str) -> None:
        visit = self.shell.visit
        serial = visit.chip_for_staff(self.shell.idle.monotonic())
        if serial is None:
            return

        def done(result: SessionView | Identity) -> None:
            self.bind.reset()
            card = CardPresented(serial, result if isinstance(result, Identity) else None)
            if not visit.staff_take_over(card):
                return
            if isinstance(result, Identity):  # not registered yet: they file, with consent
                visit.unknown_card(True, serial, self.shell.idle.monotonic())
                self.start_filing(card)
            elif visit.looked_up(result):  # staff act for them: the worker agrees first
                self.shell.consent_asked.emit(result)
                self.shell.show("staff.bound")

        def failed(exc: Exception) -> None:
            notice = notice_for(exc)
            self.bind.show_error(notice.message_id)
            self.shell.announce(notice)

        self.shell.run(lambda s: s.registration.staff_identify(serial, number, name), done, failed)
