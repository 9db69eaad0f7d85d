"""The demo panel for staff trying the kiosk: sample cards, the demo PINs, a way out."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from kiosk.domain.entities import Worker
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton

DEMO_PINS = {"staff": "2468", "technician": "1357"}


class DemoPanel(QFrame):
    """``card_presented(id_hash)`` for a sample worker; ``exit_requested`` to quit the demo."""

    card_presented = Signal(str)
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
        self.cards_box = QWidget()
        self.cards = QVBoxLayout(self.cards_box)
        self.cards.setContentsMargins(0, 0, 0, 0)
        self.cards.setSpacing(theme.mm(5))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.cards_box)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        root.addWidget(scroll, 1)
        self.exit = BigButton(
            theme, "primary", role="secondary", min_mm=(MIN_TARGET_MM * 3, MIN_TARGET_MM)
        )
        self.exit.clicked.connect(self.exit_requested)
        root.addWidget(self.exit)
        self.workers: list[Worker] = []
        self.card_buttons: list[BigButton] = []
        texts.mode_changed.connect(self.retranslate)
        self.retranslate()

    def set_workers(self, workers: list[Worker]) -> None:
        """Offer one sample card per demo worker."""
        self.workers = workers
        for button in self.card_buttons:
            button.deleteLater()
        self.card_buttons = []
        for worker in workers:
            button = BigButton(
                self.theme, "secondary", role="small", min_mm=(MIN_TARGET_MM * 3, MIN_TARGET_MM)
            )
            button.clicked.connect(lambda _=False, h=worker.id_hash: self.card_presented.emit(h))
            self.cards.addWidget(button)
            self.card_buttons.append(button)
        self.cards.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current mode."""
        self.title.set_lines(self.texts.lines("demo.title"))
        self.pins.set_lines(
            self.texts.lines(
                "demo.pins",
                staff=DEMO_PINS["staff"],
                technician=DEMO_PINS["technician"],
                taps=self.gesture_taps,
            )
        )
        self.exit.set_lines(self.texts.lines("demo.exit"))
        for button, worker in zip(self.card_buttons, self.workers, strict=True):
            button.set_lines(self.texts.lines("demo.present_card", name=worker.name))
