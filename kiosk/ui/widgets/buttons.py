"""Big touch buttons with bilingual labels, never smaller than 20 x 20 mm (UX.md)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import Lang
from kiosk.ui.theme import MAIN_TARGET_MM, MIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText

DISABLED_BG = "#555555"


TICK = "\u2714"  # ✔ heavy check mark


class BigButton(QPushButton):
    """A push button whose face is a ``BiText``; its size hint comes from the labels."""

    def __init__(
        self,
        theme: Theme,
        style: str = "primary",
        *,
        role: str = "primary",
        min_mm: tuple[float, float] = (MIN_TARGET_MM * 2, MIN_TARGET_MM),
        one_line: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """``one_line``: the label never wraps (the button widens instead)."""
        super().__init__(parent)
        self.one_line = one_line
        pal = theme.palette
        bg, fg = {
            "primary": (pal.primary_bg, pal.primary_text),
            "secondary": (pal.secondary_bg, pal.secondary_text),
            "staff": (pal.staff_bg, pal.staff_text),
            "continue": (pal.continue_bg, pal.continue_text),
        }[style]
        self.theme = theme
        self.face = BiText(theme, role, bold=True, colour=fg, parent=self)
        self._face_layout = layout = QVBoxLayout(self)
        pad = theme.mm(2.5)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.addWidget(self.face)
        self._min = QSize(theme.mm(min_mm[0]), theme.mm(min_mm[1]))
        self.setMinimumSize(self._min)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._colours = (bg, fg)
        self._lines: list[tuple[Lang, str]] = []
        self.selected = False
        self._apply_style()

    def _apply_style(self) -> None:
        bg, fg = self._colours
        if self.selected:  # chosen: filled in the "continue" colour, not only framed
            bg, fg = self.theme.palette.continue_bg, self.theme.palette.continue_text
        self.face.colour = fg
        self.face.set_lines(self._shown())
        radius = self.theme.mm(3)
        border = (
            f"{self.theme.mm(1.5)}px solid {self.theme.palette.text}" if self.selected else "none"
        )
        self.setStyleSheet(
            f"QPushButton {{ background: {bg}; border: {border}; border-radius: {radius}px; }}"
            f"QPushButton:pressed {{ background: {fg}; }}"
            # Unavailable now (e.g. while waiting for an approval): plainly grey, text still
            # readable at 7:1 (white on #555555).
            f"QPushButton:disabled {{ background: {DISABLED_BG}; }}"
        )

    def set_selected(self, selected: bool) -> None:
        """Mark the current choice (a thick yellow frame)."""
        if selected != self.selected:
            self.selected = selected
            self._apply_style()

    def set_lines(self, lines: list[tuple[Lang, str]]) -> None:
        """Set the label and grow to fit it."""
        self._lines = list(lines)
        self.face.set_lines(self._shown())
        if self.one_line:
            pad = self._face_layout.contentsMargins()
            wide = self.face.line_width() + pad.left() + pad.right() + self.theme.mm(1)
            self.setMinimumWidth(max(self._min.width(), wide))
        self.updateGeometry()

    def _shown(self) -> list[tuple[Lang, str]]:
        """The label; a chosen button's lines start with a tick, seen without colour."""
        if not self.selected:
            return self._lines
        return [(lang, f"{TICK} {text}") for lang, text in self._lines]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Big enough for the labels and never under the minimum target."""
        hint = self._face_layout.sizeHint()
        return hint.expandedTo(self._min)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """The labels' minimum (so text is never clipped) or the touch minimum."""
        return self._face_layout.minimumSize().expandedTo(self._min)


SPEAKER = "\U0001f50a"  # 🔊, understood without reading


class RepeatButton(BigButton):
    """ "Say it again": a speaker picture (no words to read), its name for screen readers."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(
            theme, "secondary", role="huge", min_mm=(MAIN_TARGET_MM, MAIN_TARGET_MM), parent=parent
        )
        self.set_lines([(Lang.EN, SPEAKER)])

    def set_name(self, lines: list[tuple[Lang, str]]) -> None:
        """The spoken/accessible name in the current languages."""
        text = " / ".join(t for _, t in lines)
        self.setAccessibleName(text)
        self.setToolTip(text)
