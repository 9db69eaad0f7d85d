"""The demo panel for staff trying the kiosk: sample cards to tap, the demo PINs, a way out."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from kiosk.idcard.demo import ORDER, SAMPLES
from kiosk.services.demo_data import DEMO_PINS
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton


class DemoPanel(QFrame):
    """``sample_tapped(key)`` when staff tap a sample card; ``exit_requested`` to quit."""

    sample_tapped = Signal(str)
    exit_requested = Signal()

    def __init__(
        self, theme: Theme, texts: Texts, gesture_taps: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.theme, self.texts, self.gesture_taps = theme, texts, gesture_taps
        self.setObjectName("demoPanel")
        self.setStyleSheet("#demoPanel { background: #E8E2D0; }")
        self.setFixedWidth(theme.mm(95))
        root = QVBoxLayout(self)
        m = theme.mm(4)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(3))
        self.title = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.pins = BiText(theme, "small", align=Qt.AlignmentFlag.AlignLeft)
        root.addWidget(self.title)
        root.addWidget(self.pins)
        box = QWidget()
        cards = QVBoxLayout(box)
        cards.setContentsMargins(0, 0, theme.mm(2), 0)
        cards.setSpacing(theme.mm(4))
        self.card_buttons: dict[str, BigButton] = {}
        for key in ORDER:
            button = BigButton(
                theme, "secondary", role="small", min_mm=(MIN_TARGET_MM * 3, MIN_TARGET_MM)
            )
            button.clicked.connect(lambda _=False, k=key: self.sample_tapped.emit(k))
            cards.addWidget(button)
            self.card_buttons[key] = button
        cards.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(box)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        root.addWidget(scroll, 1)
        self.exit = BigButton(
            theme, "primary", role="secondary", min_mm=(MIN_TARGET_MM * 3, MIN_TARGET_MM)
        )
        self.exit.clicked.connect(self.exit_requested)
        root.addWidget(self.exit)
        texts.mode_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current mode."""
        self.title.set_lines(self.texts.lines("demo.title"))
        pins = {"staff": DEMO_PINS["staff"], "technician": DEMO_PINS["technician"]}
        self.pins.set_lines(self.texts.lines("demo.pins", **pins, taps=self.gesture_taps))
        self.exit.set_lines(self.texts.lines("demo.exit"))
        for key, button in self.card_buttons.items():
            name = SAMPLES[key].name if key in SAMPLES else "?"
            button.set_lines(self.texts.lines(f"demo.card.{key}", name=name))
