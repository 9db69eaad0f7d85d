"""The wage-arrears complaint (ComplaintFeature): from "not paid" or "partly" on the pay
question, or from home; filed with a case number at once, offline; a receipt printed; the
market's decision shown and spoken at the worker's next visit. Home also names the rights
desk's next session, and says it."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.ui.feature import Feature
from kiosk.ui.shell import Services, Shell

if TYPE_CHECKING:
    from kiosk.domain.complaint import CaseNews, Draft, RightsSession
    from kiosk.services.complaints import ComplaintDesk, Filed
    from kiosk.services.session import SessionView
    from kiosk.ui.complaint.done import FiledScreen, NewsScreen
    from kiosk.ui.complaint.screen import ComplaintScreen
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.visit.flow import VisitFeature
    from kiosk.ui.widgets.buttons import BigButton

log = logging.getLogger(__name__)


class ComplaintFeature(Feature):
    """The complaint screens, the home button and line, and the news at the next visit."""

    spoken = (
        "complaint.pick_title",
        "complaint.employer_title",
        "complaint.amount_title",
        "complaint.amount_hint",
        "complaint.amount_more",
        "complaint.amount_optional",
        "complaint.confirm_title",
        "complaint.who",
        "complaint.who_unknown",
        "complaint.period",
        "complaint.amount",
        "complaint.amount_unknown",
        "complaint.done_title",
        "complaint.case",
        "complaint.joined",
        "complaint.print_printing",
        "complaint.print_printed",
        "complaint.print_failed",
        "complaint.hotline",
        "complaint.next_visit",
        "complaint.news_title",
        "complaint.ask_staff",
        "complaint.outcome.",
        "rights.next",
        "rights.hours",
    )

    def __init__(
        self, shell: Shell, visit: VisitFeature, station: str, paper: str, desk_hours: str
    ) -> None:
        super().__init__(shell)
        self.visit_ui, self.station, self.paper = visit, station, paper
        self.desk_hours = desk_hours
        self.screen: ComplaintScreen
        self.done: FiledScreen
        self.news_screen: NewsScreen
        self.button: BigButton
        self.waiting: list[CaseNews] = []
        self.filed: Filed | None = None
        self.printed: Path | None = None
        self.session: RightsSession | None = None

    def build(self) -> list[Screen]:
        """The complaint, the filed complaint, the news; the home button."""
        from PySide6.QtCore import Qt  # noqa: PLC0415

        from kiosk.ui.complaint.done import FiledScreen, NewsScreen  # noqa: PLC0415
        from kiosk.ui.complaint.screen import ComplaintScreen  # noqa: PLC0415
        from kiosk.ui.theme import MAIN_TARGET_MM, MIN_TARGET_MM  # noqa: PLC0415
        from kiosk.ui.widgets.buttons import BigButton  # noqa: PLC0415

        theme, texts = self.shell.theme, self.shell.texts
        self.screen = ComplaintScreen(theme, texts)
        self.done = FiledScreen(theme, texts, self.desk_hours, self.shell.today)
        self.news_screen = NewsScreen(theme, texts)
        self.button = BigButton(
            theme, "secondary", role="secondary", min_mm=(MAIN_TARGET_MM * 2.5, MIN_TARGET_MM)
        )
        self.button.setObjectName("homeComplain")
        self.visit_ui.home.action_row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        return [self.screen, self.done, self.news_screen]

    def connect(self) -> None:
        """Home's button starts a complaint; every visit may start with news."""
        shell = self.shell
        for bar in (self.screen.bar, self.done.bar, self.news_screen.bar):
            shell.connect_bar(bar)
        self.button.clicked.connect(lambda: self.start(None))
        shell.visit_started.connect(self.visit_started)
        self.visit_ui.home.relabels.append(self._relabel)
        self.visit_ui.before_home.append(self._news_first)
        self.screen.employers_wanted.connect(self._load_employers)
        self.screen.filed.connect(self.file)
        self.done.home_requested.connect(self.visit_ui.go_home)
        self.done.reprint_requested.connect(self.print_receipt)
        self.news_screen.seen.connect(self._next_news)
        self._relabel()

    def _relabel(self) -> None:
        self.button.set_lines(self.shell.texts.lines("home.complain"))
        self._show_session()

    def reset(self) -> None:
        """Nothing of the worker stays (the receipt's file neither)."""
        self.waiting, self.filed, self.session = [], None, None
        self.screen.clear()
        self.done.clear()
        self.news_screen.clear()
        self.visit_ui.home.set_note([], [])
        if self.printed is not None:
            self.printed.unlink(missing_ok=True)
            self.printed = None

    # --- at the start of a visit ------------------------------------------------------------
    def visit_started(self, _view: SessionView) -> None:
        """Load the rights desk's next session for home, and any news to tell."""

        def find(s: Services) -> tuple[RightsSession | None, list[CaseNews]]:
            worker = s.session.worker
            desk = _desk(s)
            return desk.next_session(), ([] if worker is None else desk.news(worker))

        self.shell.run(find, self._found)

    def _found(self, found: tuple[RightsSession | None, list[CaseNews]]) -> None:
        if self.shell.visit.view is None:
            return
        self.session, self.waiting = found
        self._show_session()
        if self.shell.current == "home":  # else (the pay question first) on the way home
            self._news_first()

    def _news_first(self) -> bool:
        """Show waiting news (True), or let home show (False)."""
        if not self.waiting or self.shell.visit.view is None:
            return False
        self.shell.visit.task_started()
        self._next_news(first=True)
        return True

    def _show_session(self) -> None:
        from kiosk.ui.complaint.words import session  # noqa: PLC0415

        if self.shell.visit.view is None:
            return
        line = session(self.session, self.shell.today(), self.desk_hours)
        msgid, _n, values = line
        self.visit_ui.home.set_note(self.shell.texts.compose([line]), [(msgid, values)])

    def _next_news(self, first: bool = False) -> None:
        if not first and self.news_screen.news is not None:
            told = self.news_screen.news
            self.shell.run(lambda s: _desk(s).told(told))
        if not self.waiting:
            self.news_screen.clear()
            self.visit_ui.go_home()
            return
        self.news_screen.show_news(self.waiting.pop(0))
        self.shell.go("complaint_news")

    # --- the complaint ----------------------------------------------------------------------
    def start(self, code: str | None) -> None:
        """A complaint: about agreement ``code`` (from the pay question), or picked."""

        def choices(s: Services) -> list[Draft]:
            worker = s.session.worker
            return [] if worker is None else _desk(s).choices(worker)

        def show(found: list[Draft]) -> None:
            if self.shell.visit.view is None:
                return
            chosen = next((d for d in found if d.agreement_code == code), None)
            self.shell.visit.task_started()
            self.screen.start(found, chosen)
            self.shell.go("complaint")

        self.shell.run(choices, show)

    def _load_employers(self) -> None:
        self.shell.run(lambda s: _desk(s).employers(), self.screen.show_employers)

    def file(self, draft: Draft) -> None:
        """Keep the complaint, show its number, print its receipt."""

        def keep(s: Services) -> Filed | None:
            worker = s.session.worker
            return None if worker is None else _desk(s).file(worker, draft)

        def filed(result: Filed | None) -> None:
            if result is None or self.shell.visit.view is None:
                return
            self.filed = result
            has_printer = self.shell.services is not None and self.shell.services.printer
            self.done.show_filed(result, "" if has_printer else "none")
            self.shell.go("complaint_done")
            self.print_receipt()

        def failed(exc: Exception) -> None:
            log.warning("complaint not kept: %s", type(exc).__name__)
            self.screen.next.setEnabled(True)
            self.shell.show("complaint.not_kept", "error")

        self.shell.run(keep, filed, failed)

    def print_receipt(self) -> None:
        """Print the receipt, off the GUI thread; the screen never waits."""
        from kiosk.ui.complaint.words import receipt, session  # noqa: PLC0415
        from kiosk.ui.summary.paper import write_summary  # noqa: PLC0415 - Qt PDF, on use

        f = self.filed
        if f is None or self.done.print_state in ("printing", "none"):
            return
        fd, name = tempfile.mkstemp(prefix="complaint-", suffix=".pdf")
        os.close(fd)
        if self.printed is not None:
            self.printed.unlink(missing_ok=True)
        self.printed = path = Path(name)
        desk = session(f.session, self.shell.today(), self.desk_hours)
        messages = receipt(f, self.shell.clock.now(), desk, self.station)
        write_summary(
            path,
            self.shell.texts.catalog,
            messages,
            paper=self.paper,
            title_id="complaint.receipt_title",
        )

        def failed(exc: Exception) -> None:
            log.warning(
                "complaint receipt not printed: %s", getattr(exc, "reason", type(exc).__name__)
            )
            self.done.set_print_state("failed")

        if self.shell.print_pdf(path, lambda _r: self.done.set_print_state("printed"), failed):
            self.done.set_print_state("printing")


def _desk(services: Services) -> ComplaintDesk:
    desk = services.complaints
    if desk is None:
        raise RuntimeError("complaint desk not wired")
    return desk
