"""The complaint in three steps: which agreement (or employer, or neither), how much is
owed (the agreement's total, changed on the keypad; more than the total is asked about
again, never refused), and confirm. Nothing is kept until "file the complaint"."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain.complaint import MAX_AMOUNT, Draft, questioned
from kiosk.i18n import Lang
from kiosk.ui.agreement.sections import date_ref
from kiosk.ui.complaint import words
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.session_bar import SessionBar
from kiosk.ui.texts import Message, Texts, spoken
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.keypad import Keypad
from kiosk.ui.widgets.scrollbody import scroll_body
from kiosk.ui.widgets.wizard import Step, StepWizard

NO_EMPLOYER = Draft(None, None, "", None, None, None, "")


def choice_line(draft: Draft) -> Message:
    """An agreement as the worker knows it: who, which days, how much in all."""
    if draft.period_from is None or draft.period_to is None:
        return words.who(draft)
    return (
        "complaint.choice",
        None,
        {
            "employer": draft.employer_name,
            "start": date_ref(draft.period_from),
            "end": date_ref(draft.period_to),
            "total": draft.amount or 0,
        },
    )


class ComplaintScreen(Screen):
    """``filed(draft)`` on "file the complaint"; ``employers_wanted`` for the list."""

    name = "complaint"
    prompt_id = "complaint.pick_title"
    in_session = True
    filed = Signal(object)
    employers_wanted = Signal()
    prompt_changed = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        self.theme = theme
        root = QVBoxLayout(self)
        m = theme.mm(6)
        root.setContentsMargins(m, m, m, m)
        self.wizard = StepWizard(theme, texts)
        self.next = self.wizard.next
        root.addWidget(self.wizard, 1)
        area, self.pick_list = scroll_body(theme, "complaintPick", spacing_mm=5)
        self.pick_list.addStretch(1)
        self.wizard.add(Step("pick", area, leave=lambda _p: self.draft is not None))
        amount_page = QWidget()
        beside = QHBoxLayout(amount_page)  # the keypad beside the amount: both fit 1080 px
        beside.setContentsMargins(0, 0, 0, 0)
        beside.setSpacing(theme.mm(10))
        column = QVBoxLayout()
        self.amount_shown = QLabel()
        self.amount_shown.setObjectName("complaintAmount")
        self.amount_shown.setFont(theme.font(Lang.EN, "huge", bold=True))
        self.amount_note = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.keypad = Keypad(theme, texts, ok_style="secondary")
        self.keypad.digit_pressed.connect(self._digit)
        self.keypad.delete_pressed.connect(self._delete)
        self.keypad.ok_pressed.connect(self.wizard.go_next)
        column.addWidget(self.amount_shown)
        column.addWidget(self.amount_note)
        column.addStretch(1)
        beside.addLayout(column, 1)
        beside.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        self.wizard.add(Step("amount", amount_page, leave=self._leave_amount))
        confirm_page = QWidget()
        confirm = QVBoxLayout(confirm_page)
        self.summary = BiText(theme, "primary", align=Qt.AlignmentFlag.AlignLeft)
        confirm.addWidget(self.summary)
        confirm.addStretch(1)
        self.wizard.add(Step("confirm", confirm_page, next_label="complaint.send"))
        self.bar = SessionBar(theme, texts, middle=self.next)
        root.addWidget(self.bar)
        self.wizard.moved.connect(self._moved)
        self.wizard.finished.connect(self._finish)
        self.choices: list[Draft] = []
        self.employers: list[tuple[str, str]] | None = None  # shown instead of the choices
        self.buttons: list[BigButton] = []
        self.draft: Draft | None = None
        self.total: int | None = None  # the agreement's total, whatever is typed
        self.digits = ""
        self.asked_more = False  # the amount above the total was asked about once

    # --- starting ---------------------------------------------------------------------------
    def start(self, choices: list[Draft], chosen: Draft | None = None) -> None:
        """From the agreements (or straight at the amount of ``chosen``)."""
        self.choices, self.employers = choices, None
        self.draft, self.asked_more = None, False
        self._fill_list()
        if chosen is not None:
            self._choose(chosen)
            self.wizard.start(1)
        else:
            self.wizard.start(0)
        self.retranslate()

    def show_employers(self, employers: list[tuple[str, str]]) -> None:
        """The employer list, instead of the agreements."""
        self.employers = employers
        self._fill_list()
        self.retranslate()
        self.prompt_changed.emit()

    def clear(self) -> None:
        """Forget everything (the visit ended)."""
        self.choices, self.employers, self.draft, self.digits = [], None, None, ""
        self.total = None
        self._fill_list()

    def _fill_list(self) -> None:
        for b in self.buttons:
            b.setParent(None)
            b.deleteLater()
        self.buttons = []
        items: list[tuple[str, Draft | None]]
        if self.employers is not None:
            items = [
                (f"employer:{i}", dataclasses.replace(NO_EMPLOYER, employer_id=i, employer_name=n))
                for i, n in self.employers
            ]
        else:
            items = [(f"agreement:{d.agreement_code}", d) for d in self.choices]
            items += [("other", None), ("none", NO_EMPLOYER)]
        size = (MAIN_TARGET_MM * 8, MAIN_TARGET_MM)
        for key, draft in items:
            b = BigButton(self.theme, "secondary", role="secondary", min_mm=size)
            b.setObjectName(key)
            b.setProperty("draft", draft)
            b.clicked.connect(lambda _c=False, d=draft: self._picked(d))
            self.pick_list.insertWidget(self.pick_list.count() - 1, b)
            self.buttons.append(b)

    def _picked(self, draft: Draft | None) -> None:
        if draft is None:
            self.employers_wanted.emit()
            return
        self._choose(draft)
        self.wizard.skip()

    def _choose(self, draft: Draft) -> None:
        self.draft, self.asked_more = draft, False
        self.total = draft.amount if draft.agreement_code is not None else None
        self.digits = "" if draft.amount is None else str(draft.amount)

    # --- the amount -----------------------------------------------------------------------
    def _digit(self, digit: str) -> None:
        if int(self.digits + digit) <= MAX_AMOUNT and (self.digits or digit != "0"):
            self.digits += digit
            self.asked_more = False
            self.retranslate()

    def _delete(self) -> None:
        self.digits = self.digits[:-1]
        self.asked_more = False
        self.retranslate()

    @property
    def amount(self) -> int | None:
        """The amount typed (None: none)."""
        return int(self.digits) if self.digits else None

    def _leave_amount(self, _part: int) -> bool:
        if self.draft is None:
            return False
        if questioned(self.amount, self.total) and not self.asked_more:
            self.asked_more = True  # asked once; "next" again keeps it
            self.retranslate()
            self.prompt_changed.emit()
            return False
        self.draft = dataclasses.replace(self.draft, amount=self.amount)
        return True

    def _amount_note(self) -> Message | None:
        total = self.total
        if self.asked_more and total is not None:
            return ("complaint.amount_more", None, {"total": total})
        if total is not None:
            return ("complaint.amount_hint", None, {"total": total})
        return ("complaint.amount_optional", None, {})

    # --- confirming -----------------------------------------------------------------------
    def _finish(self) -> None:
        if self.draft is not None and self.next.isEnabled():
            self.next.setEnabled(False)  # one complaint a tap
            self.filed.emit(self.draft)

    def _moved(self) -> None:
        self.retranslate()
        self.prompt_changed.emit()

    def _title(self) -> str:
        step = self.wizard.step.name
        if step == "pick" and self.employers is not None:
            return "complaint.employer_title"
        return f"complaint.{step}_title"

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """The step's question, and on the amount and confirm steps what it holds."""
        step = self.wizard.step.name
        said: list[Message] = [(self._title(), None, {})]
        if step == "amount":
            note = self._amount_note()
            said += [note] if note else []
        elif step == "confirm" and self.draft is not None:
            said += words.summary(self.draft)
        return spoken(said)

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        self.wizard.title.set_lines(t.lines(self._title()))
        self.wizard.hint.set_lines([])
        self.wizard.hint.hide()
        self.wizard.refresh()
        self.next.setEnabled(True)
        self.next.setVisible(self.wizard.step.name != "pick")  # a tap on a choice moves on
        for b in self.buttons:
            key, draft = b.objectName(), b.property("draft")
            if key == "other":
                b.set_lines(t.lines("complaint.other_employer"))
            elif key == "none":
                b.set_lines(t.lines("complaint.no_employer"))
            elif key.startswith("employer:"):
                b.set_lines([(Lang.ZH, draft.employer_name)])
            else:
                b.set_lines(t.compose([choice_line(draft)]))
            b.set_selected(draft is not None and draft == self.draft)
        self.amount_shown.setText(f"{self.digits or '—'} ¥")
        note = self._amount_note()
        self.amount_note.set_lines(t.compose([note]) if note else [])
        self.summary.set_lines(t.compose(words.summary(self.draft)) if self.draft else [])
