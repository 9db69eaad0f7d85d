"""Call staff that comes: the worker's call opens a record the staff screen lists, a
distinct chime sounds, and every session bar shows the minutes waited until the visit
ends; staff close the call on their screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from kiosk.ui.feature import Feature
from kiosk.ui.shell import Services, Shell

if TYPE_CHECKING:
    from kiosk.domain.calls import StaffCall
    from kiosk.ui.admin.flow import AdminFeature

CALL_SOUND = "sound.call"  # the call chime (assets/voice/call.wav), not the missing-clip one
REFRESH_MS = 30_000  # the minutes waited are redrawn twice a minute


class CallsFeature(Feature):
    """Opens a call once a visit (a second press is a reminder), and shows it waiting."""

    spoken = ("common.staff_called", "common.staff_still_coming")

    def __init__(self, shell: Shell, admin: AdminFeature, kiosk_name: str) -> None:
        super().__init__(shell)
        self.admin, self.kiosk_name = admin, kiosk_name
        self.call: StaffCall | None = None
        self._opening = False
        self._timer = QTimer(shell.window)  # dies with the window
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._show_waiting)

    def connect(self) -> None:
        """The bars' "call staff"; the staff screen's list of open calls."""
        self.shell.staff_call_requested.connect(self.call_staff)
        self.admin.staff.calls.close_requested.connect(self.close_call)
        self.shell.window.navigator.screen_changed.connect(self._on_screen_changed)

    def _on_screen_changed(self, *_args: object) -> None:
        if self.shell.current == "staff":
            self.load_open_calls()
            self._timer.start()

    def load_open_calls(self) -> None:
        """Show the open calls on the staff screen."""

        def calls(s: Services) -> list[StaffCall]:
            return [] if s.calls is None else s.calls.open_calls()

        self.shell.run(calls, self.admin.staff.calls.show_calls)

    def close_call(self, call_id: int) -> None:
        """Staff came: the call is closed (and the list reloads)."""

        def close(s: Services) -> bool:
            return s.calls is not None and s.calls.close(call_id, s.clock.now())

        def closed(_done: bool) -> None:
            self.shell.audit("staff", "staff_call_closed")
            if self.call is not None and self.call.id == call_id:
                self.call = None
                self.shell.call_waiting.emit(None)
            self.load_open_calls()

        self.shell.run(close, closed)

    def reset(self) -> None:
        """The visit ended: the call stays open for staff; the kiosk stops showing it."""
        self.call, self._opening = None, False
        self._timer.stop()
        self.shell.call_waiting.emit(None)

    def call_staff(self) -> None:
        """Open a call (or remind): a chime, the message, and the record for staff."""
        if self.call is not None:
            minutes = self.call.waited_minutes(self.shell.clock.now())
            self.shell.say([(CALL_SOUND, {}), ("common.staff_still_coming", {"n": minutes})])
            self.shell.audit("worker", "staff_reminded")
            return
        if self._opening:
            return  # a second tap while the first is being written
        self._opening = True
        kiosk, screen = self.kiosk_name, self.shell.current

        def open_call(s: Services) -> StaffCall | None:
            if s.calls is None:
                return None
            return s.calls.open(kiosk, screen, s.clock.now())

        if not self.shell.run(open_call, self._on_opened, self._on_failed):
            self._on_failed(RuntimeError("store not open"))

    def _on_opened(self, call: StaffCall | None) -> None:
        self._opening = False
        self.call = call  # also from the start screen, with no card: the call still counts
        self.shell.show("common.staff_called")
        self.shell.say([(CALL_SOUND, {}), ("common.staff_called", {})])
        self.shell.audit("worker", "staff_called")
        self._timer.start()
        self._show_waiting()

    def _on_failed(self, exc: Exception) -> None:
        self._opening = False
        self.shell.report(exc)

    def _show_waiting(self) -> None:
        if self.call is not None:
            self.shell.call_waiting.emit(self.call.waited_minutes(self.shell.clock.now()))
        if self.shell.current == "staff":
            self.admin.staff.calls.retranslate()  # the minutes waited, as of now
        elif self.call is None:
            self._timer.stop()
