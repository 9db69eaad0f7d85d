"""Assisted operation: staff act for a worker, with the worker's consent recorded.

On the staff screen "help a worker" waits for the worker's card. The tap looks the worker
up as any tap does; before anything of theirs is shown, the worker is asked, by name, in
large type and aloud, whether staff may use the kiosk for them. "Yes" records the consent
in the audit log (the worker's id, staff acting, the time) and opens the worker's home, the
visit marked as assisted (a band under every screen says so until it ends); "no" records
the refusal and ends the visit, showing nothing.
An unknown card files a profile as usual (filing asks its own consent first).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.ui.feature import Feature
from kiosk.ui.shell import Shell

if TYPE_CHECKING:
    from kiosk.services.session import SessionView
    from kiosk.ui.admin.flow import AdminFeature
    from kiosk.ui.assist.screen import ConsentScreen
    from kiosk.ui.assist.strip import AssistStrip
    from kiosk.ui.screens.base import Screen

log = logging.getLogger(__name__)


class AssistFeature(Feature):
    """The staff screen's "help a worker" and the worker's yes or no."""

    spoken = (
        "assist.tap_card",
        "assist.hello",
        "assist.question",
        "assist.what",
        "assist.declined",
    )

    def __init__(self, shell: Shell, admin: AdminFeature) -> None:
        super().__init__(shell)
        self.admin = admin
        self.screen: ConsentScreen
        self.strip: AssistStrip
        self.asked: SessionView | None = None

    def build(self) -> list[Screen]:
        """The question."""
        from kiosk.ui.assist.screen import ConsentScreen  # noqa: PLC0415 - after the first frame
        from kiosk.ui.assist.strip import AssistStrip  # noqa: PLC0415

        self.screen = ConsentScreen(self.shell.theme, self.shell.texts)
        self.strip = AssistStrip(self.shell.theme, self.shell.texts)
        self.shell.window.add_strip(self.strip)
        return [self.screen]

    def connect(self) -> None:
        """The staff's button, the tap's look-up, the answers."""
        self.admin.staff.assist_requested.connect(self.wait_for_card)
        self.shell.consent_asked.connect(self.ask)
        self.screen.agreed.connect(self.agreed)
        self.screen.declined.connect(self.declined)
        self.shell.texts.mode_changed.connect(self.strip.retranslate)
        self.shell.visit_ended.connect(lambda _reason: self.strip.hide())

    def reset(self) -> None:
        """Nothing of the worker stays on the question."""
        self.asked = None
        self.screen.ask("")
        self.strip.hide()

    def wait_for_card(self) -> None:
        """Staff will act for a worker: ask for the worker's card."""
        if self.shell.visit.assist_requested():
            self.shell.show("assist.tap_card")

    def ask(self, view: SessionView) -> None:
        """The tapped card is a registered worker's: ask them first."""
        self.asked = view
        self.shell.window.banner.clear()
        self.screen.ask(view.name)
        self.shell.idle.start_session()
        self.shell.go("assist")

    def agreed(self) -> None:
        """Consent given: recorded, then the worker's home (their assisted visit)."""
        view = self.asked
        if view is None or not self.shell.visit.consent_given():
            return
        self.shell.audit("worker", "assist_consent", view.worker_id)
        log.info("assisted visit: the worker agreed")
        self.shell.welcome(view)
        self.strip.show()  # under every screen of the visit, until it ends

    def declined(self) -> None:
        """No: recorded, and the visit ends without showing anything of the worker."""
        view = self.asked
        if view is None:
            return
        self.shell.audit("worker", "assist_declined", view.worker_id)
        self.shell.end_visit("assist_declined")
        self.shell.show("assist.declined")
