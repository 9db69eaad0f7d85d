"""Longer flows, kept out of the controller: finding work, filing a profile, and the
staff and technician sign-in.

Each flow holds the controller (screens, services, DB worker) and is wired by it; like the
controller, every service call runs on the DB worker and comes back on the GUI thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.domain.errors import (
    AlreadyAppliedError,
    AuthError,
    AuthErrorKind,
    JobUnavailableError,
    KioskError,
)
from kiosk.idcard.events import CardPresented

if TYPE_CHECKING:
    from kiosk.domain.matching import Match
    from kiosk.domain.profile import ProfileDraft
    from kiosk.services.admin_auth import Role
    from kiosk.services.session import SessionView
    from kiosk.ui.controller import KioskController

log = logging.getLogger(__name__)

CHIP_WAIT_S = 600.0  # how long staff may register a chip-only card after its tap


class JobsFlow:
    """Home -> matched jobs -> one job -> "I want this job"."""

    def __init__(self, ctl: KioskController) -> None:
        self.ctl = ctl

    def find_work(self, day: str, same_day_pay: bool, trade: str = "") -> None:
        """Match the signed-in worker against the local jobs and show the list."""
        from kiosk.services.jobs import Filters  # noqa: PLC0415 - deferred, see imports

        services = self.ctl.services
        if services is None:
            return
        filters = Filters(same_day_pay=same_day_pay, day=day, job_type=trade or None)

        def matches() -> list[Match]:
            worker = services.session.worker
            return [] if worker is None else services.jobs.matches(worker, filters)

        self.ctl.jobs.day, self.ctl.jobs.same_day_pay, self.ctl.jobs.trade = (
            day,
            same_day_pay,
            trade,
        )
        view = self.ctl.home.view
        self.ctl.jobs.trades = sorted(view.skills) if view else []
        self.ctl.db.submit(matches, self._on_matches_loaded, self.ctl._on_service_failed)

    def _on_matches_loaded(self, matches: list[Match]) -> None:
        if self.ctl.home.view is None:
            return  # the visit ended while matching ran
        self.ctl.jobs.show_matches(matches)
        if self.ctl.window.navigator.current.name != "jobs":
            self.ctl.window.navigator.go("jobs")

    def _on_jobs_job_chosen(self, match: Match) -> None:
        self.ctl.job.show_match(match)
        self.ctl.window.navigator.go("job")

    def _on_job_apply_requested(self, job_id: str) -> None:
        services = self.ctl.services
        if services is None:
            return

        def apply() -> str:
            worker = services.session.worker
            if worker is None:
                raise RuntimeError("no worker signed in")
            return services.jobs.apply(worker, job_id)

        self.ctl.db.submit(apply, self._on_applied, self._on_apply_failed)

    def _on_applied(self, _application_id: str) -> None:
        self.ctl.window.banner.show_message("job.applied", self.ctl.texts.lines("job.applied"))
        self.ctl.session_applied.emit()
        self.find_work(self.ctl.jobs.day, self.ctl.jobs.same_day_pay, self.ctl.jobs.trade)

    def _on_apply_failed(self, exc: Exception) -> None:
        if isinstance(exc, AlreadyAppliedError):
            self.ctl.window.banner.show_message(
                "job.already_applied", self.ctl.texts.lines("job.already_applied")
            )
            return
        if isinstance(exc, JobUnavailableError):  # closed while they looked: the list again
            self.ctl.window.banner.show_message(
                "job.unavailable", self.ctl.texts.lines("job.unavailable"), "error"
            )
            self.find_work(self.ctl.jobs.day, self.ctl.jobs.same_day_pay, self.ctl.jobs.trade)
            return
        self.ctl._on_service_failed(exc)


class FilingFlow:
    """An unknown card -> consent -> filing; staff-assisted filing; editing later."""

    def __init__(self, ctl: KioskController) -> None:
        self.ctl = ctl

    def start_filing(self, event: CardPresented) -> None:
        """An unknown card with a readable identity: offer profile filing (consent first)."""
        assert event.identity is not None
        self.ctl.filing.start(event.identity.name)
        self.ctl.idle.start_session()
        self.ctl.window.navigator.go("filing")

    def _on_home_edit_clicked(self) -> None:
        services, view = self.ctl.services, self.ctl.home.view
        if services is None or view is None:
            return

        def opened(draft: ProfileDraft | None) -> None:
            if draft is not None:
                self.ctl.filing.start(view.name, draft)
                self.ctl.window.navigator.go("filing")

        self.ctl.db.submit(
            services.registration.draft_for_current, opened, self.ctl._on_service_failed
        )

    def _on_filing_confirmed(self, draft: ProfileDraft) -> None:
        if self.ctl.filing.editing:
            if self.ctl.services is not None:
                registration = self.ctl.services.registration
                self.ctl.db.submit(
                    lambda: registration.update_current(draft),
                    self._on_registered,
                    self.ctl._on_service_failed,
                )
            return
        services, event = self.ctl.services, self.ctl.pending_card
        if services is None or event is None or event.identity is None:
            return
        identity, serial = event.identity, event.chip_serial
        self.ctl.db.submit(
            lambda: services.registration.register(identity, serial, draft),
            self._on_registered,
            self.ctl._on_card_refused,
        )

    def _on_registered(self, view: SessionView) -> None:
        self.ctl.pending_card = None
        self.ctl.filing.clear()
        self.ctl._on_session_looked_up(view)
        self.ctl.window.banner.show_message("filing.saved", self.ctl.texts.lines("filing.saved"))

    def _on_staff_bind_requested(self) -> None:
        self.ctl.staff_bind.reset()
        self.ctl.window.navigator.go("staff_bind")

    def _on_staff_bind_submitted(self, number: str, name: str) -> None:
        from kiosk.domain.identity import Identity  # noqa: PLC0415

        services, waiting = self.ctl.services, self.ctl.chip_waiting
        if services is None or waiting is None:
            return
        serial = waiting[0]

        def done(result: object) -> None:
            self.ctl.chip_waiting = None
            self.ctl.staff_bind.reset()
            if isinstance(result, Identity):  # not registered yet: the worker files, with consent
                self.start_filing(CardPresented(serial, result))
                self.ctl.pending_card = CardPresented(serial, result)
            else:
                self.ctl._on_session_looked_up(result)  # type: ignore[arg-type]
                self.ctl.window.banner.show_message(
                    "staff.bound", self.ctl.texts.lines("staff.bound")
                )

        def failed(exc: Exception) -> None:
            message = exc.message_id if isinstance(exc, KioskError) else "error.generic"
            self.ctl.staff_bind.show_error(message)

        self.ctl.db.submit(
            lambda: services.registration.staff_identify(serial, number, name), done, failed
        )

    def _on_filing_declined(self) -> None:
        self.ctl.end_session("declined")
        self.ctl.window.banner.show_message(
            "filing.declined", self.ctl.texts.lines("filing.declined")
        )


class AdminFlow:
    """Five taps in the corner -> PIN -> the staff or technician screen."""

    def __init__(self, ctl: KioskController) -> None:
        self.ctl = ctl

    def hotspot_triggered(self) -> None:
        """The hidden gesture: end any visit and ask for a PIN."""
        ctl = self.ctl
        if ctl.window.navigator.current.name in ("pin", "staff", "technician", "message"):
            return
        if ctl.idle.clock.phase.value != "idle":
            ctl.end_session("staff_gesture")
        ctl.idle.start_session()
        ctl.window.navigator.go("pin")

    def pin_entered(self, pin: str) -> None:
        """Check the PIN on the DB worker."""
        services = self.ctl.services
        if services is None:
            self.ctl.pin.show_error(self.ctl.texts.lines("error.store.unavailable"))
            return
        self.ctl.db.submit(
            lambda: services.auth.sign_in(pin), self.open_role, self.show_sign_in_error
        )

    def open_role(self, role: Role) -> None:
        """Show the staff or technician screen and load what it shows."""
        from kiosk.services.admin_auth import Role  # noqa: PLC0415 - deferred, see imports

        ctl = self.ctl
        services = ctl.services
        assert services is not None
        if role is Role.STAFF:
            waiting = ctl.chip_waiting
            fresh = waiting is not None and ctl.idle.monotonic() - waiting[1] < CHIP_WAIT_S
            ctl.staff.set_card_waiting(fresh)
            ctl.window.navigator.go("staff")
            ctl.db.submit(services.figures.figures, ctl.staff.show_figures)
            ctl.sync_flow.staff_opened()
        else:
            ctl.window.navigator.go("technician")
            ctl.db.submit(services.diagnostics, ctl.technician.show_report)

    def show_sign_in_error(self, exc: Exception) -> None:
        """Tell why the PIN was refused (wrong, locked, none set)."""
        pin, texts = self.ctl.pin, self.ctl.texts
        if not isinstance(exc, AuthError):
            log.error("sign-in failed unexpectedly: %s", type(exc).__name__)
            pin.show_error(texts.lines("error.generic"))
            return
        msgid = exc.message_id
        if exc.kind is AuthErrorKind.WRONG_PIN:
            pin.show_error(texts.plural_lines(msgid, exc.remaining))
        elif exc.kind is AuthErrorKind.LOCKED_OUT:
            pin.show_error(texts.plural_lines(msgid, exc.retry_after_s))
        else:
            pin.show_error(texts.lines(msgid))
