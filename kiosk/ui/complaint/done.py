"""After filing: the case number, its receipt, where help is next; and at a later visit,
what the market decided."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.complaint import CaseNews
from kiosk.i18n import Lang
from kiosk.services.complaints import Filed
from kiosk.ui.complaint import words
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.session_bar import SessionBar
from kiosk.ui.texts import Message, Texts, spoken
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.scrollbody import scroll_body

PRINT_STATES = ("printing", "printed", "failed")


class FiledScreen(Screen):
    """``reprint_requested``; ``home_requested``."""

    name = "complaint_done"
    prompt_id = "complaint.done_title"
    in_session = True
    reprint_requested = Signal()
    home_requested = Signal()
    prompt_changed = Signal()

    def __init__(
        self, theme: Theme, texts: Texts, desk_hours: str, today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(theme, texts, parent)
        self.desk_hours, self.today = desk_hours, today
        root = QVBoxLayout(self)
        m = theme.mm(6)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(3))
        self.title = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.code = BiText(theme, "huge", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.code.setObjectName("caseNumber")
        root.addWidget(self.title)
        root.addWidget(self.code)
        area, body = scroll_body(theme, "complaintDone", spacing_mm=3)
        self.lines = BiText(theme, "secondary", align=Qt.AlignmentFlag.AlignLeft)
        self.printout = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        body.addWidget(self.printout)
        body.addWidget(self.lines)
        body.addStretch(1)
        root.addWidget(area, 1)
        row = QHBoxLayout()
        self.reprint = BigButton(
            theme, "secondary", role="secondary", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM)
        )
        self.reprint.clicked.connect(self.reprint_requested)
        self.home = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM))
        self.home.clicked.connect(self.home_requested)
        row.addWidget(self.reprint)
        row.addWidget(self.home)
        self.bar = SessionBar(theme, texts, middle=_wrap(row))
        root.addWidget(self.bar)
        self.filed: Filed | None = None
        self.print_state = ""  # "", "printing", "printed", "failed", "none"

    def show_filed(self, filed: Filed, print_state: str) -> None:
        """A complaint just filed."""
        self.filed, self.print_state = filed, print_state
        self.retranslate()

    def set_print_state(self, state: str) -> None:
        """The receipt's state moved."""
        self.print_state = state
        self.retranslate()
        self.prompt_changed.emit()

    def clear(self) -> None:
        """Forget the complaint (the visit ended)."""
        self.filed, self.print_state = None, ""

    def _messages(self) -> list[Message]:
        f = self.filed
        if f is None:
            return []
        # Where help is next comes first: it is what the worker acts on.
        return [
            *([("complaint.joined", None, {})] if f.joined else []),
            words.session(f.session, self.today(), self.desk_hours),
            ("complaint.hotline", None, {}),
            ("complaint.next_visit", None, {}),
            *words.summary(f.draft),
        ]

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """Filed, the case number read out, the receipt, where help is next."""
        f = self.filed
        if f is None:
            return []
        said: list[Message] = [
            (self.prompt_id, None, {}),
            ("complaint.case", None, {"case": words.spaced(f.case_no)}),
        ]
        if self.print_state in PRINT_STATES:
            said.append((f"complaint.print_{self.print_state}", None, {}))
        return spoken([*said, *self._messages()])

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        self.title.set_lines(t.lines(self.prompt_id))
        f = self.filed
        self.code.set_lines([(Lang.EN, f.case_no)] if f else [])
        state = self.print_state
        shown = state in PRINT_STATES
        self.printout.set_lines(t.lines(f"complaint.print_{state}") if shown else [])
        self.printout.setVisible(shown)
        self.lines.set_lines(t.compose(self._messages()))
        self.reprint.set_lines(t.lines("complaint.reprint"))
        self.reprint.setVisible(state not in ("", "none"))
        self.reprint.setEnabled(state != "printing")
        self.home.set_lines(t.lines("pay.home"))


class NewsScreen(Screen):
    """What the market decided about a complaint: ``seen`` on "OK"."""

    name = "complaint_news"
    prompt_id = "complaint.news_title"
    in_session = True
    seen = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        root = QVBoxLayout(self)
        m = theme.mm(6)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(4))
        self.title = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.outcome = BiText(theme, "primary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.help = BiText(theme, "secondary", align=Qt.AlignmentFlag.AlignLeft)
        for w in (self.title, self.outcome, self.help):
            root.addWidget(w)
        root.addStretch(1)
        self.ok = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 4, MAIN_TARGET_MM))
        self.ok.clicked.connect(self.seen)
        self.bar = SessionBar(theme, texts, middle=self.ok)
        root.addWidget(self.bar)
        self.news: CaseNews | None = None

    def show_news(self, news: CaseNews) -> None:
        """One decision."""
        self.news = news
        self.retranslate()

    def clear(self) -> None:
        """Forget it (the visit ended)."""
        self.news = None

    def prompt(self) -> tuple[str, dict[str, Any]]:
        """The title with the case number read out."""
        return self.prompt_id, {"case": words.spaced(self.news.case_no) if self.news else ""}

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """The case, what was decided, and that staff can say more."""
        n = self.news
        if n is None:
            return []
        title, *rest = words.outcome(n)
        spoken_title = (title[0], None, {"case": words.spaced(n.case_no)})
        return spoken([spoken_title, *rest, ("complaint.ask_staff", None, {})])

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        n = self.news
        messages = words.outcome(n) if n else []
        self.title.set_lines(t.compose(messages[:1]))
        self.outcome.set_lines(t.compose(messages[1:]))
        self.help.set_lines(t.lines("complaint.ask_staff") if n else [])
        self.ok.set_lines(t.lines("common.ok"))


def _wrap(row: QHBoxLayout) -> QWidget:
    holder = QWidget()
    row.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(row)
    return holder
