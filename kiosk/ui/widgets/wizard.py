"""A step wizard: one task per step, a progress count, back and next, and paging inside a
step kept apart from moving to the next step (profile filing, the agreement, a complaint).

The wizard owns the chrome and the position; the screen that hosts it owns the steps' pages
and words. ``moved`` fires whenever the position changes (the voice speaks the new title);
``finished`` when "next" is pressed on the last step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk.i18n import Lang
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, MIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton


def _one() -> int:
    return 1


def _go(_part: int) -> bool:
    return True


@dataclass
class Step:
    """One step: its page, how many parts it pages through now, and its gate.

    ``leave(part)`` runs when "next" is pressed on the step's last part; False keeps the
    person on the step (the step shows why). ``next_label`` names the next button's text;
    ``more_label`` its text on a part that is not the last ("more trades"), so turning a
    page never looks like moving to the next step.
    """

    name: str
    page: QWidget
    parts: Callable[[], int] = field(default=_one)
    leave: Callable[[int], bool] = field(default=_go)
    next_label: str = "common.next"
    more_label: str = ""


class StepWizard(QWidget):
    """Back, title and progress above; the hint; the step's page; ``next`` for the bar."""

    moved = Signal()
    finished = Signal()
    left = Signal()  # "back" on the first step, when ``can_leave`` (an edit: back home)

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = texts
        self.steps: list[Step] = []
        self.index = self.part = self.first = 0
        self.can_leave = False
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(theme.mm(3))
        top = QHBoxLayout()
        self.back = BigButton(
            theme, "secondary", role="secondary", min_mm=(MAIN_TARGET_MM * 1.6, MIN_TARGET_MM)
        )
        self.title = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.progress = QLabel()
        self.progress.setFont(theme.font(Lang.EN, "secondary", bold=True))
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.title, 1)
        top.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(top)
        self.hint = BiText(
            theme, "secondary", align=Qt.AlignmentFlag.AlignLeft, colour=theme.palette.muted
        )
        root.addWidget(self.hint)
        self.pages = QStackedWidget()
        root.addWidget(self.pages, 1)
        # Not laid out here: the hosting screen puts it in its session bar.
        self.next = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 4, MAIN_TARGET_MM))
        self.back.clicked.connect(self.go_back)
        self.next.clicked.connect(self.go_next)

    def add(self, step: Step) -> None:
        """Append a step (in order)."""
        self.steps.append(step)
        self.pages.addWidget(step.page)

    @property
    def step(self) -> Step:
        """The current step."""
        return self.steps[self.index]

    def start(self, first: int = 0) -> None:
        """From step ``first`` (earlier steps cannot be reached by "back")."""
        self.first = first
        self.show_step(first)

    def show_step(self, index: int, part: int = 0) -> None:
        """Jump to a step (no gate, no ``moved``): for starting, screenshots and tests."""
        self.index, self.part = index, part
        self.refresh()

    def go_back(self) -> None:
        """The previous part of this step, else the last part of the previous step."""
        if self.part > 0:
            self.part -= 1
        elif self.index > self.first:
            self.index -= 1
            self.part = max(0, self.step.parts() - 1)
        else:
            if self.can_leave:
                self.left.emit()
            return
        self.refresh()
        self.moved.emit()

    def go_next(self) -> None:
        """The next part of this step; on its last part, the gate, then the next step."""
        if self.part < self.step.parts() - 1:
            self.part += 1
        elif not self.step.leave(self.part):
            return
        elif self.index == len(self.steps) - 1:
            self.finished.emit()
            return
        else:
            self.index, self.part = self.index + 1, 0
        self.refresh()
        self.moved.emit()

    def skip(self) -> None:
        """On to the next step without its gate (a "skip" button on the page)."""
        if self.index < len(self.steps) - 1:
            self.index, self.part = self.index + 1, 0
            self.refresh()
            self.moved.emit()

    def refresh(self) -> None:
        """The chrome for the current position in the current mode (the host sets the
        title and hint, which depend on what the step asks)."""
        self.part = min(self.part, max(0, self.step.parts() - 1))
        self.pages.setCurrentIndex(self.index)
        parts = self.step.parts()
        where = f"{self.index + 1} / {len(self.steps)}"
        self.progress.setText(f"{where} · {self.part + 1}/{parts}" if parts > 1 else where)
        self.back.set_lines(self.texts.lines("common.back"))
        self.back.setVisible(self.can_leave or (self.index, self.part) > (self.first, 0))
        more = self.part < parts - 1 and self.step.more_label
        self.next.set_lines(
            self.texts.lines(self.step.more_label if more else self.step.next_label)
        )
