"""Fast recruitment at the station (issue 15): an employer hires from the room.

Staff press "fast recruitment" on their screen and the employer taps their ID card (a new
one is registered in two steps: the card, then the phone); or a known employer taps their
card at the attract screen themselves. The job is posted in a few touches; the workers who
checked in today (a worker's first tap of the day gives them a number, shown on their
home) are listed, those of the job's trade first; the employer picks one; the kiosk shows
the number huge and calls it aloud in both languages; that worker's own card takes the
job, and the agreement is signed on the spot (``AgreementFeature``), then back to the list.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.domain.privacy import mask_name
from kiosk.domain.recruit import start_of
from kiosk.domain.visit import Phase
from kiosk.i18n import Ref
from kiosk.ui.errors import notice_for
from kiosk.ui.feature import Feature
from kiosk.ui.icons import TRADE_ICONS
from kiosk.ui.shell import Services, Shell
from kiosk.ui.texts import Message
from kiosk.ui.theme import MAIN_TARGET_MM
from kiosk.ui.widgets.buttons import BigButton

if TYPE_CHECKING:
    from collections.abc import Callable

    from kiosk.domain.entities import Employer
    from kiosk.domain.recruit import PastJob, Posted, Waiting
    from kiosk.idcard.events import CardPresented
    from kiosk.services.recruit import RecruitDesk
    from kiosk.services.session import SessionView
    from kiosk.ui.admin.flow import AdminFeature
    from kiosk.ui.agreement.flow import AgreementFeature
    from kiosk.ui.recruit.post import RecruitPostScreen
    from kiosk.ui.recruit.queue import RecruitCallScreen, RecruitQueueScreen
    from kiosk.ui.recruit.screens import RecruitCardScreen
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.visit.flow import VisitFeature

log = logging.getLogger(__name__)


class RecruitFeature(Feature):
    """The employer's card, the job, the queue, the call, then the agreement."""

    spoken = (
        "recruit.card_title",
        "recruit.phone_ask",
        "recruit.post_title",
        "recruit.queue_title",
        "recruit.job_line",
        "recruit.queue_count",
        "recruit.queue_empty",
        "recruit.calling",
        "recruit.call_title",
        "recruit.terms_title",
        "recruit.your_number",
        "recruit.taken",
        "recruit.error.no_identity",
        "recruit.error.no_district",
        "recruit.error.phone",
        "recruit.error.wage",
        "recruit.error.too_late",
        "recruit.error.not_called",
        "recruit.error.gone",
        "recruit.pick_trade",
        "recruit.enter_wage",
    )

    def __init__(
        self,
        shell: Shell,
        visit: VisitFeature,
        admin: AdminFeature,
        agreement: AgreementFeature,
        *,
        station: str,
        paper: str = "a4",
    ) -> None:
        super().__init__(shell)
        self.visit_ui, self.admin, self.agreement = visit, admin, agreement
        self.card: RecruitCardScreen
        self.post: RecruitPostScreen
        self.queue: RecruitQueueScreen
        self.call: RecruitCallScreen
        self.open_button: BigButton
        self.employer: Employer | None = None
        self.newcomer: CardPresented | None = None  # the new employer's card, until registered
        self.job: Posted | None = None
        self.called: tuple[int, str] | None = None  # (number, worker id)
        self.busy = False  # a tap's check is running: a second tap waits for it
        self.station, self.paper = station, paper
        # The last queue slip as printed (only a number, a date and the station): tests
        # read it back; its file goes once the printer has it.
        self.slip: bytes | None = None
        self.slips = tempfile.TemporaryDirectory(prefix="kiosk-slips-")  # each until printed

    def build(self) -> list[Screen]:
        """The four screens, and "fast recruitment" on the staff screen."""
        from kiosk.ui.recruit.post import RecruitPostScreen  # noqa: PLC0415
        from kiosk.ui.recruit.queue import RecruitCallScreen, RecruitQueueScreen  # noqa: PLC0415
        from kiosk.ui.recruit.screens import RecruitCardScreen  # noqa: PLC0415

        theme, texts, today = self.shell.theme, self.shell.texts, self.shell.today
        self.card = RecruitCardScreen(theme, texts)
        self.post = RecruitPostScreen(theme, texts, list(TRADE_ICONS))
        self.queue = RecruitQueueScreen(theme, texts, today)
        self.call = RecruitCallScreen(theme, texts, today)
        self.open_button = BigButton(theme, "staff", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM))
        self.open_button.setObjectName("fastRecruitment")
        self.admin.staff.day_row.insertWidget(1, self.open_button)
        return [self.card, self.post, self.queue, self.call]

    def connect(self) -> None:
        """The staff's button, the screens, every tap while recruiting, the check-in."""
        shell = self.shell
        self.open_button.clicked.connect(self.start)
        shell.texts.mode_changed.connect(self._label_button)
        self._label_button()
        for screen in (self.card, self.post, self.queue, self.call):
            screen.repeat_requested.connect(lambda s=screen: shell.say(s.prompts()))
        self.card.leave_requested.connect(self.leave)
        self.card.register_requested.connect(self.register)
        self.post.leave_requested.connect(self.leave)
        self.post.post_requested.connect(self.post_job)
        self.queue.leave_requested.connect(self.open_post)
        self.queue.main.clicked.connect(self.leave)
        self.queue.call_requested.connect(self.call_number)
        self.call.leave_requested.connect(self.open_queue)
        self.call.main.clicked.connect(lambda: shell.say(self.call.prompts()))
        shell.party_card.connect(self.card_tapped)
        shell.visit_started.connect(self.check_in)
        self.visit_ui.employer_tap = self.employer_tap
        self.agreement.recruit_return = self._agreement_left

    def attached(self) -> None:
        """ "Fast recruitment" shows when the store is open."""
        self.open_button.setVisible(self.shell.services is not None)

    def reset(self) -> None:
        """Nothing of the employer, the job or the called worker stays."""
        self.employer = self.newcomer = self.job = self.called = None
        self.busy = False
        self.card.wait()
        self.post.start("", [])
        self.queue.show_queue(None, None)
        self.call.show_call(None, 0)
        self.visit_ui.home.set_note([], [], key="queue")

    def _label_button(self) -> None:
        self.open_button.set_lines(self.shell.texts.lines("recruit.open"))

    # --- the employer ----------------------------------------------------------------------
    def start(self) -> None:
        """Staff start it: the employer's card is awaited."""
        if self.shell.visit.recruit_started():
            self.employer = self.newcomer = self.job = self.called = None
            self.card.wait()
            self.shell.go("recruit_card")

    def employer_tap(self, card: CardPresented, otherwise: Callable[[], None]) -> None:
        """A card at the attract screen that is no worker's: a known employer's starts their
        own recruitment; any other goes on as an unknown card (``otherwise``)."""

        def found(employer: Employer | None) -> None:
            if employer is None or not self.shell.visit.waits_for(card):
                otherwise()
            elif self.shell.visit.employer_found():
                self.shell.idle.start_session()
                self.open_post(employer)

        self.shell.run(lambda s: _desk(s).employer_for(card), found, lambda _e: otherwise())

    def card_tapped(self, card: CardPresented) -> None:
        """A tap while recruiting: the employer's (card screen) or the called worker's."""
        shell = self.shell
        if shell.visit.phase is not Phase.RECRUITING or self.busy:
            return
        if shell.current == "recruit_card" and self.employer is None:
            self.busy = True
            shell.run(lambda s: _desk(s).employer_for(card), lambda e: self._card_read(card, e),
                      self._failed)  # fmt: skip
        elif shell.current == "recruit_call" and self.job is not None and self.called:
            job, (number, worker_id) = self.job, self.called
            self.busy = True
            shell.run(
                lambda s: _desk(s).accept(job, number, worker_id, card), self._taken, self._failed
            )
        else:
            shell.show("recruit.no_tap_now")

    def _card_read(self, card: CardPresented, employer: Employer | None) -> None:
        self.busy = False
        if employer is not None:
            self.open_post(employer)
            return
        identity = card.identity
        if identity is None:
            self._problem(self.card, "recruit.error.no_identity")
            return
        self.newcomer = card
        self.card.ask_phone(mask_name(identity.name), identity.masked_number)
        self.shell.say(self.card.prompts())

    def register(self, phone: str) -> None:
        """Staff typed the new employer's phone: register them, then post."""
        card = self.newcomer
        if card is None or self.busy:
            return
        self.busy = True
        self.shell.run(lambda s: _desk(s).register(card, phone), self._registered, self._failed)

    def _registered(self, employer: Employer) -> None:
        self.busy, self.newcomer = False, None
        self.open_post(employer)

    # --- the job ---------------------------------------------------------------------------
    def open_post(self, employer: Employer | None = None) -> None:
        """The post screen for the employer, with their past jobs."""
        self.employer = employer or self.employer
        if self.employer is None:
            return
        who = self.employer

        def show(past: list[PastJob]) -> None:
            if self.employer is who:
                late = start_of(self.shell.clock.now(), tomorrow=False) is None
                self.post.start(who.name, past, late=late)
                self.shell.go("recruit_post")

        self.shell.run(lambda s: _desk(s).past_jobs(who.id), show)

    def post_job(self, trade: str, wage: int, tomorrow: bool, slots: int) -> None:
        """Post it (open at once here, and queued for the market), then the queue."""
        employer = self.employer
        if employer is None or self.busy:
            return
        self.busy = True

        def posted(job: Posted) -> None:
            self.busy, self.job = False, job
            self.open_queue()

        self.shell.run(
            lambda s: _desk(s).post(employer, trade, wage, tomorrow=tomorrow, slots=slots),
            posted,
            lambda exc: self._failed(exc, self.post),
        )

    # --- the queue and the call ------------------------------------------------------------
    def open_queue(self) -> None:
        """Who is in the room for the job now."""
        job = self.job
        if job is None:
            return
        self.called = None
        self.queue.show_queue(job, None)
        self.shell.go("recruit_queue")

        def show(waiting: list[Waiting]) -> None:
            if self.job is job:
                self.queue.show_queue(job, waiting)
                self.shell.say(self.queue.prompts())

        self.shell.run(lambda s: _desk(s).queue(job), show)

    def call_number(self, number: int, worker_id: str) -> None:
        """Call this worker: their number huge, and said aloud."""
        job = self.job
        if job is None:
            return

        def called(_worker: str) -> None:
            self.called = (number, worker_id)
            self.call.show_call(job, number)
            self.shell.go("recruit_call")

        self.shell.run(lambda s: _desk(s).call(job, number), called,
                       lambda exc: self._failed(exc, self.queue))  # fmt: skip

    def _taken(self, application_id: str) -> None:
        """The called worker's card took the job: sign the agreement now."""
        self.busy = False
        self.shell.show("recruit.taken")
        self.agreement.open_application(application_id)

    def _agreement_left(self) -> bool:
        """The agreement (signed or not) was left: back to the list when it came from here."""
        visit = self.shell.visit
        if not (visit.recruit_agreement or visit.phase is Phase.RECRUITING) or self.job is None:
            return False
        visit.agreement_closed()
        self.open_queue()
        return True

    def leave(self) -> None:
        """Recruitment is over: staff's screen again, or (the employer alone) the start."""
        if self.shell.visit.recruit_ended():
            self.admin.show_staff()
        else:
            self.shell.end_visit("finished")

    # --- the worker's check-in -------------------------------------------------------------
    def check_in(self, _view: SessionView) -> None:
        """A worker's tap today checks them in: their number, on their home and said."""

        def number(s: Services) -> tuple[int, bool] | None:
            worker = s.session.worker
            return None if worker is None else _desk(s).check_in(worker.id)

        def show(checked: tuple[int, bool] | None) -> None:
            if checked is None or self.shell.visit.view is None:
                return
            n, new = checked
            if new:
                self._print_slip(n)
            # Shown short (home has the rights desk's and training's lines too), said whole.
            lines = self.shell.texts.lines("recruit.home_number", number=n)
            home = self.visit_ui.home
            home.set_note(lines, [("recruit.your_number", {"number": n})], key="queue")
            if home.isVisible():  # home was said before the number came: said again with it
                home.prompt_changed.emit()

        self.shell.run(number, show)

    def _print_slip(self, number: int) -> None:
        """The number on paper, at the first tap of the day (when there is a printer): the
        number and what to do, nothing of the worker's."""
        services = self.shell.services
        if services is None or services.printer is None:
            return
        from kiosk.ui.summary.paper import write_summary  # noqa: PLC0415 - Qt PDF, on use

        fd, name = tempfile.mkstemp(prefix="queue-", suffix=".pdf", dir=self.slips.name)
        os.close(fd)
        path = Path(name)
        day = f"{self.shell.clock.now():%Y-%m-%d}"
        messages: list[Message] = [
            ("recruit.slip_title", None, {"number": number}),
            ("recruit.your_number", None, {"number": number}),
            ("recruit.slip_day", None, {"day": day, "station": Ref(f"place.{self.station}")}),
        ]
        write_summary(path, self.shell.texts.catalog, messages, paper=self.paper,
                      title_id="recruit.slip_title")  # fmt: skip
        self.slip = path.read_bytes()

        def failed(exc: Exception) -> None:
            path.unlink(missing_ok=True)
            _slip_failed(exc)

        # The file is the printer's until it answers (the visit may end meanwhile).
        if not self.shell.print_pdf(path, lambda _r: path.unlink(missing_ok=True), failed):
            path.unlink(missing_ok=True)

    # --- refusals --------------------------------------------------------------------------
    def _problem(self, screen: RecruitCardScreen | RecruitPostScreen, message_id: str) -> None:
        screen.show_problem(self.shell.texts.lines(message_id))
        self.shell.say([(message_id, {})])

    def _failed(self, exc: Exception, screen: object = None) -> None:
        self.busy = False
        notice = notice_for(exc)
        page = screen or {"recruit_card": self.card, "recruit_call": self.call}.get(
            self.shell.current
        )
        show = getattr(page, "show_problem", None)
        if show is not None:
            show(self.shell.texts.compose([notice.message]))
            self.shell.announce(notice)
        else:
            self.shell.tell(notice)


def _slip_failed(exc: Exception) -> None:
    """No slip (no paper, printer off): the number is on the screen and said; staff see the
    printer's state on their screen."""
    log.warning("queue slip not printed: %s", getattr(exc, "reason", type(exc).__name__))


def _desk(services: Services) -> RecruitDesk:
    """The recruitment desk (always there once the store is open)."""
    desk = services.recruit
    if desk is None:
        raise RuntimeError("recruitment desk not wired")
    return desk
