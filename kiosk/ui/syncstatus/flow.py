"""Sync status: lines on the attract, staff and technician screens, the refused items for
staff, and enrolment from the technician screen.

Nothing here waits on the network on the GUI thread: enrolment runs on its own worker, and
status arrives as snapshots from the sync thread (``kiosk.ui.bridges.SyncBridge``).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from kiosk.domain.registry import MUTATIONS
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.sync.errors import SyncError
from kiosk.sync.status import (
    NOT_ENROLLED,
    ONLINE,
    REVOKED,
    STORAGE,
    SYNCING,
    UPGRADE,
    SyncStatus,
)
from kiosk.ui.feature import Feature
from kiosk.ui.shell import Shell
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.texts import Message

if TYPE_CHECKING:
    from kiosk.services.sync import PendingEnrolment
    from kiosk.ui.admin.flow import AdminFeature
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.syncstatus.enrol import EnrolScreen
    from kiosk.ui.visit.flow import VisitFeature

log = logging.getLogger(__name__)

UNKNOWN_KIND = "sync.kind.unknown"  # a type this version does not know (an old outbox row)


def _clock(when: dt.datetime | None) -> str:
    return "--:--" if when is None else when.astimezone(LHASA_TZ).strftime("%H:%M")


def status_messages(status: SyncStatus | None, enrolled: bool) -> list[Message]:
    """The status as whole messages (one per line), in the order they matter."""
    if status is None:
        return [] if enrolled else [("sync.not_enrolled", None, {})]
    w = status.waiting
    first: Message
    if status.state == ONLINE:
        first = ("sync.online", None, {"time": _clock(status.last_sync)})
    elif status.state == SYNCING:
        first = ("sync.syncing", None, {})
    elif status.state == REVOKED:
        first = ("sync.revoked", None, {})
    elif status.state == UPGRADE:
        first = ("sync.upgrade_required", None, {})
    elif status.state == NOT_ENROLLED:
        first = ("sync.not_enrolled", None, {})
    elif status.state == STORAGE:
        first = ("sync.storage", w.pending, {"n": w.pending})
    else:
        first = ("sync.offline", w.pending, {"n": w.pending})
    out: list[Message] = [first]
    if status.state == ONLINE and w.pending:
        out.append(("sync.offline", w.pending, {"n": w.pending}))
    if w.rejected:
        out.append(("sync.rejected", w.rejected, {"n": w.rejected}))
    if status.skew_warning:
        out.append(("sync.clock_skew", None, {"minutes": round(abs(status.clock_skew_s) / 60)}))
    return out


def rejected_messages(rows: list[tuple[str, str, dt.datetime]]) -> list[Message]:
    """One line per refused item: what it was, when, and the server's reason code."""
    out: list[Message] = []
    for kind, reason, when in rows[:6]:
        known = MUTATIONS.get(kind)
        msgid = known.refusal_message if known is not None else UNKNOWN_KIND
        out.append((msgid, None, {"when": when.strftime("%m-%d %H:%M"), "reason": reason}))
    return out


