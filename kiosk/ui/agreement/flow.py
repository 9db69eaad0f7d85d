"""The agreement at the kiosk (AgreementFeature): staff open it for an application from the
staff screen, the parties confirm and sign on the signing screen, it is kept (with its
outbox mutation, all or nothing), printed a copy for each party, and can be reprinted.

A printer that is missing, out of paper or offline leaves the agreement signed and saved:
the done screen says the printout failed, and "print again" tries once more.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.domain.privacy import mask_name
from kiosk.ui.agreement.sections import SECTIONS
from kiosk.ui.errors import notice_for
from kiosk.ui.feature import Feature
from kiosk.ui.shell import Services, Shell
from kiosk.ui.theme import MAIN_TARGET_MM
from kiosk.ui.widgets.buttons import BigButton

if TYPE_CHECKING:
    from collections.abc import Callable

    from kiosk.domain.agreement import SignedAgreement, SignerRecord, Terms
    from kiosk.idcard.events import CardPresented
    from kiosk.services.signing import Draft, SigningDesk
    from kiosk.ui.admin.flow import AdminFeature
    from kiosk.ui.agreement.screens import DoneScreen, PickScreen
    from kiosk.ui.agreement.signing import SigningScreen
    from kiosk.ui.screens.base import Screen

log = logging.getLogger(__name__)


class AgreementFeature(Feature):
    """Pick an application, sign, print; "sign an agreement" sits on the staff screen."""

    spoken = (
        "signing.pick_title",
        "signing.terms_title",
        # The fixed clauses, read at every signing: recorded once by station staff.
        *(f"agreement.section.{name}" for name in (*SECTIONS, "changes")),
        "agreement.safety",
        "agreement.insurance_no",
        "agreement.ending",
        "agreement.paid.same_day",
        "agreement.paid.on_completion",
        "signing.none_waiting",
        "signing.tap_worker",
        "signing.tap_employer",
        "signing.confirmed_card",
        "signing.confirmed_phone",
        "signing.done_title",
        "signing.print_printing",
        "signing.print_printed",
        "signing.print_failed",
    )

    def __init__(self, shell: Shell, admin: AdminFeature) -> None:
        super().__init__(shell)
        self.admin = admin
        self.pick: PickScreen
        self.sign: SigningScreen
        self.done: DoneScreen
        self.open_button: BigButton
        self.draft: Draft | None = None
        self.signed: SignedAgreement | None = None
        self.printed: Path | None = None  # the last PDF written (tests read it back)
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        # Fast recruitment's way back: True when the agreement came from there and it has
        # taken the kiosk back to its list (instead of staff's screen or the pick list).
        self.recruit_return: Callable[[], bool] | None = None

    def build(self) -> list[Screen]:
        """The application list, the signing wizard and the signed screen."""
        from kiosk.ui.agreement.screens import DoneScreen, PickScreen  # noqa: PLC0415
        from kiosk.ui.agreement.signing import SigningScreen  # noqa: PLC0415

        theme, texts = self.shell.theme, self.shell.texts
        self.pick = PickScreen(theme, texts, self.shell.today)
        self.sign = SigningScreen(theme, texts, self.shell.clock.now)
        self.done = DoneScreen(theme, texts)
        self.open_button = BigButton(
            theme, "primary", role="secondary", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM)
        )
        self.open_button.setObjectName("signAgreement")
        self.admin.staff.top.insertWidget(1, self.open_button)
        return [self.pick, self.sign, self.done]

    def connect(self) -> None:
        """The staff screen's button, the screens' buttons and the party's card taps."""
        shell = self.shell
        self.open_button.clicked.connect(self.open_pick)
        shell.texts.mode_changed.connect(self._label_button)
        self._label_button()
        self.pick.leave_requested.connect(self.back_to_staff)
        self.pick.picked.connect(self.open_application)
        self.sign.cancelled.connect(self.cancel)
        self.sign.phone_check_requested.connect(self.check_phone)
        self.sign.finished.connect(self.save)
        self.done.leave_requested.connect(self.back_to_staff)
        self.done.another_requested.connect(self.open_pick)
        self.done.reprint_requested.connect(self.reprint)
        shell.party_card.connect(self.card_tapped)

    def attached(self) -> None:
        """ "Sign an agreement" shows when the store is open."""
        self.open_button.setVisible(self.shell.services is not None)

    def reset(self) -> None:
        """Nothing of an agreement stays on the screens or on disk."""
        self.draft = self.signed = None
        self.sign.clear()
        self.pick.show_items(None)
        self.done.show_signed("", "", "pending")
        self._cleanup()

    def _label_button(self) -> None:
        self.open_button.set_lines(self.shell.texts.lines("signing.open"))

    # --- picking -----------------------------------------------------------------------------
    def open_pick(self) -> None:
        """The open applications, soonest job first."""
        if self.recruit_return is not None and self.recruit_return():
            return
        self.shell.visit.agreement_closed()
        self.pick.show_items(None)
        self.shell.go("agreement_pick")
        self.shell.run(lambda s: _desk(s).waiting(), self.pick.show_items)

    def back_to_staff(self) -> None:
        """The staff screen again, its figures fresh."""
        if self.recruit_return is not None and self.recruit_return():
            return
        self.shell.visit.agreement_closed()
        self.admin.show_staff()

    def open_application(self, application_id: str) -> None:
        """Draft the terms of this application and start signing."""

        def gone(exc: Exception) -> None:
            self.shell.report(exc)
            self.open_pick()  # what is left to sign

        self.shell.run(lambda s: _desk(s).open(application_id), self._start, gone)

    def _start(self, draft: Draft) -> None:
        services = self.shell.services
        if services is None or not self.shell.visit.agreement_opened():
            return  # staff left meanwhile
        self.draft = draft
        p = draft.parties
        worker = ("signing.worker_is", None, {"name": mask_name(p.worker_name)})
        phone = draft.employer_phone_masked or "—"
        employer = ("signing.employer_is", None, {"name": p.employer.name, "phone": phone})
        self.sign.start(
            draft.posted, _desk(services).problems, worker, employer, draft.employer_phone_masked
        )
        self.shell.go("agreement_sign")

    def cancel(self) -> None:
        """Stop signing: nothing was kept."""
        self.draft = None
        self.sign.clear()
        self.open_pick()

    # --- confirming who signs ----------------------------------------------------------------
    def card_tapped(self, card: CardPresented) -> None:
        """A tap while signing: the card of the party whose turn it is (else refused)."""
        draft, role = self.draft, self.sign.role
        if draft is None or self.shell.current != "agreement_sign":
            return
        if role is None:
            self.shell.show("signing.read_first")
            return

        def confirm(s: Services) -> str:
            desk = _desk(s)
            if role == "worker":
                return desk.confirm_worker(draft, card)
            return desk.confirm_employer(draft, card)

        self.shell.run(confirm, lambda h: self.sign.party_confirmed(role, "card", h), self._refused)

    def check_phone(self) -> None:
        """Staff checked the employer's registered phone."""
        draft = self.draft
        if draft is None:
            return
        self.shell.run(
            lambda s: _desk(s).phone_checked(draft),
            lambda h: self.sign.party_confirmed("employer", "phone", h),
            self._refused,
        )

    def _refused(self, exc: Exception) -> None:
        notice = notice_for(exc)
        self.sign.party_refused(notice.message)  # shown on the page, where it stays
        self.shell.announce(notice)

    # --- saving and printing -----------------------------------------------------------------
    def save(self, terms: Terms, worker: SignerRecord, employer: SignerRecord) -> None:
        """Keep the signed agreement (all or nothing), then print it."""
        draft = self.draft
        if draft is None:
            return

        def failed(exc: Exception) -> None:
            notice = notice_for(exc)
            self.sign.save_failed(notice.message)
            self.shell.tell(notice)

        self.shell.run(lambda s: _desk(s).sign(draft, terms, worker, employer), self._saved, failed)

    def _saved(self, agreement: SignedAgreement) -> None:
        self.signed, self.draft = agreement, None
        self.shell.visit.agreement_closed()
        self.sign.clear()
        has_printer = self.shell.services is not None and self.shell.services.printer is not None
        self.done.show_signed(
            agreement.terms.code, "printing" if has_printer else "none", "pending"
        )
        self.shell.go("agreement_done")
        self.shell.audit("staff", "agreement_saved")
        if has_printer:
            self._print(agreement)

    def reprint(self) -> None:
        """Print the last signed agreement again, exactly as signed."""
        if self.signed is not None and self.done.print_state != "printing":
            self.done.show_signed(self.signed.terms.code, "printing", self.done.sync_state)
            self._print(self.signed)

    def _print(self, agreement: SignedAgreement) -> None:
        code = agreement.terms.code

        def where(s: Services) -> tuple[str | None, str | None, str, int]:
            desk = _desk(s)
            return (
                desk.printing.verify_base(),
                desk.status(code),
                desk.printing.paper,
                (desk.printing.copies),
            )

        self.shell.run(where, lambda w: self._write_and_print(agreement, *w), self._print_failed)

    def _write_and_print(
        self, agreement: SignedAgreement, base: str | None, status: str | None, paper: str,
        copies: int,
    ) -> None:  # fmt: skip
        from kiosk.ui.agreement.pdf import write_pdf  # noqa: PLC0415 - on use

        code = agreement.terms.code
        self.done.show_signed(code, "printing", status or "pending")
        if base is None:  # neither enrolled nor [agreement] verify_url: no address to print
            log.warning("agreement not printed: no verification address")
            self._print_failed(RuntimeError("no verification address"))
            return
        self._cleanup()
        self._folder = tempfile.TemporaryDirectory(prefix="kiosk-agreement-")
        pdf = Path(self._folder.name) / f"{code}.pdf"
        write_pdf(
            pdf,
            agreement,
            self.shell.texts.catalog,
            paper=paper,
            verify_base=base,
            synced=status == "sent",
        )
        self.printed = pdf
        sent = self.shell.print_pdf(
            pdf, lambda _r: self._print_done(code), self._print_failed, copies=copies
        )
        if not sent:
            self._print_failed(RuntimeError("no printer"))

    def _print_done(self, code: str) -> None:
        self.shell.run(lambda s: _desk(s).printed(code))
        if self.signed is not None and self.signed.terms.code == code:
            self.done.show_signed(code, "printed", self.done.sync_state)
            self.shell.show("signing.print_printed")

    def _print_failed(self, exc: Exception) -> None:
        log.warning("agreement printout failed: %s", type(exc).__name__)
        if self.signed is not None:
            self.done.show_signed(self.signed.terms.code, "failed", self.done.sync_state)
            self.shell.show("signing.print_failed", "error")

    def _cleanup(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
            self.printed = None


def _desk(services: Services) -> SigningDesk:
    """The signing desk (always there once the store is open)."""
    desk = services.signing
    if desk is None:
        raise RuntimeError("signing desk not wired")
    return desk
