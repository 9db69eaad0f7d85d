"""Signing an agreement: the terms a section at a time, shown in both languages and read
aloud; then the worker confirms with their ID card and signs with a finger; then the
employer (their own card, or staff checking the registered phone). Nothing is kept until
the employer's "sign and save"; every gate says why it holds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.agreement import Problem, SignerRecord, Terms, amend, changes
from kiosk.domain.signature import NotASignatureError, check
from kiosk.ui.agreement.pages import AMENDMENTS, PartyPage, TermsPage
from kiosk.ui.agreement.sections import Section, sections
from kiosk.ui.screens.base import Screen
from kiosk.ui.texts import Message, Texts, spoken
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.buttons import BigButton, RepeatButton
from kiosk.ui.widgets.wizard import Step, StepWizard

ROLES = ("worker", "employer")
STEPS = ("terms", *ROLES)
Checker = Callable[[Terms], list[Problem]]


@dataclasses.dataclass
class Confirmed:
    """How one party's identity was confirmed (the keyed hash only)."""

    method: str
    identity_hash: str


class SigningScreen(Screen):
    """``finished(terms, worker_record, employer_record)`` on "sign and save";
    ``cancelled`` on "stop" (nothing was kept); ``phone_check_requested`` for the employer."""

    name = "agreement_sign"
    prompt_id = "signing.terms_title"
    finished = Signal(object, object, object)
    cancelled = Signal()
    phone_check_requested = Signal()
    prompt_changed = Signal()
    repeat_requested = Signal()

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        now: Callable[[], dt.datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, texts, parent)
        self.now = now
        root = QVBoxLayout(self)
        m = theme.mm(6)
        root.setContentsMargins(m, m, m, m)
        self.wizard = StepWizard(theme, texts)
        self.wizard.can_leave = True  # "back" on the first section: the applications again
        self.back, self.next = self.wizard.back, self.wizard.next
        root.addWidget(self.wizard, 1)
        self.terms_page = TermsPage(theme, texts)
        self.terms_page.amend_requested.connect(self.amend)
        self.parties = {role: PartyPage(theme, texts, role) for role in ROLES}
        self.parties["employer"].phone_checked.connect(self.phone_check_requested)
        for page in self.parties.values():
            page.pad.changed.connect(self._pad_changed)
        self.wizard.add(
            Step(
                "terms",
                self.terms_page,
                parts=lambda: len(self.sections),
                leave=self._leave_terms,
                more_label="signing.next_section",
                next_label="signing.terms_agreed",
            )
        )
        self.wizard.add(
            Step("worker", self.parties["worker"], leave=lambda _p: self._leave_party("worker"))
        )
        self.wizard.add(
            Step(
                "employer",
                self.parties["employer"],
                leave=lambda _p: self._leave_party("employer"),
                next_label="signing.sign_save",
            )
        )
        bar = QHBoxLayout()
        self.stop = BigButton(theme, "secondary", min_mm=(MAIN_TARGET_MM * 2.5, MAIN_TARGET_MM))
        self.stop.clicked.connect(self.cancelled)
        self.repeat = RepeatButton(theme)
        self.repeat.clicked.connect(self.repeat_requested)
        bar.addWidget(self.stop)
        bar.addWidget(self.repeat)
        bar.addStretch(1)
        bar.addWidget(self.next)
        root.addLayout(bar)
        self.wizard.moved.connect(self._on_moved)
        self.wizard.left.connect(self.cancelled)
        self.wizard.finished.connect(self._finish)
        self.check: Checker = lambda _t: []
        self.posted: Terms | None = None
        self.terms: Terms | None = None
        self.sections: list[Section] = []
        self.problems: list[Problem] = []
        self.confirmed: dict[str, Confirmed] = {}
        self.records: dict[str, SignerRecord] = {}
        self.saving = False

    # --- a new agreement -------------------------------------------------------------------
    def start(
        self, posted: Terms, check: Checker, worker: Message, employer: Message, phone: str
    ) -> None:
        """Show the drafted terms from their first section; nobody has signed."""
        self.posted, self.check = posted, check
        self.confirmed, self.records, self.saving = {}, {}, False
        self.parties["worker"].reset(worker, "")
        self.parties["employer"].reset(employer, phone)
        self._set_terms(posted)
        self.wizard.start()
        self.retranslate()

    def clear(self) -> None:
        """Forget the agreement (the visit ended, or it was saved)."""
        self.posted = self.terms = None
        self.sections, self.problems, self.confirmed, self.records = [], [], {}, {}
        for page in self.parties.values():
            page.pad.clear()

    @property
    def role(self) -> str | None:
        """Whose turn it is to confirm and sign (None on the terms)."""
        name = self.wizard.step.name
        return name if name in ROLES else None

    # --- the terms -------------------------------------------------------------------------
    def _set_terms(self, terms: Terms) -> None:
        self.terms = terms
        assert self.posted is not None
        self.sections = sections(terms, tuple(changes(self.posted, terms)))
        self.problems = self.check(terms)

    def amend(self, term: str, sign: int) -> None:
        """Staff change what was agreed differently. Whoever confirmed or signed before
        confirms and signs again: a signature is for the terms as they were read."""
        if self.terms is None:
            return
        if self.records or self.confirmed:
            self.confirmed, self.records = {}, {}
            for page in self.parties.values():
                page.pad.clear()
                page.confirmed(False)
        step = next(s for t, s, _where in AMENDMENTS if t == term)
        value: Any = getattr(self.terms, term)
        if isinstance(value, int):
            value = max(0, value + sign * step)
        elif isinstance(value, dt.date):
            value = value + dt.timedelta(days=sign * step)
        elif isinstance(value, dt.time):
            at = dt.datetime.combine(dt.date(2000, 1, 1), value)
            moved = at + dt.timedelta(minutes=sign * step)
            value = moved.time() if moved.date() == at.date() else value
        self._set_terms(amend(self.terms, **{term: value}))
        self.retranslate()

    def _problem_messages(self) -> list[Message]:
        return [(f"agreement.problem.{p.code}", None, dict(p.values)) for p in self.problems]

    def _leave_terms(self, _part: int) -> bool:
        if self.problems:
            self.prompt_changed.emit()  # says what must change
            return False
        return True

    # --- the parties -----------------------------------------------------------------------
    def party_confirmed(self, role: str, method: str, identity_hash: str) -> None:
        """A card (or the employer's phone) was confirmed for ``role``: the pad opens."""
        if self.role != role:
            return
        self.confirmed[role] = Confirmed(method, identity_hash)
        self.parties[role].confirmed(True, method)
        self.prompt_changed.emit()

    def party_refused(self, message: Message) -> None:
        """A card was refused at this step (another person's card): said on the page."""
        if self.role is not None:
            self.parties[self.role].tell(message, error=True)

    def _pad_changed(self) -> None:
        role = self.role
        if role is not None and role in self.confirmed:
            self.parties[role].confirmed(True, self.confirmed[role].method)

    def _leave_party(self, role: str) -> bool:
        page = self.parties[role]
        confirmed = self.confirmed.get(role)
        if confirmed is None:
            page.tell((f"signing.tap_{role}", None, {}), error=True)
            self.prompt_changed.emit()
            return False
        try:
            strokes = check(page.pad.signature())
        except NotASignatureError as exc:
            page.tell((f"signature.problem.{exc.reason}", None, {}), error=True)
            self.prompt_changed.emit()
            return False
        self.records[role] = SignerRecord(
            role, confirmed.method, confirmed.identity_hash, strokes.record(), self.now()
        )
        return True

    def _finish(self) -> None:
        if self.saving or self.terms is None or set(self.records) != set(ROLES):
            return
        self.saving = True
        self.next.setEnabled(False)
        self.finished.emit(self.terms, self.records["worker"], self.records["employer"])

    def save_failed(self, message: Message) -> None:
        """Saving was refused: the employer's page says why; they may try again."""
        self.saving = False
        self.next.setEnabled(True)
        self.parties["employer"].tell(message, error=True)

    # --- words and voice -------------------------------------------------------------------
    def _on_moved(self) -> None:
        self.retranslate()
        self.prompt_changed.emit()

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """The section on show, read whole; on a party's page, what they are to do."""
        role = self.role
        if role is None:
            if not self.sections:
                return []
            part = min(self.wizard.part, len(self.sections) - 1)
            section = self.sections[part]
            title: list[Message] = [(self.prompt_id, None, {})] if part == 0 else []
            out = spoken([*title, section.heading, *section.lines])
            last = self.wizard.part == len(self.sections) - 1
            return out + spoken(self._problem_messages()) if last else out
        page = self.parties[role]
        out = spoken([page.who_message])
        return out + (spoken([page.status_message]) if page.status_message else [])

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        self.stop.set_lines(t.lines("signing.stop"))
        self.repeat.set_name(t.lines("voice.repeat"))
        step = self.wizard.step.name
        self.wizard.title.set_lines(t.lines(f"signing.{step}_title"))
        # A party's page says itself what to do (whose card, then the pad): no hint above.
        self.wizard.hint.set_lines(t.lines("signing.terms_hint") if step == "terms" else [])
        self.wizard.hint.setVisible(step == "terms")
        self.wizard.refresh()
        if self.sections and step == "terms":
            section = self.sections[min(self.wizard.part, len(self.sections) - 1)]
            self.terms_page.show_section(section, self._problem_messages())
        for page in self.parties.values():
            page.retranslate()
        self.next.setEnabled(not self.saving)
