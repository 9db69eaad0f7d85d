"""The pay question (PayFeature): when a worker's visit starts and a signed agreement's pay
date has passed without an answer, the kiosk asks first, with pictures and voice: paid in
full, partly, or not paid. The answer is kept and synced (``pay.confirm``); "ask me later"
keeps nothing, and the question comes again at the next tap."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.ui.feature import Feature
from kiosk.ui.shell import Services, Shell

if TYPE_CHECKING:
    from kiosk.domain.pay import PayAnswer, PayQuestion
    from kiosk.services.pay import PayDesk
    from kiosk.services.session import SessionView
    from kiosk.ui.complaint.flow import ComplaintFeature
    from kiosk.ui.pay.screen import PayScreen
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.visit.flow import VisitFeature


class PayFeature(Feature):
    """Asks about pay before home, when there is something to ask."""

    spoken = (
        "pay.title",
        "pay.saved",
        "pay.help",
        "pay.paid",
        "pay.partly",
        "pay.unpaid",
        "rate.title",
    )

    def __init__(self, shell: Shell, visit: VisitFeature, complaints: ComplaintFeature) -> None:
        super().__init__(shell)
        self.visit_ui, self.complaints = visit, complaints
        self.screen: PayScreen

    def build(self) -> list[Screen]:
        """The question screen."""
        from kiosk.ui.pay.screen import PayScreen  # noqa: PLC0415 - after the first frame

        self.screen = PayScreen(self.shell.theme, self.shell.texts)
        return [self.screen]

    def connect(self) -> None:
        """Every worker's visit may start with the question."""
        shell = self.shell
        shell.connect_bar(self.screen.bar)
        shell.visit_started.connect(self.visit_started)
        self.screen.answered.connect(self.answered)
        self.screen.complain_requested.connect(self.complaints.start)
        self.screen.rated.connect(self.rated)
        self.screen.later.connect(self.visit_ui.go_home)
        self.screen.home_requested.connect(self.visit_ui.go_home)

    def reset(self) -> None:
        """Nothing of the worker's agreement stays on the screen."""
        self.screen.clear()

    def visit_started(self, _view: SessionView) -> None:
        """Look for an agreement to ask about (home shows meanwhile)."""

        def find(s: Services) -> PayQuestion | None:
            worker = s.session.worker
            return None if worker is None else _desk(s).question(worker)

        self.shell.run(find, self._ask)

    def _ask(self, question: PayQuestion | None) -> None:
        visit = self.shell.visit
        if question is None or visit.view is None or self.shell.current != "home":
            return  # nothing to ask, the visit ended, or the worker already moved on
        visit.task_started()
        self.screen.ask(question)
        self.shell.go("pay")

    def answered(self, code: str, answer: PayAnswer) -> None:
        """Keep the answer (the screen already shows what comes next)."""

        def save(s: Services) -> None:
            worker = s.session.worker
            if worker is not None:
                _desk(s).answer(worker, code, answer)

        self.shell.run(save)

    def rated(self, code: str, face: str, ticks: dict[str, bool]) -> None:
        """Keep the worker's rating of the agreement's employer."""

        def save(s: Services) -> None:
            worker = s.session.worker
            if worker is not None and s.complaints is not None:
                s.complaints.rate(worker, code, face, ticks)

        self.shell.run(save)


def _desk(services: Services) -> PayDesk:
    desk = services.pay
    if desk is None:
        raise RuntimeError("pay desk not wired")
    return desk
