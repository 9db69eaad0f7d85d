"""The visit and home: the attract screen, the card and scan router, the worker's home, the
idle warning, and the message shown when the kiosk cannot serve.

The router asks the visit (``kiosk.domain.visit``) what a tap means now; the screens do not
decide it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from kiosk.domain.credit import Faces
from kiosk.domain.errors import CardErrorKind, CardReadError, KioskError
from kiosk.domain.storage import storage_kind
from kiosk.domain.visit import Phase, Tap
from kiosk.i18n import Mode
from kiosk.idcard.events import (
    CardFailed,
    CardPresented,
    ReaderEvent,
    ReaderState,
    ReaderStatus,
    ScanReceived,
)
from kiosk.ui.errors import Notice
from kiosk.ui.feature import Feature
from kiosk.ui.shell import Services, Shell
from kiosk.ui.visit.attract import AttractScreen

if TYPE_CHECKING:
    from kiosk.domain.applications import MyApplication
    from kiosk.services.session import SessionView
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.visit.home import HomeScreen
    from kiosk.ui.visit.message import MessageScreen

log = logging.getLogger(__name__)
ASKING = "visit.asking_market"
PROBE_MS = 20_000  # while the disk cannot take work, it is tried again this often


class VisitFeature(Feature):
    """Who is at the kiosk, from the first tap to the end of the visit."""

    spoken = (
        "attract.tap_card",
        "session.welcome",
        "home.say_skills",
        "home.no_skills",
        "home.say_applications",
        "appstate.waiting",
        "appstate.sent",
        "appstate.accepted",
        "appstate.declined",
        "say.go_to",
        "appstate.full",
        "appstate.closed",
        "appstate.refused",
        "appstate.signed",
        "common.staff_called",
    )

    def __init__(self, shell: Shell, station_code: str) -> None:
        super().__init__(shell)
        self.reader_status = ReaderStatus(ReaderState.MISSING, "not started")
        # Built at once: it is the first frame. Everything else waits for it.
        self.attract = AttractScreen(shell.theme, shell.texts, station_code, shell.clock)
        self.attract.mode_chosen.connect(shell.texts.set_mode)
        shell.add(self.attract)
        shell.go("attract")
        self.home: HomeScreen
        self.message: MessageScreen
        # Other features' turns on the way home (news of a complaint waiting): a hook that
        # returns True has shown its own screen instead.
        self.before_home: list[Callable[[], bool]] = []
        # A scanned code that may be a phone's login code (the phone feature's): True when
        # it is one and its check has started.
        self.scan_login: Callable[[ScanReceived], bool] | None = None
        # A card no worker has here may be an employer's (the recruitment feature's): it
        # looks, and calls the second argument when the card is no employer's either.
        self.employer_tap: Callable[[CardPresented, Callable[[], None]], None] | None = None
        # Out of service for the disk's sake: the store is tried again now and then.
        self.probe = QTimer(interval=PROBE_MS)
        self.probe.timeout.connect(self._probe_storage)

    def build(self) -> list[Screen]:
        """The home and message screens."""
        from kiosk.ui.visit.home import HomeScreen  # noqa: PLC0415 - after the first frame
        from kiosk.ui.visit.message import MessageScreen  # noqa: PLC0415

        self.home = HomeScreen(self.shell.theme, self.shell.texts, self.shell.today)
        self.message = MessageScreen(self.shell.theme, self.shell.texts)
        return [self.home, self.message]

    def connect(self) -> None:
        """Home's bar, the idle warning, and the start of every worker's visit."""
        shell, overlay = self.shell, self.shell.window.overlay
        shell.connect_bar(self.home.bar)
        self.attract.call_staff_requested.connect(shell.call_staff)
        shell.call_waiting.connect(self.attract.show_call)
        shell.visit_started.connect(self._on_shell_visit_started)
        shell.applied.connect(self.load_applications)
        shell.idle.warning_started.connect(lambda: overlay.show_countdown(self._seconds_left()))
        shell.idle.countdown.connect(overlay.show_countdown)
        shell.idle.expired.connect(lambda: shell.end_visit("timeout"))
        overlay.continue_pressed.connect(self._on_overlay_continue_pressed)
        shell.storage_lost.connect(self.storage_lost)

    def attached(self) -> None:
        """The store opened (perhaps after a disk fault at start-up): serve again."""
        self.probe.stop()
        if self.shell.visit.back_in_service():
            log.info("store open again: back in service")
            self.shell.go(self.shell.start_screen)

    def reset(self) -> None:
        """Nothing of the last worker stays on their home."""
        self.home.show_session(None)

    # --- the card and scan router ------------------------------------------------------------
    def reader_event(self, event: ReaderEvent) -> None:
        """A card reader or scanner reported something (GUI thread, via the bridge)."""
        visit = self.shell.visit
        if isinstance(event, ReaderStatus):
            self._reader_changed(event)
        elif isinstance(event, CardFailed):
            if visit.on_card_failed() is Tap.REPORT:
                self.shell.report(event.error)
        elif isinstance(event, ScanReceived):
            self._scanned(event)
        elif isinstance(event, CardPresented):
            self._card_presented(event)
        # CardRemoved: nothing to do (a visit outlives the card on the reader)

    def _scanned(self, event: ScanReceived) -> None:
        """A code off a phone starts a visit where a tap would (``scan_login``, the phone
        feature's); any other code, or a scan mid-task, gets one line on the banner."""
        shell, visit = self.shell, self.shell.visit
        if shell.services is None:
            return
        starting = visit.tap_meaning() in (Tap.START, Tap.SWITCH)
        if starting and self.scan_login is not None and self.scan_login(event):
            return
        if visit.on_scan() is Tap.REPORT:
            log.info("scan not accepted")
            shell.tell(Notice("error.card.qr_unknown"))

    def _reader_changed(self, status: ReaderStatus) -> None:
        self.reader_status = status
        level = logging.INFO if status.state is ReaderState.CONNECTED else logging.WARNING
        log.log(level, "card reader %s: %s", status.state.value, status.reason)
        notice = {
            ReaderState.CONNECTED: "",
            ReaderState.MISSING: "error.card.reader_missing",
        }.get(status.state, "error.card.reader_error")
        self.attract.set_notice(notice)

    def _card_presented(self, event: CardPresented) -> None:
        shell, visit = self.shell, self.shell.visit
        if shell.services is None:
            return  # the store is still opening: the attract screen says nothing yet
        tap = visit.tap_meaning()
        if tap is Tap.IGNORE:
            return  # someone is at work: a stray card on the reader does nothing
        if tap is Tap.CONFIRM:
            shell.party_card.emit(event)  # the agreement checks whose card it is
            return
        if tap is Tap.SWITCH:
            shell.end_visit("next_card")
        visit.on_card(event)

        def unknown(exc: Exception) -> None:
            not_registered = (
                isinstance(exc, CardReadError) and exc.kind is CardErrorKind.NOT_REGISTERED
            )
            if not_registered and self.employer_tap is not None and event.identity is not None:
                self.employer_tap(event, lambda: self._unknown_worker(event, exc))
            else:
                self._unknown_worker(event, exc)

        shell.run(lambda s: s.session.start_for_card(event), self.looked_up, unknown)

    def _unknown_worker(self, event: CardPresented, exc: Exception) -> None:
        """No worker for the card here: ask the market, or file, or say why not."""
        not_registered = isinstance(exc, CardReadError) and exc.kind is CardErrorKind.NOT_REGISTERED
        if not_registered and self._ask_market(event):
            return
        self._not_here(event, exc)

    def _ask_market(self, event: CardPresented) -> bool:
        """An unknown card may have been filed at another station: ask the market (off the
        DB worker) before filing. False when it cannot be asked (offline, not enrolled)."""
        shell, services, identity = self.shell, self.shell.services, event.identity
        if services is None or identity is None or not services.registration.can_ask_market():
            return False
        not_here = CardReadError(CardErrorKind.NOT_REGISTERED)

        def answered(found: dict[str, Any] | None) -> None:
            self._asked()
            if not shell.visit.waits_for(event):
                return  # the visit moved on (another card, the idle timer) meanwhile
            if found is None:
                self._not_here(event, not_here)
                return
            shell.run(
                lambda s: s.registration.adopt(identity, event.chip_serial, found),
                self.looked_up,
                lambda exc: self._not_here(event, exc),
            )

        def failed(_exc: Exception) -> None:
            self._asked()
            if shell.visit.waits_for(event):
                self._not_here(event, not_here)

        shell.show(ASKING, "info")  # a few seconds at most: said, so nobody taps again
        shell.asking.submit(
            lambda: services.registration.find_at_market(identity), answered, failed
        )
        return True

    def _asked(self) -> None:
        banner = self.shell.window.banner
        if banner.message_id == ASKING:
            banner.clear()

    def _not_here(self, event: CardPresented, exc: Exception) -> None:
        """No worker for this card here (filing starts) or the card was refused."""
        shell, visit = self.shell, self.shell.visit
        not_registered = isinstance(exc, CardReadError) and exc.kind is CardErrorKind.NOT_REGISTERED
        if not_registered and visit.unknown_card(
            event.identity is not None, event.chip_serial, shell.idle.monotonic()
        ):
            shell.newcomer.emit(event)  # filing starts (consent first)
            return
        if not not_registered:
            visit.refused()
        shell.report(exc)

    def looked_up(self, view: SessionView) -> None:
        """A card's (or a phone code's) worker was found: their visit starts."""
        visit = self.shell.visit
        if visit.looked_up(view):
            if visit.phase is Phase.CONSENT:  # staff asked to act for this worker
                self.shell.consent_asked.emit(view)
            else:
                self.shell.welcome(view)
        else:  # the visit ended while the look-up ran: forget this worker again
            self.shell.run(lambda s: s.session.end("late_look_up"))

    # --- a worker's visit --------------------------------------------------------------------
    def _on_shell_visit_started(self, view: SessionView) -> None:
        texts = self.shell.texts
        if texts.mode is texts.default_mode and view.preferred_lang in {m.value for m in Mode}:
            texts.set_mode(Mode(view.preferred_lang))
        self.home.show_session(view)
        self.shell.idle.start_session()
        self.shell.go("home")

        def rating(s: Services) -> Faces:
            worker = s.session.worker
            return Faces() if worker is None else s.jobs.rating(worker)

        self.shell.run(rating, self.home.show_rating)
        self.load_applications()

    def load_applications(self) -> None:
        """What the signed-in worker applied for (at the visit's start, after applying)."""

        def mine(s: Services) -> list[MyApplication]:
            worker = s.session.worker
            return [] if worker is None else s.jobs.my_applications(worker)

        def show(applications: list[MyApplication]) -> None:
            if self.shell.visit.view is not None:  # not after the visit ended meanwhile
                self.home.show_applications(applications)

        self.shell.run(mine, show)

    def go_home(self) -> None:
        """Back to the worker's home screen (from a task), unless a feature has something
        waiting to show first."""
        self.shell.visit.back_home()
        if any(hook() for hook in self.before_home):
            return
        self.shell.go("home")

    def out_of_service(self, exc: Exception) -> None:
        """The database cannot be used: say so on screen, for a technician."""
        kind = storage_kind(exc)
        if kind is not None:
            message_id = f"error.store.{kind.value}"
        elif isinstance(exc, KioskError):
            message_id = exc.message_id
        else:
            message_id = "error.store.unavailable"
        log.error("out of service: %s", message_id)
        self.shell.visit.out_of_service()
        self.message.show_message(message_id)
        self.shell.go("message")

    def storage_lost(self, exc: Exception) -> None:
        """A write failed because of the disk (full, read-only): the visit ends where it
        is, the screen says why and to ask staff, and no more work is taken until the disk
        is mended (tried every ``PROBE_MS``). Nothing saved before is lost."""
        if self.probe.isActive():
            return
        log.error("storage fault (%s): out of service", storage_kind(exc))
        self.shell.end_visit("storage")
        self.out_of_service(exc)
        self.probe.start()

    def _probe_storage(self) -> None:
        services = self.shell.services
        if services is None or services.storage_probe is None:
            return
        self.shell.db.submit(services.storage_probe, lambda _ok: self.attached(), _still_down)

    def _seconds_left(self) -> int:
        idle = self.shell.idle
        return round(idle.clock.seconds_left(idle.monotonic()))

    def _on_overlay_continue_pressed(self) -> None:
        self.shell.idle.extend()
        self.shell.window.overlay.hide()


def _still_down(exc: Exception) -> None:
    log.debug("storage still unusable: %s", type(exc).__name__)
