"""The room's queue as the employer sees it (the workers checked in today, those of the
job's trade first: number, masked name, trades and years, ratings, "call"), and the call:
the number huge on the screen and said aloud in both languages until its worker taps."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain.privacy import mask_name
from kiosk.domain.recruit import Posted, Waiting
from kiosk.i18n import Lang, Ref
from kiosk.ui.recruit.screens import LEFT, _Page
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.scrollbody import scroll_body
from kiosk.ui.widgets.section import frame_card

SHOWN = 12  # rows on the list; the rest wait for the next call
TRADES_SHOWN = 3
NUMBER_SCALE = 3


def job_values(job: Posted, today: Any) -> dict[str, Any]:
    """The job as every recruitment line names it."""
    day = "recruit.today" if job.starts_at.date() == today else "recruit.tomorrow"
    return {
        "trade": Ref(f"jobtype.{job.job_type_code}"),
        "wage": job.day_wage,
        "day": Ref(day),
        "time": f"{job.starts_at:%H:%M}",
        "slots": job.slots,
    }


class _Row(QFrame):
    """One waiting worker."""

    def __init__(self, theme: Theme, call: Any) -> None:
        super().__init__()
        frame_card(self, theme, "recruitRow")
        row = QHBoxLayout(self)
        pad = theme.mm(3)
        row.setContentsMargins(pad, pad, pad, pad)
        row.setSpacing(theme.mm(6))
        self.number = BiText(theme, "huge", bold=True)
        self.number.setMinimumWidth(theme.mm(40))
        row.addWidget(self.number)
        column = QVBoxLayout()
        self.who = BiText(theme, "secondary", bold=True, align=LEFT)
        self.trades = BiText(theme, "small", align=LEFT)
        for widget in (self.who, self.trades):
            column.addWidget(widget)
        row.addLayout(column, 1)
        # Ratings beside the button, so that a row is four lines tall in two languages.
        side = QVBoxLayout()
        self.rating = BiText(
            theme, "small", align=Qt.AlignmentFlag.AlignRight, colour=theme.palette.muted
        )
        self.rating.setMaximumWidth(theme.mm(110))
        self.call = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 2.2, MAIN_TARGET_MM))
        self.call.clicked.connect(lambda: call(self.waiting))
        side.addWidget(self.rating)
        side.addWidget(self.call, 0, Qt.AlignmentFlag.AlignRight)
        row.addLayout(side)
        self.waiting: Waiting | None = None

    def show_worker(self, texts: Texts, waiting: Waiting | None) -> None:
        self.waiting = waiting
        self.setVisible(waiting is not None)
        if waiting is None:
            return
        self.number.set_lines([(Lang.EN, str(waiting.number))])
        self.who.set_lines(
            texts.lines("recruit.fits" if waiting.fits else "recruit.other_trade",
                        name=mask_name(waiting.name))
        )  # fmt: skip
        trades = [
            texts.plural_lines("recruit.trade_years", years, trade=Ref(f"jobtype.{code}"))
            for code, years in waiting.trades[:TRADES_SHOWN]
        ]
        lines = [ln for t in trades for ln in t] or texts.lines("home.no_skills")
        self.trades.set_lines(_joined(lines))
        faces = waiting.rating
        self.rating.set_lines(
            texts.plural_lines("home.rating", faces.total, good=faces.good, ok=faces.ok,
                               bad=faces.bad)
            if faces.total else texts.lines("home.no_rating")
        )  # fmt: skip
        self.call.set_lines(texts.lines("recruit.call_again" if waiting.called else "recruit.call"))


def _joined(lines: list[tuple[Lang, str]]) -> list[tuple[Lang, str]]:
    """Several trades on one line per language ("搬运 5 年 · 泥瓦 2 年")."""
    out: dict[Lang, list[str]] = {}
    for lang, text in lines:
        out.setdefault(lang, []).append(text)
    return [(lang, " · ".join(texts)) for lang, texts in out.items()]


class RecruitQueueScreen(_Page):
    """``call_requested(number, worker_id)``; ``another_requested``: post one more job."""

    name = "recruit_queue"
    prompt_id = "recruit.queue_title"
    call_requested = Signal(int, str)

    def __init__(
        self, theme: Theme, texts: Texts, today: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(theme, texts, parent)
        self.today = today
        # The job is the page's title: the room's list needs the height.
        self.title.hide()
        self.job_line = BiText(theme, "primary", bold=True, align=LEFT)
        self.job_line.setObjectName("recruitJob")
        self.body.addWidget(self.job_line)
        self.count = BiText(theme, "secondary", align=LEFT)
        self.body.addWidget(self.count)
        area, column = scroll_body(theme, "recruitQueue", spacing_mm=3)
        self.rows = [_Row(theme, self._call) for _ in range(SHOWN)]
        for row in self.rows:
            column.addWidget(row)
        column.addStretch(1)
        self.body.addWidget(area, 1)
        self.job: Posted | None = None
        self.waiting: list[Waiting] | None = None

    def show_queue(self, job: Posted | None, waiting: list[Waiting] | None) -> None:
        """The job and who waits for it (None: loading)."""
        self.job, self.waiting = job, waiting
        self.problem_lines = []
        self.retranslate()

    def _call(self, waiting: Waiting | None) -> None:
        if waiting is not None:
            self.call_requested.emit(waiting.number, waiting.worker_id)

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """The job, then how many wait (or that nobody does yet)."""
        if self.job is None:
            return [(self.prompt_id, {})]
        said = [("recruit.job_line", job_values(self.job, self.today()))]
        fitting = sum(1 for w in self.waiting or [] if w.fits)
        if self.waiting:
            return [*said, ("recruit.queue_count", {"n": fitting, "all": len(self.waiting)})]
        return [*said, ("recruit.queue_empty", {})]

    def retranslate(self) -> None:
        """Texts in the current mode."""
        super().retranslate()
        t = self.texts
        self.title.set_lines(t.lines("recruit.queue_title"))
        job, waiting = self.job, self.waiting or []
        self.job_line.set_lines(
            [] if job is None else t.lines("recruit.job_line", **job_values(job, self.today()))
        )
        for i, row in enumerate(self.rows):
            row.show_worker(t, waiting[i] if i < len(waiting) else None)
        fitting = sum(1 for w in waiting if w.fits)
        if self.waiting is None:
            self.count.set_lines(t.lines("recruit.loading"))
        elif not waiting:
            self.count.set_lines(t.lines("recruit.queue_empty"))
        else:
            self.count.set_lines(t.plural_lines("recruit.queue_count", fitting, all=len(waiting)))
        self.main.set_lines(t.lines("recruit.done"))
        self.problem.set_lines(self.problem_lines)


class RecruitCallScreen(_Page):
    """The number called, huge; its worker's tap takes the job (the flow hears the tap).
    ``call_again`` says it once more; "back" returns to the list."""

    name = "recruit_call"
    prompt_id = "recruit.calling"

    def __init__(
        self, theme: Theme, texts: Texts, today: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(theme, texts, parent)
        self.today = today
        # The number the room listens for, readable from across it (three times "huge").
        self.number = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.number.setObjectName("recruitNumber")
        font = theme.font(Lang.EN, "huge", bold=True)
        font.setPixelSize(theme.pixel_size("huge") * NUMBER_SCALE)
        self.number.setFont(font)
        self.number.setStyleSheet(f"color: {theme.palette.primary_bg};")
        self.body.addStretch(1)
        self.body.addWidget(self.number)
        self.what = BiText(theme, "primary", bold=True)
        self.job_line = BiText(theme, "primary")
        self.body.addWidget(self.what)
        self.body.addWidget(self.job_line)
        self.body.addStretch(1)
        self.job: Posted | None = None
        self.called = 0

    def show_call(self, job: Posted | None, number: int) -> None:
        """Number ``number`` is called for ``job`` (None: nothing called)."""
        self.job, self.called = job, number
        self.problem_lines = []
        self.retranslate()

    def prompt(self) -> tuple[str, dict[str, Any]]:
        """The number and what to do, in both languages (Tibetan from number clips)."""
        if self.job is None:
            return "recruit.call_title", {}
        trade = Ref(f"jobtype.{self.job.job_type_code}")
        return self.prompt_id, {"number": self.called, "trade": trade}

    def retranslate(self) -> None:
        """Texts in the current mode."""
        super().retranslate()
        t = self.texts
        self.title.set_lines(t.lines("recruit.call_title"))
        job = self.job
        self.number.setText("" if job is None else str(self.called))
        values = {} if job is None else job_values(job, self.today())
        self.what.set_lines(
            []
            if job is None
            else t.lines("recruit.calling", number=self.called, trade=values["trade"])
        )
        self.job_line.set_lines([] if job is None else t.lines("recruit.job_line", **values))
        self.main.set_lines(t.lines("recruit.call_again"))
        self.problem.set_lines(self.problem_lines)
