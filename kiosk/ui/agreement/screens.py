"""Staff pick the application an agreement follows; after signing, the code, the printout
and whether the market has it yet (a printout made offline says it verifies once synced)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.privacy import mask_name
from kiosk.domain.signing import Signable
from kiosk.i18n import Lang, Ref
from kiosk.ui.jobs import facts
from kiosk.ui.screens.base import Screen
from kiosk.ui.texts import Message, Texts
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.scrollbody import scroll_body


def _frame(screen: Screen, theme: Theme) -> tuple[QVBoxLayout, BiText, BigButton]:
    """Title at the left, "back to the staff screen" at the right."""
    root = QVBoxLayout(screen)
    m = theme.mm(8)
    root.setContentsMargins(m, m, m, m)
    root.setSpacing(theme.mm(5))
    top = QHBoxLayout()
    title = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
    leave = BigButton(theme, "secondary", min_mm=(MAIN_TARGET_MM * 2.5, MAIN_TARGET_MM))
    top.addWidget(title, 1)
    top.addWidget(leave, 0, Qt.AlignmentFlag.AlignTop)
    root.addLayout(top)
    return root, title, leave


def signable_line(item: Signable, today: dt.date) -> Message:
    """Who (masked), which trade, which day and hours, which employer."""
    return (
        "signing.application",
        None,
        {
            "worker": mask_name(item.worker_name),
            "last4": item.worker_masked[-4:],
            "trade": Ref(f"jobtype.{item.trade_code}"),
            "day": facts.day_ref(item.starts_at.date(), today),
            "hours": f"{item.starts_at:%H:%M}–{item.ends_at:%H:%M}",
            "employer": item.employer_name,
        },
    )


class PickScreen(Screen):
    """``picked(application_id)``; ``leave_requested`` back to the staff screen."""

    name = "agreement_pick"
    prompt_id = "signing.pick_title"
    picked = Signal(str)
    leave_requested = Signal()

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, texts, parent)
        self.today = today
        root, self.title, self.leave = _frame(self, theme)
        self.leave.clicked.connect(self.leave_requested)
        self.hint = BiText(
            theme, "secondary", align=Qt.AlignmentFlag.AlignLeft, colour=theme.palette.muted
        )
        root.addWidget(self.hint)
        area, self.body = scroll_body(theme, "pickBody", spacing_mm=4)
        root.addWidget(area, 1)
        self.items: list[Signable] | None = None  # None: loading
        self.rows: list[BigButton] = []

    def show_items(self, items: list[Signable] | None) -> None:
        """The applications to choose from (None while loading)."""
        self.items = items
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for item in items or []:
            row = BigButton(theme := self.theme, "secondary", role="secondary")
            row.setMinimumHeight(theme.mm(MAIN_TARGET_MM * 1.2))
            row.clicked.connect(lambda _c=False, i=item.application_id: self.picked.emit(i))
            self.body.insertWidget(self.body.count() - 1, row)
            self.rows.append(row)
        self.retranslate()

    def prompt(self) -> tuple[str, dict[str, object]]:
        """The title, or that nothing waits."""
        if self.items == []:
            return "signing.none_waiting", {}
        return self.prompt_id, {}

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        self.title.set_lines(t.lines("signing.pick_title"))
        self.leave.set_lines(t.lines("signing.back_to_staff"))
        hint = "signing.none_waiting" if self.items == [] else "signing.pick_hint"
        self.hint.set_lines(t.lines("signing.loading" if self.items is None else hint))
        today = self.today()
        for row, item in zip(self.rows, self.items or [], strict=True):
            row.set_lines(t.compose([signable_line(item, today)]))


class DoneScreen(Screen):
    """The signed agreement's code, its printout and its sync state."""

    name = "agreement_done"
    prompt_id = "signing.done_title"
    reprint_requested = Signal()
    another_requested = Signal()
    leave_requested = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        root, self.title, self.leave = _frame(self, theme)
        self.leave.clicked.connect(self.leave_requested)
        self.code = BiText(theme, "huge", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.code.setObjectName("agreementCode")
        self.printout = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.synced = BiText(theme, "secondary", align=Qt.AlignmentFlag.AlignLeft)
        for w in (self.code, self.printout, self.synced):
            root.addWidget(w)
        root.addStretch(1)
        row = QHBoxLayout()
        size = (MAIN_TARGET_MM * 3, MAIN_TARGET_MM)
        self.reprint = BigButton(theme, "secondary", role="secondary", min_mm=size)
        self.another = BigButton(theme, "primary", min_mm=size)
        self.reprint.clicked.connect(self.reprint_requested)
        self.another.clicked.connect(self.another_requested)
        row.addWidget(self.reprint)
        row.addStretch(1)
        row.addWidget(self.another)
        root.addLayout(row)
        self.agreement_code = ""
        self.print_state = ""  # "", "printing", "printed", "failed", "none"
        self.sync_state = "pending"

    def show_signed(self, code: str, print_state: str, sync_state: str) -> None:
        """What to show for a freshly signed agreement."""
        self.agreement_code, self.print_state, self.sync_state = code, print_state, sync_state
        self.retranslate()

    def prompts(self) -> list[tuple[str, dict[str, object]]]:
        """Signed, its code, and the printout's state."""
        out: list[tuple[str, dict[str, object]]] = [
            (self.prompt_id, {}),
            ("agreement.code", {"code": " ".join(self.agreement_code)}),
        ]
        if self.print_state in ("printing", "printed", "failed"):
            out.append((f"signing.print_{self.print_state}", {}))
        return out

    def retranslate(self) -> None:
        """Texts in the current mode."""
        t = self.texts
        self.title.set_lines(t.lines(self.prompt_id))
        self.leave.set_lines(t.lines("signing.back_to_staff"))
        self.code.set_lines([(Lang.EN, self.agreement_code)])
        state = self.print_state
        self.printout.set_lines(
            t.lines(f"signing.print_{state}") if state in ("printing", "printed", "failed") else []
        )
        self.printout.setVisible(bool(state) and state != "none")
        sync = "signing.synced" if self.sync_state == "sent" else "signing.not_synced"
        self.synced.set_lines(t.lines(sync))
        self.reprint.set_lines(t.lines("signing.reprint"))
        self.reprint.setVisible(state != "none")
        self.reprint.setEnabled(state != "printing")
        self.another.set_lines(t.lines("signing.another"))
