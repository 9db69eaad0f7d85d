"""Tibetan lines sized by their ink: nothing cut, much less empty space than the font's box."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage
from pytestqt.qtbot import QtBot

from kiosk.ui.theme import TIBETAN_FAMILY, load_fonts
from kiosk.ui.widgets.tibetan_label import TibetanLabel

ROOT = Path(__file__).resolve().parents[3]
DEEP_STACKS = ["ཀྵྨྱཱུ", "བསྒྲུབས", "ཧཱུྃ", "རྒྱ་སྐད", "སྒྲིག་ཁྲི", "ཐོབ་ཐང་ལག་ཁྱེར"]


def catalog_texts() -> list[str]:
    with (ROOT / "translations/bo/LC_MESSAGES/kiosk.po").open("rb") as fh:
        texts = [m.string for m in read_po(fh) if m.id]
    return [t if isinstance(t, str) else t[0] for t in texts]


def ink_rows(label: TibetanLabel) -> list[int]:
    """Rows of the rendered label that hold ink."""
    image = QImage(label.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    label.render(image)
    rows = []
    for y in range(image.height()):
        if any(image.pixelColor(x, y).lightness() < 200 for x in range(0, image.width(), 2)):
            rows.append(y)
    return rows


@pytest.fixture
def label(qtbot: QtBot) -> TibetanLabel:
    """A Tibetan label at the kiosk's primary size."""
    load_fonts()
    widget = TibetanLabel()
    qtbot.addWidget(widget)
    font = QFont([TIBETAN_FAMILY])
    font.setPixelSize(51)
    widget.setFont(font)
    return widget


@pytest.mark.parametrize("text", DEEP_STACKS + catalog_texts())
def test_no_mark_or_stack_touches_the_edges(label: TibetanLabel, text: str) -> None:
    label.setText(text)
    label.resize(label.sizeHint())
    rows = ink_rows(label)
    assert rows, "nothing drawn"
    assert rows[0] > 0, "ink touches the top edge: a vowel mark may be cut"
    assert rows[-1] < label.height() - 1, "ink touches the bottom edge: a stack may be cut"


def test_lines_are_shorter_than_the_fonts_box_and_wrap(label: TibetanLabel) -> None:
    label.setText("ཐོབ་ཐང་ལག་ཁྱེར་ཁཱ་ཀློག་ཆས་སྟེང་འཇོག་རོགས།")
    box = QFontMetricsF(label.font()).lineSpacing()
    one_line = label.heightForWidth(4000)
    assert one_line < 0.75 * box
    assert label.heightForWidth(300) > 2 * one_line
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.resize(300, label.heightForWidth(300))
    rows = ink_rows(label)
    assert rows[0] > 0
    assert rows[-1] < label.height() - 1
