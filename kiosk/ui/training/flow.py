"""Skills-training booking (TrainingFeature, 技能培训预约): a home button opens the courses
that fit the worker (their trades first); one tap books a seat or a place on the waiting
list, offline too (the market decides after sync); a booking is cancelled with a second tap.
A booked course within a week is told on home at the worker's next tap, and spoken."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kiosk.domain.training import BRING, LANGUAGES, WHO, BookingStatus
from kiosk.i18n import Ref
from kiosk.ui.feature import Feature
from kiosk.ui.shell import Services, Shell

if TYPE_CHECKING:
    from kiosk.domain.training import Booking, Course
    from kiosk.services.session import SessionView
    from kiosk.services.training import BookResult, Offer, TrainingDesk
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.summary.flow import SummaryFeature
    from kiosk.ui.texts import Message
    from kiosk.ui.training.screen import TrainingScreen
    from kiosk.ui.visit.flow import VisitFeature
    from kiosk.ui.widgets.buttons import BigButton


class TrainingFeature(Feature):
    """The training screen, home's button, and the reminder on home."""

    spoken = (
        "training.title",
        "training.none",
        "training.name",
        "training.when",
        "training.place",
        "training.full",
        "training.seats_left",
        "training.free",
        "training.paid",
        *(f"training.lang.{lang}" for lang in LANGUAGES),
        *(f"training.who.{c}" for c in (*WHO, "list1", "list2", "list3")),
        *(f"training.bring.{c}" for c in (*BRING, "list1", "list2", "list3")),
        *(f"training.state.{s.value}" for s in BookingStatus),
        "training.state.waiting_at",
        *(f"training.result.{r}" for r in ("booked", "waiting", "already", "started")),
        "training.result.cancelled",
        "training.result.gone",
        "training.result.wish_kept",
        "training.result.wish_none",
        "training.wish_title",
        "training.cancel_ask",
        "training.remind",
        "summary.training_booked",
        "summary.training_waiting",
    )

    def __init__(self, shell: Shell, visit: VisitFeature, summary: SummaryFeature) -> None:
        super().__init__(shell)
        self.visit_ui, self.summary = visit, summary
        self.booked: dict[str, Message] = {}  # this visit's bookings, for the summary
        self.screen: TrainingScreen
        self.button: BigButton

    def build(self) -> list[Screen]:
        """The training screen; the home button."""
        from PySide6.QtCore import Qt  # noqa: PLC0415 - after the first frame

        from kiosk.ui.theme import MAIN_TARGET_MM, MIN_TARGET_MM  # noqa: PLC0415
        from kiosk.ui.training.screen import TrainingScreen  # noqa: PLC0415
        from kiosk.ui.widgets.buttons import BigButton  # noqa: PLC0415

        theme = self.shell.theme
        self.screen = TrainingScreen(theme, self.shell.texts, self.shell.today)
        self.button = BigButton(
            theme, "secondary", role="secondary", min_mm=(MAIN_TARGET_MM * 2, MIN_TARGET_MM)
        )
        self.button.setObjectName("homeTraining")
        self.visit_ui.home.action_row.insertWidget(0, self.button, 0, Qt.AlignmentFlag.AlignTop)
        return [self.screen]

    def connect(self) -> None:
        """Home's button opens the courses; every visit may start with a reminder."""
        shell = self.shell
        shell.connect_bar(self.screen.bar)
        self.button.clicked.connect(self.open)
        self.screen.home_requested.connect(self.visit_ui.go_home)
        self.screen.book_requested.connect(self.book)
        self.screen.cancel_requested.connect(self.cancel)
        self.screen.wish_chosen.connect(self.wish)
        self.screen.confirm_asked.connect(lambda: self._tell(("training.cancel_ask", None, {})))
        shell.visit_started.connect(self.visit_started)
        self.visit_ui.home.relabels.append(self._relabel)
        self._relabel()

    def _relabel(self) -> None:
        self.button.set_lines(self.shell.texts.lines("home.training"))

    def reset(self) -> None:
        """Nothing of the worker stays."""
        self.screen.clear()
        self.booked = {}
        self.visit_ui.home.set_note([], [], key="training")

    # --- the reminder ---------------------------------------------------------------------
    def visit_started(self, _view: SessionView) -> None:
        """Look for a booked course within a week (home shows meanwhile)."""
        self.shell.run(self._offer, self._remind)

    def _remind(self, offer: Offer | None) -> None:
        if offer is None or offer.soon is None or self.shell.visit.view is None:
            return
        from kiosk.ui.jobs.facts import day_ref  # noqa: PLC0415
        from kiosk.ui.texts import spoken  # noqa: PLC0415

        course, today = offer.soon, self.shell.today()
        start = course.starts_at
        said: list[Message] = [
            (
                "training.remind",
                None,
                {
                    "day": day_ref(start.date(), today),
                    "time": f"{start:%H:%M}",
                    "trade": Ref(f"jobtype.{course.job_type_code}"),
                    "place": Ref(f"place.{course.place_code}"),
                },
            )
        ]
        home = self.visit_ui.home
        home.set_note(self.shell.texts.compose(said), spoken(said), key="training")

    # --- the screen ---------------------------------------------------------------------
    def open(self) -> None:
        """Load the courses, then show them."""
        self.screen.tell(None)
        self.shell.run(self._offer, self._show)

    def _show(self, offer: Offer | None) -> None:
        if self.shell.visit.view is None:
            return
        self.screen.show_offer(offer)
        if self.shell.current != "training":
            self.shell.go("training")

    @staticmethod
    def _offer(s: Services) -> Offer | None:
        worker = s.session.worker
        return None if worker is None else _desk(s).offer(worker)

    def book(self, course: Course) -> None:
        """One tap books (a double tap books once: the desk finds the first)."""

        def keep(s: Services) -> tuple[BookResult, Offer | None]:
            worker = s.session.worker
            if worker is None:
                raise RuntimeError("no worker at the kiosk")
            result, _booking = _desk(s).book(worker, course)
            return result, _desk(s).offer(worker)

        def done(found: tuple[BookResult, Offer | None]) -> None:
            result, offer = found
            self._show(offer)
            self._tell((f"training.result.{result.value}", None, {}))
            if result.value in ("booked", "waiting"):
                self.booked[course.id] = _summary_line(course, result.value, self.shell.today())
                self.summary.note("training", list(self.booked.values()))

        self.shell.run(keep, done)

    def cancel(self, booking: Booking) -> None:
        """The second tap on "cancel": the booking goes (after sync, at the market too)."""

        def keep(s: Services) -> tuple[bool, Offer | None]:
            worker = s.session.worker
            if worker is None:
                raise RuntimeError("no worker at the kiosk")
            return _desk(s).cancel(worker, booking), _desk(s).offer(worker)

        def done(found: tuple[bool, Offer | None]) -> None:
            cancelled, offer = found
            self.booked.pop(booking.course_id, None)
            self.summary.note("training", list(self.booked.values()))
            self._show(offer)
            self._tell(
                ("training.result.cancelled" if cancelled else "training.result.gone", None, {})
            )

        self.shell.run(keep, done)

    def wish(self, code: str | None) -> None:
        """The worker's answer to "which trade would you like to learn" (asked once): kept,
        and the courses of that trade come first."""

        def keep(s: Services) -> Offer | None:
            worker = s.session.worker
            if worker is None:
                raise RuntimeError("no worker at the kiosk")
            _desk(s).wish(worker, code)
            return _desk(s).offer(worker)

        def done(offer: Offer | None) -> None:
            self._show(offer)
            self._tell(
                ("training.result.wish_kept" if code else "training.result.wish_none", None, {})
            )

        self.shell.run(keep, done)

    def _tell(self, message: Message) -> None:
        """Show the result under the title and say it."""
        from kiosk.ui.errors import Notice  # noqa: PLC0415

        self.screen.tell(message)
        self.shell.announce(Notice(message[0], kind="info"))


def _summary_line(course: Course, result: str, today: dt.date) -> Message:
    """What the visit summary says of a booking made in this visit."""
    from kiosk.ui.jobs.facts import day_ref  # noqa: PLC0415

    start = course.starts_at
    return (
        f"summary.training_{result}",
        None,
        {
            "trade": Ref(f"jobtype.{course.job_type_code}"),
            "day": day_ref(start.date(), today),
            "time": f"{start:%H:%M}",
            "place": Ref(f"place.{course.place_code}"),
        },
    )


def _desk(services: Services) -> TrainingDesk:
    desk = services.training
    if desk is None:
        raise RuntimeError("training desk not wired")
    return desk
