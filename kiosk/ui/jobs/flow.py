"""Finding work: home -> matched jobs -> one job -> "I want this job"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.domain.errors import JobUnavailableError
from kiosk.ui.feature import Feature
from kiosk.ui.shell import Services, Shell
from kiosk.ui.texts import spoken

if TYPE_CHECKING:
    from kiosk.domain.matching import Match
    from kiosk.ui.jobs.cover import CoverScreen
    from kiosk.ui.jobs.detail import JobDetailScreen
    from kiosk.ui.jobs.screens import JobsScreen
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.visit.flow import VisitFeature


class JobsFeature(Feature):
    """The matched list and the job detail; applying writes the application and its outbox row."""

    spoken = (
        "jobs.title",
        "jobs.none",
        "jobs.say_count",
        "jobs.say_more",
        "job.apply",
        "job.applied",
        "job.already_applied",
        "job.unavailable",
        "job.unpaid",
        "job.credit",
        "job.rated",
        "job.cover_yes",
        "job.cover_no",
        "cover.title",
        "cover.what",
        "cover.not",
        "cover.after",
        "cover.none",
    )

    def __init__(self, shell: Shell, visit: VisitFeature) -> None:
        super().__init__(shell)
        self.visit = visit
        self.list: JobsScreen
        self.detail: JobDetailScreen
        self.cover: CoverScreen

    def build(self) -> list[Screen]:
        """The list, the detail and what accident cover is."""
        from kiosk.ui.jobs.cover import CoverScreen  # noqa: PLC0415
        from kiosk.ui.jobs.detail import JobDetailScreen  # noqa: PLC0415
        from kiosk.ui.jobs.screens import JobsScreen  # noqa: PLC0415

        theme, texts = self.shell.theme, self.shell.texts
        self.list = JobsScreen(theme, texts, self.shell.today)
        self.detail = JobDetailScreen(theme, texts, self.shell.today)
        self.cover = CoverScreen(theme, texts)
        return [self.list, self.detail, self.cover]

    def connect(self) -> None:
        """Home's "find work", the filters, the list, the detail."""
        self.visit.home.find_work.clicked.connect(lambda: self.find_work("any", False, ""))
        for screen in (self.list, self.detail, self.cover):
            self.shell.connect_bar(screen.bar)
        self.list.filters_changed.connect(self.find_work)
        self.list.back_requested.connect(self.visit.go_home)
        self.list.job_chosen.connect(self._on_list_job_chosen)
        self.list.speak_requested.connect(self._on_card_speak_requested)
        self.detail.back_requested.connect(lambda: self.shell.go("jobs"))
        self.detail.apply_requested.connect(self._on_detail_apply_requested)
        self.detail.cover_requested.connect(lambda: self.shell.go("cover"))
        self.cover.back_requested.connect(lambda: self.shell.go("job"))

    def reset(self) -> None:
        """No list or job of the last worker stays."""
        self.list.show_matches([])
        self.detail.show_match(None)

    def find_work(self, day: str, same_day_pay: bool, trade: str = "") -> None:
        """Match the signed-in worker against the local jobs and show the list."""
        from kiosk.services.jobs import Filters  # noqa: PLC0415 - loads with the services

        view = self.shell.visit.view
        if view is None or not self.shell.visit.task_started():
            return
        filters = Filters(same_day_pay=same_day_pay, day=day, job_type=trade or None)
        self.list.day, self.list.same_day_pay, self.list.trade = day, same_day_pay, trade
        self.list.trades = sorted(view.skills)

        def matches(s: Services) -> list[Match]:
            worker = s.session.worker
            return [] if worker is None else s.jobs.matches(worker, filters)

        self.shell.run(matches, self._on_matches_loaded)

    def _on_matches_loaded(self, matches: list[Match]) -> None:
        if self.shell.visit.view is None:
            return  # the visit ended while matching ran
        self.list.show_matches(matches)
        if self.shell.current != "jobs":
            self.shell.go("jobs")

    def _on_card_speak_requested(self, match: Match) -> None:
        from kiosk.ui.jobs import facts  # noqa: PLC0415

        self.shell.say(spoken(facts.spoken_card(match, self.shell.today())))

    def _on_list_job_chosen(self, match: Match) -> None:
        self.detail.show_match(match)
        self.shell.go("job")

    def _on_detail_apply_requested(self, job_id: str) -> None:
        def apply(s: Services) -> str:
            worker = s.session.worker
            if worker is None:
                raise RuntimeError("no worker signed in")
            return s.jobs.apply(worker, job_id)

        self.shell.run(apply, self._on_applied, self._on_apply_failed)

    def _refresh_list(self) -> None:
        self.find_work(self.list.day, self.list.same_day_pay, self.list.trade)

    def _on_applied(self, _application_id: str) -> None:
        self.shell.show("job.applied")
        self.shell.applied.emit()
        self._refresh_list()

    def _on_apply_failed(self, exc: Exception) -> None:
        self.shell.report(exc)
        if isinstance(exc, JobUnavailableError):  # closed while they looked: the list again
            self._refresh_list()
