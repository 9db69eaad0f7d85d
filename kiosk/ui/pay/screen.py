"""The pay question: which agreement (employer, trade, days, wage), and three big answers
with pictures: paid in full, partly, not paid; "ask me later" keeps the question. After
"partly" or "not paid" the screen says where help is (the rights desk and its hours,
12333) and that staff can help now."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.pay import PayAnswer, PayQuestion
from kiosk.domain.registry.trust import FACES, TAGS
from kiosk.i18n import Ref
from kiosk.ui.agreement.sections import date_ref
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.session_bar import SessionBar
from kiosk.ui.texts import Message, Texts, spoken
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.scrollbody import scroll_body

# ✓ ½ ✗: drawn in the button's own colour (a coloured emoji failed the contrast audit).
PICTURES = {PayAnswer.PAID: "\u2713", PayAnswer.PARTLY: "\u00bd", PayAnswer.UNPAID: "\u2717"}
# ☺ ‒ ☹: line drawings in the button's colour, as above.
FACE_PICTURES = {"good": "\u263a", "ok": "\u2012", "bad": "\u2639"}


def what(question: PayQuestion) -> Message:
    """The agreement as the worker knows it: who, which work, which days, how much."""
    return (
        "pay.what_day" if question.per_day else "pay.what_job",
        None,
        {
            "employer": question.employer_name,
            "trade": Ref(f"jobtype.{question.trade_code}"),
            "start": date_ref(question.start_date),
            "end": date_ref(question.end_date),
            "wage": question.wage,
        },
    )


class PayScreen(Screen):
    """``answered(code, PayAnswer)``; ``later`` (nothing kept); ``home_requested``."""

    name = "pay"
    prompt_id = "pay.title"
    in_session = True
    answered = Signal(str, object)
    complain_requested = Signal(str)  # the agreement's code
    rated = Signal(str, str, object)  # code, face, ticks
    later = Signal()
    home_requested = Signal()
    prompt_changed = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        root = QVBoxLayout(self)
        m = theme.mm(6)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(3))
        self.title = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.what = BiText(theme, "secondary", align=Qt.AlignmentFlag.AlignLeft)
        root.addWidget(self.title)
        # Below the title everything scrolls by touch when long Tibetan dates and a waiting
        # call take the room; the title and the bar stay put.
        area, body = scroll_body(theme, "payBody", spacing_mm=3)
        root.addWidget(area, 1)
        body.addWidget(self.what)
        row = QHBoxLayout()
        row.setSpacing(theme.mm(6))
        self.answers: dict[PayAnswer, BigButton] = {}
        for answer in PayAnswer:
            button = BigButton(
                theme, "primary", role="title", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM * 1.5)
            )
            button.clicked.connect(lambda _c=False, a=answer: self._answer(a))
            row.addWidget(button)
            self.answers[answer] = button
        body.addLayout(row)
        self._build_after(theme, body)
        body.addStretch(1)
        # Where help is, after "partly" or "not paid": under the title, always in view.
        self.help = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        root.insertWidget(1, self.help)
        self.ask_later = BigButton(
            theme, "secondary", role="secondary", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM)
        )
        self.ask_later.clicked.connect(self._later_or_home)
        self.bar = SessionBar(theme, texts, middle=self.ask_later)
        root.addWidget(self.bar)
        self.question: PayQuestion | None = None
        self.given: PayAnswer | None = None
        self.face: str | None = None
        self.ticked: dict[str, bool] = {}

    def _build_after(self, theme: Theme, body: QVBoxLayout) -> None:
        """What shows after the answer: the complaint button and the rating."""
        self.complain = BigButton(
            theme, "primary", min_mm=(MAIN_TARGET_MM * 3.5, MAIN_TARGET_MM * 1.5)
        )
        self.complain.setObjectName("payComplain")
        self.complain.clicked.connect(self._complain)
        # After the answer, side by side so both stay in view in two languages: the
        # complaint, and how the employer was (three faces, then three ticks).
        after = QHBoxLayout()
        after.setSpacing(theme.mm(10))
        after.addWidget(self.complain, 0, Qt.AlignmentFlag.AlignTop)
        rating = QVBoxLayout()
        after.addLayout(rating, 1)
        body.addLayout(after)
        self.rate_title = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        rating.addWidget(self.rate_title)
        self.faces: dict[str, BigButton] = {}
        self.ticks: dict[str, BigButton] = {}
        for names, store, style in (
            (FACES, self.faces, "primary"),
            (TAGS, self.ticks, "secondary"),
        ):
            line = QHBoxLayout()
            line.setSpacing(theme.mm(6))
            for name in names:
                b = BigButton(
                    theme, "secondary", role=style, min_mm=(MAIN_TARGET_MM * 2.5, MAIN_TARGET_MM)
                )
                b.setObjectName(f"rate_{name}")
                b.clicked.connect(lambda _c=False, n=name: self._rate(n))
                line.addWidget(b)
                store[name] = b
            line.addStretch(1)
            rating.addLayout(line)

    def ask(self, question: PayQuestion) -> None:
        """Ask about ``question``; nothing answered yet."""
        self.question, self.given = question, None
        self.face, self.ticked = None, {}
        self.retranslate()

    def clear(self) -> None:
        """Forget the question (the visit ended)."""
        self.question, self.given = None, None
        self.face, self.ticked = None, {}

    def _complain(self) -> None:
        if self.question is not None:
            self.complain_requested.emit(self.question.code)

    def _rate(self, name: str) -> None:
        """A face sets the rating; a tick (after a face) turns on or off; each is kept."""
        if self.question is None or self.given is None:
            return
        if name in FACES:
            self.face = name
        elif self.face is None:
            return
        else:
            self.ticked[name] = not self.ticked.get(name, False)
        ticks = {k: v for k, v in self.ticked.items() if v}
        self.rated.emit(self.question.code, self.face, ticks)
        self.retranslate()

    def _answer(self, answer: PayAnswer) -> None:
        if self.question is None or self.given is not None:
            return  # one answer a question: a second tap does nothing
        self.given = answer
        self.answered.emit(self.question.code, answer)
        self.retranslate()
        self.prompt_changed.emit()

    def _later_or_home(self) -> None:
        if self.given is None:
            self.later.emit()
        else:
            self.home_requested.emit()

    def _help(self) -> list[Message]:
        q = self.question
        if q is not None and self.given in (PayAnswer.PARTLY, PayAnswer.UNPAID):
            return [("pay.help", None, {"desk": q.desk, "hours": q.desk_hours})]
        return []

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """The question with its agreement, or (after an answer) where help is."""
        if self.question is None:
            return []
        if self.given is not None:
            name = {"employer": self.question.employer_name}
            return spoken([("pay.saved", None, {}), *self._help(), ("rate.title", None, name)])
        return spoken([(self.prompt_id, None, {}), what(self.question)])

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        self.title.set_lines(t.lines("pay.saved" if self.given is not None else "pay.title"))
        self.what.set_lines(t.compose([what(self.question)]) if self.question else [])
        for answer, button in self.answers.items():
            # The picture leads the top line: two lines a button, as on every other screen.
            lines = t.lines(f"pay.{answer.value}")
            button.set_lines([(lines[0][0], f"{PICTURES[answer]} {lines[0][1]}"), *lines[1:]])
            button.set_selected(answer is self.given)
            button.setEnabled(self.given is None or answer is self.given)
        self.help.set_lines(t.compose(self._help()))
        self.help.setVisible(bool(self._help()))
        answered = self.given is not None
        # After the answer the question's details and its buttons make room for what comes
        # next: the complaint (after "partly" or "not paid"), then the rating, in view.
        self.what.setVisible(not answered)
        for button in self.answers.values():
            button.setVisible(not answered)
        self.complain.set_lines(t.lines("pay.complain"))
        self.complain.setVisible(bool(self._help()))
        q = self.question
        self.rate_title.set_lines(
            t.lines("rate.title", employer=q.employer_name) if q and answered else []
        )
        self.rate_title.setVisible(answered)
        for name, b in self.faces.items():
            lines = t.lines(f"rate.{name}")
            b.set_lines([(lines[0][0], f"{FACE_PICTURES[name]} {lines[0][1]}"), *lines[1:]])
            b.set_selected(name == self.face)
            b.setVisible(answered)
        for name, b in self.ticks.items():
            b.set_lines(t.lines(f"rate.{name}"))
            b.set_selected(self.ticked.get(name, False))
            b.setVisible(answered)
            b.setEnabled(self.face is not None)
        self.ask_later.set_lines(t.lines("pay.later" if self.given is None else "pay.home"))
