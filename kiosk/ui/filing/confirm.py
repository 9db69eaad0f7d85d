"""The filing's last step: every choice under its own label, to check before saving."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.domain.profile import ProfileDraft
from kiosk.i18n import Lang, Ref
from kiosk.ui.filing.steps import LANGUAGE_IDS
from kiosk.ui.texts import Message, Texts
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.fact import Fact
from kiosk.ui.widgets.scrollbody import scroll_body

FIELDS = ("name", "skills", "wage", "when", "area", "phone", "language")
COLUMNS = 4


class ConfirmPage(QWidget):
    """Every choice as a labelled fact, four a row; scrolls by touch if a language needs
    more lines than fit."""

    def __init__(self, theme: Theme, texts: Texts) -> None:
        super().__init__()
        self.texts = texts
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        area, column = scroll_body(theme, "confirmBody")
        outer.addWidget(area)
        grid = QGridLayout()
        grid.setHorizontalSpacing(theme.mm(8))
        grid.setVerticalSpacing(theme.mm(4))
        self.facts = {key: Fact(theme) for key in FIELDS}
        for i, fact in enumerate(self.facts.values()):
            grid.addWidget(fact, i // COLUMNS, i % COLUMNS)
        for c in range(COLUMNS):
            grid.setColumnStretch(c, 1)
        column.addLayout(grid)
        column.addStretch(1)
        self.values = {key: fact.value for key, fact in self.facts.items()}

    def show_draft(self, name: str, draft: ProfileDraft) -> None:
        """The choices in the current mode."""
        t = self.texts
        for key in FIELDS:
            self.facts[key].set_label(t.lines(f"filing.label_{key}"))
        skills: list[Message] = [
            ("say.skill", years, {"trade": Ref(f"jobtype.{code}")})
            for code, years in draft.skills.items()
        ]
        wage: Message = (
            ("filing.confirm_wage", None, {"wage": draft.expected_wage})
            if draft.expected_wage
            else ("filing.confirm_none", None, {})
        )
        area = draft.area or "anywhere"
        area_id = "filing.area_anywhere" if area == "anywhere" else f"place.{area}"
        self.values["name"].set_lines([(Lang.ZH, name)])
        self.values["skills"].set_lines(t.compose(skills or [("filing.confirm_none", None, {})]))
        self.values["wage"].set_lines(t.compose([wage]))
        self.values["when"].set_lines(t.lines(f"filing.when_{draft.availability}"))
        self.values["area"].set_lines(t.lines(area_id))
        self.values["phone"].set_lines(
            [(Lang.EN, draft.phone)] if draft.phone else t.lines("filing.confirm_no_phone")
        )
        language = t.catalog.text(LANGUAGE_IDS.get(draft.language, "lang.both"), Lang.EN)
        self.values["language"].set_lines(
            [(Lang.BO if draft.language != "zh" else Lang.ZH, language)]
        )
