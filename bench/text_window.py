"""A second floor for start-up: a bare window that paints one Tibetan and one Chinese line.

The kiosk's first frame must shape Tibetan and rasterise CJK at large sizes; this floor
pays the same font costs with none of the kiosk's code.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout

from bench.bare_window import FirstFrameWindow


def main() -> None:
    """Show two labels and quit after the first frame."""
    app = QApplication(["text"])
    window = FirstFrameWindow()
    layout = QVBoxLayout(window)
    for text, family, size in (
        ("ཐོབ་ཐང་ལག་ཁྱེར་ཁཱ་ཀློག་ཆས་སྟེང་འཇོག་རོགས།", "Noto Serif Tibetan", 78),
        ("请刷身份证", "Noto Sans CJK SC", 62),
    ):
        label = QLabel(text)
        font = QFont([family])
        font.setPixelSize(size)
        label.setFont(font)
        layout.addWidget(label)
    window.resize(1920, 1080)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
