"""Drives the domain's idle rule from Qt input events and a timer, and shows the warning."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.domain.session import Phase, SessionClock, Transition
from kiosk.i18n import Lang
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton

INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class IdleController(QObject):
    """Feeds input to ``SessionClock`` and emits ``warning_started``, ``countdown``, ``expired``."""

    warning_started = Signal()
    countdown = Signal(int)
    expired = Signal()
    extended = Signal()

    def __init__(
        self, clock: SessionClock, monotonic: Callable[[], float], tick_ms: int = 250
    ) -> None:
        super().__init__()
        self.clock, self.monotonic = clock, monotonic
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.tick)
        self._last_shown = -1

    @property
    def phase(self) -> Phase:
        """The current phase of the session."""
        return self.clock.phase

    def start_session(self) -> None:
        """A session began: start watching."""
        self.clock.start(self.monotonic())
        self._timer.start()

    def end_session(self) -> None:
        """The session ended: stop watching."""
        self.clock.end()
        self._timer.stop()

    def extend(self) -> None:
        """ "Continue" was pressed."""
        self.clock.extend(self.monotonic())
        self._last_shown = -1
        self.extended.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Any touch, click or key counts as presence (never consumed)."""
        if event.type() in INPUT_EVENTS:
            self.clock.touch(self.monotonic())
        return False

    def tick(self) -> None:
        """Step the rule to now and emit what changed."""
        now = self.monotonic()
        change = self.clock.tick(now)
        if change is Transition.WARNING_STARTED:
            self._last_shown = -1
            self.warning_started.emit()
        elif change is Transition.EXPIRED:
            self._timer.stop()
            self.expired.emit()
            return
        if self.clock.phase is Phase.WARNING:
            left = math.ceil(self.clock.seconds_left(now))
            if left != self._last_shown:
                self._last_shown = left
                self.countdown.emit(left)


class IdleOverlay(QFrame):
    """Covers the window during the warning: countdown and a big "continue" button."""

    continue_pressed = Signal()

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget) -> None:
        super().__init__(parent)
        self.texts = texts
        self.seconds = 0
        pal = theme.palette
        self.setObjectName("idleOverlay")
        self.setStyleSheet(f"#idleOverlay {{ background: {pal.overlay_bg}; }}")
        root = QVBoxLayout(self)
        m = theme.mm(12)
        root.setContentsMargins(m, m, m, m)
        root.setSpacing(theme.mm(6))
        self.count = BiText(theme, "title", bold=True, colour=pal.overlay_text)
        self.number = QLabel()
        big = theme.font(Lang.EN, "huge", bold=True)
        big.setPixelSize(big.pixelSize() * 2)
        self.number.setFont(big)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setStyleSheet(f"color: {pal.continue_bg};")
        self.hint = BiText(theme, "secondary", colour=pal.overlay_text)
        self.button = BigButton(
            theme, "continue", role="title", min_mm=(MAIN_TARGET_MM * 4, MAIN_TARGET_MM * 1.5)
        )
        root.addStretch(1)
        root.addWidget(self.count)
        root.addWidget(self.number)
        root.addWidget(self.hint)
        root.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        root.addStretch(1)
        self.button.clicked.connect(self.continue_pressed)
        texts.mode_changed.connect(self.retranslate)
        self.hide()

    def show_countdown(self, seconds: int) -> None:
        """Show (or update) the warning with ``seconds`` left."""
        self.seconds = seconds
        self.retranslate()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def retranslate(self) -> None:
        """Texts in the current mode."""
        self.number.setText(str(self.seconds))
        self.count.set_lines(self.texts.plural_lines("idle.countdown", self.seconds))
        self.hint.set_lines(self.texts.lines("idle.hint"))
        self.button.set_lines(self.texts.lines("common.continue"))