class SyncFeature(Feature):
    """Owns the last status and the technician's enrolment (the enrolment screen)."""

    spoken = ("enrol.title",)

    def __init__(self, shell: Shell, visit: VisitFeature, admin: AdminFeature) -> None:
        super().__init__(shell)
        self.visit, self.admin = visit, admin
        self.status: SyncStatus | None = None
        self.enrolled_with: str | None = None
        self.net = TaskRunner(1, "enrolment")
        self.pending: PendingEnrolment | None = None
        self.events = _Events()
        self.enrolled = self.events.enrolled
        self.screen: EnrolScreen
        self.ready = False

    def build(self) -> list[Screen]:
        """The enrolment screen."""
        from kiosk.ui.syncstatus.enrol import EnrolScreen  # noqa: PLC0415

        self.screen = EnrolScreen(self.shell.theme, self.shell.texts)
        return [self.screen]

    def connect(self) -> None:
        """The technician's "connect to the market", the enrolment screen, the staff screen."""
        self.admin.technician.enrol_requested.connect(self.open_enrol)
        self.screen.start_requested.connect(self.start)
        self.screen.cancelled.connect(self.leave_enrol)
        self.shell.window.navigator.screen_changed.connect(self._on_navigator_screen_changed)
        self.ready = True
        self.show()

    def attached(self) -> None:
        """The store is open: which server (if any) this kiosk is enrolled with."""
        services = self.shell.services
        if services is not None and services.enrolment is not None:
            self.enrolled_with = services.enrolment.enrolled_with()
        self.show()

    def set_status(self, status: object) -> None:
        """A snapshot from the sync thread (through the bridge)."""
        if isinstance(status, SyncStatus):
            self.status = status
            self.show()

    def messages(self) -> list[Message]:
        """The current status lines."""
        return status_messages(self.status, self.enrolled_with is not None)

    def show(self) -> None:
        """Put the status on every screen that shows it."""
        lines = self.messages()
        self.visit.attract.show_sync(lines[:1])  # one small line; details are for staff
        if self.ready:
            self.admin.staff.show_sync(lines)
            tech = list(lines)
            if self.enrolled_with:
                tech.append(("enrol.already", None, {"server": self.enrolled_with}))
            self.admin.technician.show_sync(tech)

    def _on_navigator_screen_changed(self, name: str) -> None:
        if name == "staff":
            self.staff_opened()

    def staff_opened(self) -> None:
        """Load the refused items for the staff screen (on the DB worker)."""
        services = self.shell.services
        if services is None or services.sync_rejected is None:
            return
        rejected = services.sync_rejected
        self.shell.run(
            lambda _s: rejected(),
            lambda rows: self.admin.staff.show_sync(self.messages(), rejected_messages(rows)),
            lambda _exc: None,
        )

    # --- enrolment ---------------------------------------------------------------
    def open_enrol(self) -> None:
        """From the technician screen."""
        self.screen.reset(self.enrolled_with or "https://")
        self.shell.go("enrol")

    def leave_enrol(self) -> None:
        """Back to the technician screen; a wait in progress is cancelled."""
        if self.pending is not None:
            self.pending.cancel()
            self.pending = None
        self.shell.go("technician")

    def start(self, address: str) -> None:
        """Ask the server for a code (off the GUI thread)."""
        services = self.shell.services
        if services is None or services.enrolment is None:
            self.screen.set_state("enrol.failed", {"reason": "no store"}, error=True)
            return
        enrolment = services.enrolment
        self.screen.set_state("sync.syncing", {})
        self.net.submit(lambda: enrolment.begin(address), self._on_code, self._on_failed)

    def _on_code(self, pending: Any) -> None:
        self.pending = pending
        self.screen.show_code(pending.user_code)
        self.net.submit(pending.wait, self._on_enrolled, self._on_failed)

    def _on_enrolled(self, _terminal_id: object) -> None:
        self.pending = None
        services = self.shell.services
        enrolment = services.enrolment if services is not None else None
        self.enrolled_with = enrolment.enrolled_with() if enrolment is not None else None
        self.screen.set_state("enrol.done", {})
        self.shell.audit("technician", "enrolled")
        self.enrolled.emit()
        self.show()

    def _on_failed(self, exc: Exception) -> None:
        self.pending = None
        if isinstance(exc, ValueError):
            self.screen.set_state("enrol.bad_address", {}, error=True)
            return
        reason = exc.code if isinstance(exc, SyncError) else type(exc).__name__
        log.warning("enrolment failed: %s", reason)
        self.screen.set_state("enrol.failed", {"reason": reason}, error=True)

    def close(self) -> None:
        """Stop a wait in progress and the enrolment worker."""
        if self.pending is not None:
            self.pending.cancel()
        self.net.close()


class _Events(QObject):
    """The feature's own signal: enrolment succeeded (sync is started again)."""

    enrolled = Signal()
