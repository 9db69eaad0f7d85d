"""A labelled fact: an optional picture, a small label (its languages side by side) and
the value in every language shown. The job detail and the filing's confirm step use it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import Lang
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.bitext import BiText


class Fact(QWidget):
    """An icon, a small label, and the value in every language shown."""

    def __init__(self, theme: Theme, icon: str = "") -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.mm(3))
        self.icon = QLabel(icon)
        self.icon.setVisible(bool(icon))
        self.icon.setProperty("picture", True)  # its words are the label beside it
        font = theme.font(Lang.EN, "title")
        font.setFamilies(["Noto Color Emoji", "Noto Sans CJK SC"])
        self.icon.setFont(font)
        self.icon.setFixedWidth(theme.mm(14))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(theme.mm(1))
        # The label's languages side by side, on one line: the value keeps the height.
        labels = QHBoxLayout()
        labels.setSpacing(theme.mm(3))
        self.labels = [
            BiText(
                theme,
                "small",
                bold=True,
                align=Qt.AlignmentFlag.AlignLeft,
                colour=theme.palette.muted,
            )
            for _ in range(2)
        ]
        for label in self.labels:
            labels.addWidget(label, 0, Qt.AlignmentFlag.AlignVCenter)
        labels.addStretch(1)
        self.value = BiText(theme, "secondary", align=Qt.AlignmentFlag.AlignLeft)
        column.addLayout(labels)
        column.addWidget(self.value)
        column.addStretch(1)
        row.addLayout(column, 1)

    def set_label(self, lines: list[tuple[Lang, str]]) -> None:
        """The label in each language shown, one beside the other."""
        for i, label in enumerate(self.labels):
            label.set_lines(lines[i : i + 1])
            label.setVisible(i < len(lines))

    def label_texts(self) -> list[str]:
        """What the label says, left to right."""
        return [text for label in self.labels if label.isVisibleTo(self) for text in label.texts()]
