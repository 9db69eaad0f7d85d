"""The worker's home after a tap: who they are (masked) and their skills."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.applications import MyApplication
from kiosk.domain.credit import Faces
from kiosk.i18n import Lang, Ref
from kiosk.services.session import SessionView
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.session_bar import SessionBar
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, MIN_TARGET_MM, Theme
from kiosk.ui.visit.applications import ApplicationsPanel
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.scrollbody import scroll_body
from kiosk.ui.widgets.section import label_column

MAX_SKILL_TILES = 3
LABEL_MM = 60.0  # the column of section names at the left ("your skills", "my applications")


class SkillTile(QFrame):
    """One skill: the trade's name and the years of experience."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("skillTile")
        border = f"3px solid {theme.palette.secondary_bg}"
        self.setStyleSheet(
            f"#skillTile {{ background: #FFFFFF; border: {border}; border-radius: 12px; }}"
        )
        column = QVBoxLayout(self)
        pad = theme.mm(3)
        column.setContentsMargins(pad, pad, pad, pad)
        self.name = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.years = BiText(
            theme, "small", align=Qt.AlignmentFlag.AlignLeft, colour=theme.palette.muted
        )
        column.addWidget(self.name)
        column.addWidget(self.years)
        column.addStretch(1)


class HomeScreen(Screen):
    """Greets the signed-in worker with their skills and rating: find work, or my details."""

    name = "home"
    prompt_id = "session.welcome"
    in_session = True
    prompt_changed = Signal()  # an employer's acceptance arrived: said again, news first

    def __init__(
        self,
        theme: Theme,
        texts: Texts,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, texts, parent)
        self.view: SessionView | None = None
        self.faces = Faces()
        root = QVBoxLayout(self)
        m = theme.mm(6)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(4))  # between sections; buttons keep their 5 mm apart
        # Who, then two rows of "label | content": the skills, the applications.
        top = QHBoxLayout()
        top.setSpacing(theme.mm(5))
        who = QVBoxLayout()
        who.setSpacing(theme.mm(1))
        self.welcome = BiText(theme, "title", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.id_line = BiText(
            theme, "small", align=Qt.AlignmentFlag.AlignLeft, colour=theme.palette.muted
        )
        # A line another feature fills (the rights desk's next session), and spoken.
        self.note = BiText(theme, "small", align=Qt.AlignmentFlag.AlignLeft)
        self.note_said: list[tuple[str, dict[str, Any]]] = []
        self.notes: dict[str, tuple[list[tuple[Lang, str]], list[tuple[str, dict[str, Any]]]]] = {}
        who.addWidget(self.welcome)
        who.addWidget(self.id_line)
        who.addWidget(self.note)
        self.edit = BigButton(
            theme, "secondary", role="secondary", min_mm=(MAIN_TARGET_MM * 2, MIN_TARGET_MM)
        )
        top.addLayout(who, 1)
        # Other features' buttons beside "my details", one above the other (the greeting
        # keeps its width; the column of who it is is taller than two buttons anyway).
        self.action_row = QVBoxLayout()
        self.relabels: list[Callable[[], None]] = []  # theirs, run at every retranslate
        self.action_row.setSpacing(theme.mm(5))
        top.addLayout(self.action_row)
        # "My details", with what a feature adds below it (the phone page's code).
        self.side_column = QVBoxLayout()
        self.side_column.setSpacing(theme.mm(5))
        self.side_column.addWidget(self.edit, 0, Qt.AlignmentFlag.AlignTop)
        self.side_column.addStretch(1)
        top.addLayout(self.side_column)
        root.addLayout(top)
        root.addWidget(self._build_body(theme, texts, today), 1)
        self.find_work = BigButton(theme, "primary", min_mm=(MAIN_TARGET_MM * 4, MAIN_TARGET_MM))
        self.bar = SessionBar(theme, texts, middle=self.find_work)
        root.addWidget(self.bar)

    def _build_body(self, theme: Theme, texts: Texts, today: Callable[[], dt.date]) -> QWidget:
        """Skills and applications, each a "label | content" row, in a touch scroll area."""
        label_width = theme.mm(LABEL_MM)
        tiles = QHBoxLayout()
        tiles.setSpacing(theme.mm(6))
        label, self.skills_title, self.rating = label_column(theme, label_width)
        tiles.addLayout(label)
        self.tiles = [SkillTile(theme) for _ in range(MAX_SKILL_TILES)]
        for tile in self.tiles:
            tiles.addWidget(tile, 1)
            tile.hide()
        self.no_skills = BiText(theme, "primary", align=Qt.AlignmentFlag.AlignLeft)
        tiles.addWidget(self.no_skills, 1)
        self.applications = ApplicationsPanel(theme, texts, today, label_width=label_width)
        # Skills and applications scroll (kinetic, by touch) where a narrow panel or a long
        # language needs more lines than fit; who it is and the buttons never move.
        self.body, middle = scroll_body(theme, "homeBody", spacing_mm=4)
        middle.addLayout(tiles)
        middle.addWidget(self.applications)
        middle.addStretch(1)
        return self.body

    def prompt(self) -> tuple[str, dict[str, Any]]:
        """Greet the worker by name."""
        return self.prompt_id, {"name": self.view.name if self.view else ""}

    def prompts(self) -> list[tuple[str, dict[str, Any]]]:
        """The greeting, the skills on the tiles with their years, the note (the rights
        desk), then the applications; news that an employer accepted the worker comes
        straight after the greeting."""
        said = [self.prompt()]
        if self.view is None:
            return said
        if self.applications.has_news():
            return said + self.applications.prompts() + self._skills_said() + self.note_said
        return said + self._skills_said() + self.note_said + self.applications.prompts()

    def _skills_said(self) -> list[tuple[str, dict[str, Any]]]:
        said: list[tuple[str, dict[str, Any]]] = []
        skills = self._skills()
        if not skills:
            said.append(("home.no_skills", {}))
        else:
            said.append(("home.say_skills", {}))
            said += [("say.skill", {"trade": Ref(f"jobtype.{c}"), "n": y}) for c, y in skills]
        return said

    def set_note(
        self,
        lines: list[tuple[Lang, str]],
        said: list[tuple[str, dict[str, Any]]],
        key: str = "rights",
    ) -> None:
        """An extra line under the worker's name (``key`` names whose: the rights desk, a
        training soon), and what the voice says of it; empty lines take it away."""
        if lines:
            self.notes[key] = (lines, said)
        else:
            self.notes.pop(key, None)
        shown = [line for lines_, _said in self.notes.values() for line in lines_]
        self.note.set_lines(shown)
        self.note.setVisible(bool(shown))
        self.note_said = [item for _lines, said_ in self.notes.values() for item in said_]

    def _skills(self) -> list[tuple[str, int]]:
        """The skills shown: the most experienced first."""
        view = self.view
        if view is None:
            return []
        return sorted(view.skills.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_SKILL_TILES]

    def show_session(self, view: SessionView | None) -> None:
        """Show ``view`` (None: clear everything shown of the last worker)."""
        self.view = view
        self.faces = Faces()
        self.applications.show_applications([])
        self.retranslate()

    def show_applications(self, applications: list[MyApplication]) -> None:
        """The worker's applications (loaded after the visit starts, and after applying);
        an employer's acceptance is scrolled into sight."""
        self.applications.show_applications(applications)
        if self.applications.has_news():
            QTimer.singleShot(0, lambda: self.body.ensureWidgetVisible(self.applications))
            if self.isVisible():  # loaded after home was first said: said again, news first
                self.prompt_changed.emit()

    def show_rating(self, faces: Faces) -> None:
        """Employers' ratings, face by face (loaded after the visit starts)."""
        self.faces = faces
        self.retranslate()

    def retranslate(self) -> None:
        """Texts for the current worker in the current mode."""
        for relabel in self.relabels:
            relabel()
        self.find_work.set_lines(self.texts.lines("home.find_work"))
        self.applications.retranslate()
        self.edit.set_lines(self.texts.lines("home.edit"))
        view = self.view
        skills = self._skills()
        for tile in self.tiles:
            tile.hide()
            tile.name.set_lines([])
            tile.years.set_lines([])
        if view is None:
            for text in (
                self.welcome,
                self.id_line,
                self.rating,
                self.skills_title,
                self.no_skills,
            ):
                text.set_lines([])
            return
        self.welcome.set_lines(self.texts.lines("session.welcome", name=view.name))
        self.id_line.set_lines(self.texts.lines("session.id_masked", masked=view.id_masked))
        faces = self.faces
        if not faces.total:
            self.rating.set_lines(self.texts.lines("home.no_rating"))
        else:
            self.rating.set_lines(
                self.texts.plural_lines(
                    "home.rating", faces.total, good=faces.good, ok=faces.ok, bad=faces.bad
                )
            )
        self.skills_title.set_lines(self.texts.lines("home.skills"))
        self.no_skills.set_lines([] if skills else self.texts.lines("home.no_skills"))
        for tile, (code, years) in zip(self.tiles, skills, strict=False):
            tile.name.set_lines(self.texts.lines(f"jobtype.{code}"))
            tile.years.set_lines(self.texts.plural_lines("home.years", years))
            tile.show()
