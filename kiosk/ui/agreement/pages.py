"""The pages of the signing wizard: the terms a section at a time (with what staff may change
where it is agreed differently), and each party's page: confirm who you are, then sign."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import Lang
from kiosk.ui.agreement.sections import Section
from kiosk.ui.texts import Message, Texts
from kiosk.ui.theme import MAIN_TARGET_MM, MIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.scrollbody import scroll_body
from kiosk.ui.widgets.signpad import SignaturePad

# What staff may change, on the section where it shows: (term, step, section).
AMENDMENTS = (("wage", 10, "pay"), ("end_date", 1, "time"), ("end_time", 30, "time"))


class _Amend(QWidget):
    """A term's label and its minus and plus buttons."""

    def __init__(self, theme: Theme, term: str) -> None:
        super().__init__()
        self.term = term
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.mm(3))
        self.label = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        size = (MIN_TARGET_MM * 1.6, MIN_TARGET_MM)
        self.less = BigButton(theme, "secondary", role="title", min_mm=size)
        self.more = BigButton(theme, "secondary", role="title", min_mm=size)
        self.less.set_lines([(Lang.EN, "−")])
        self.more.set_lines([(Lang.EN, "+")])
        row.addWidget(self.label, 1)
        row.addWidget(self.less)
        row.addWidget(self.more)


class TermsPage(QWidget):
    """One section large; ``amend_requested(term, sign)`` from its minus and plus buttons."""

    amend_requested = Signal(str, int)

    def __init__(self, theme: Theme, texts: Texts) -> None:
        super().__init__()
        self.texts = texts
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(theme.mm(3))
        # A long section (the parties, in both languages) scrolls by touch; the rules it
        # breaks stay in view below it.
        area, column = scroll_body(theme, "termsBody", spacing_mm=4)
        outer.addWidget(area, 1)
        self.heading = BiText(theme, "primary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.lines = BiText(theme, "primary", align=Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.heading)
        column.addWidget(self.lines)
        column.addStretch(1)
        # What staff may change stays in view under the section it belongs to.
        amends = QHBoxLayout()
        amends.setSpacing(theme.mm(8))
        self.amends: dict[str, _Amend] = {}
        for term, _step, _section in AMENDMENTS:
            amend = self.amends[term] = _Amend(theme, term)
            amend.less.clicked.connect(lambda _c=False, t=term: self.amend_requested.emit(t, -1))
            amend.more.clicked.connect(lambda _c=False, t=term: self.amend_requested.emit(t, 1))
            amends.addWidget(amend)
        amends.addStretch(1)
        outer.addLayout(amends)
        self.problems = BiText(
            theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft,
            colour=theme.palette.error_text,
        )  # fmt: skip
        self.problems.setObjectName("termsProblems")
        outer.addWidget(self.problems)
        self.section: Section | None = None
        self.problem_messages: list[Message] = []

    def show_section(self, section: Section, problems: list[Message]) -> None:
        """Show ``section`` and, below, every rule the terms break now."""
        self.section, self.problem_messages = section, problems
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current mode."""
        if self.section is None:
            return
        t = self.texts
        self.heading.set_lines(t.compose([self.section.heading]))
        self.lines.set_lines(t.compose(list(self.section.lines)))
        for term, _step, where in AMENDMENTS:
            amend = self.amends[term]
            amend.setVisible(where == self.section.name)
            amend.label.set_lines(t.lines(f"signing.amend.{term}"))
        self.problems.set_lines(t.compose(self.problem_messages))
        self.problems.setVisible(bool(self.problem_messages))


class PartyPage(QWidget):
    """Who is to confirm and sign; whether their card (or phone) is confirmed; the pad."""

    phone_checked = Signal()

    def __init__(self, theme: Theme, texts: Texts, role: str) -> None:
        super().__init__()
        self.texts, self.role = texts, role
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.mm(3))
        self.who = BiText(theme, "primary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.status = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.who)
        column.addWidget(self.status)
        # The pad takes the width; "sign again" (and the phone check) stand at its right.
        row = QHBoxLayout()
        row.setSpacing(theme.mm(4))
        self.pad = SignaturePad(theme)
        row.addWidget(self.pad, 1)
        buttons = QVBoxLayout()
        size = (MAIN_TARGET_MM * 2.2, MIN_TARGET_MM)
        self.phone = BigButton(theme, "staff", role="secondary", min_mm=size)
        self.phone.clicked.connect(self.phone_checked)
        self.phone.setVisible(role == "employer")
        self.clear = BigButton(theme, "secondary", role="secondary", min_mm=size)
        self.clear.clicked.connect(self.pad.clear)
        buttons.addWidget(self.phone)
        buttons.addStretch(1)
        buttons.addWidget(self.clear)
        row.addLayout(buttons)
        column.addLayout(row, 1)
        self.who_message: Message = ("", None, {})
        self.status_message: Message | None = None
        self.status_error = False
        self.theme = theme

    def reset(self, who: Message, phone_masked: str) -> None:
        """A new agreement: nobody confirmed, nothing drawn."""
        self.who_message = who
        self.confirmed(False)
        self.pad.clear()
        self.pad.setEnabled(False)
        self.phone.setEnabled(bool(phone_masked))
        self.retranslate()

    def confirmed(self, done: bool, method: str = "card") -> None:
        """The party's card (or phone) was confirmed: the pad opens."""
        self.pad.setEnabled(done)
        key = f"signing.confirmed_{method}" if done else f"signing.tap_{self.role}"
        self.tell((key, None, {}), error=False)

    def tell(self, message: Message, *, error: bool) -> None:
        """What the status line says (a refusal in the error colour)."""
        self.status_message, self.status_error = message, error
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t, pal = self.texts, self.theme.palette
        if self.who_message[0]:
            self.who.set_lines(t.compose([self.who_message]))
        self.status.colour = pal.error_text if self.status_error else pal.text
        self.status.set_lines(t.compose([self.status_message]) if self.status_message else [])
        self.clear.set_lines(t.lines("signing.clear"))
        self.phone.set_lines(t.lines("signing.phone_checked"))
