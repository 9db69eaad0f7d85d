"""The technician's settings screen: the card reader (with a live read test), the printer
(with a test page), the volume (with a test tone), the language a visit starts in and the
idle time, changed by touch alone and saved to the config file."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.domain.session import MAX_IDLE_SECONDS, MIN_IDLE_SECONDS
from kiosk.i18n import Lang, Mode
from kiosk.ui.admin.screens import AdminScreen
from kiosk.ui.texts import Texts
from kiosk.ui.theme import MAIN_TARGET_MM, MIN_TARGET_MM, Theme
from kiosk.ui.widgets.bitext import BiText
from kiosk.ui.widgets.buttons import BigButton
from kiosk.ui.widgets.keyboard import TextKeyboard
from kiosk.ui.widgets.scrollbody import scroll_body

BACKENDS = ("pcsc", "sam", "none")
MODES = tuple(m.value for m in Mode)
IDLE_STEP = 15  # seconds, within [session] idle_seconds' bounds
VOLUME_STEP = 10  # per cent


class SettingsScreen(AdminScreen):
    """``save_requested(changes)``, ``reader_test_requested(backend, port)``,
    ``print_test_requested(queue)``, ``tone_requested(volume)``."""

    name = "settings"
    prompt_id = "settings.title"
    title_id = "settings.title"
    save_requested = Signal(dict)
    reader_test_requested = Signal(str, str)
    print_test_requested = Signal(str)
    tone_requested = Signal(float)

    def __init__(self, theme: Theme, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(theme, texts, parent)
        self.loaded: dict[str, object] = {}
        self.backend_value, self.mode_value = "pcsc", "both"
        self.volume, self.idle = 90, 90
        self.save = BigButton(theme, "continue", min_mm=(MAIN_TARGET_MM * 3, MAIN_TARGET_MM))
        self.save.clicked.connect(self._on_save)
        self.top.insertWidget(1, self.save, 0, Qt.AlignmentFlag.AlignTop)
        self.state = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        self.root.addWidget(self.state)
        self.area, body = scroll_body(theme, "settingsBody", spacing_mm=4)
        self.root.addWidget(self.area, 1)
        self.labels: dict[str, BiText] = {}
        wide = (MIN_TARGET_MM * 2.6, MIN_TARGET_MM)
        self.backend = {b: self._choice(theme, wide) for b in BACKENDS}
        for key, button in self.backend.items():
            button.clicked.connect(lambda _c=False, k=key: self.choose_backend(k))
        self.test_reader = BigButton(theme, "primary", role="secondary", min_mm=wide)
        self.test_reader.clicked.connect(self._on_test_reader)
        body.addLayout(
            self._row(theme, "settings.reader", [*self.backend.values(), self.test_reader])
        )
        self.reader_result = BiText(theme, "secondary", align=Qt.AlignmentFlag.AlignLeft)
        body.addWidget(self.reader_result)
        self.port = self._field(theme, "/dev/ttyUSB0")
        self.port_row = QWidget()
        self.port_row.setLayout(self._row(theme, "settings.sam_port", [self.port]))
        body.addWidget(self.port_row)
        self.queue = self._field(theme, "")
        self.print_test = BigButton(theme, "primary", role="secondary", min_mm=wide)
        self.print_test.clicked.connect(lambda: self.print_test_requested.emit(self.queue_name))
        body.addLayout(self._row(theme, "settings.printer", [self.queue, self.print_test]))
        self._sound_rows(theme, body, wide)
        body.addStretch(1)
        self.keyboard = TextKeyboard(theme, texts)
        self.keyboard.done.connect(self.keyboard.hide)
        self.keyboard.hide()
        self.root.addWidget(self.keyboard)
        self._state: tuple[str, dict[str, str], bool] = ("", {}, False)
        self._result: tuple[str, dict[str, str]] = ("", {})
        self._finish_layout(stretch=False)

    # --- building ------------------------------------------------------------------------
    def _sound_rows(self, theme: Theme, body: QVBoxLayout, wide: tuple[float, float]) -> None:
        """Volume (with the test tone), the language a visit starts in, the idle time."""
        self.volume_down, self.volume_up = self._step(theme, "−"), self._step(theme, "+")
        self.volume_value = BiText(theme, "title", bold=True)
        self.volume_value.setMinimumWidth(theme.mm(40))
        self.volume_down.clicked.connect(lambda: self.step_volume(-VOLUME_STEP))
        self.volume_up.clicked.connect(lambda: self.step_volume(VOLUME_STEP))
        self.tone = BigButton(theme, "primary", role="secondary", min_mm=wide)
        self.tone.clicked.connect(lambda: self.tone_requested.emit(self.volume / 100))
        parts = [self.volume_down, self.volume_value, self.volume_up, self.tone]
        body.addLayout(self._row(theme, "settings.volume", parts))
        self.mode = {m: self._choice(theme, (MIN_TARGET_MM * 2, MIN_TARGET_MM)) for m in MODES}
        for key, button in self.mode.items():
            button.clicked.connect(lambda _c=False, k=key: self.choose_mode(k))
        body.addLayout(self._row(theme, "settings.language", list(self.mode.values())))
        self.idle_down, self.idle_up = self._step(theme, "−"), self._step(theme, "+")
        self.idle_value = BiText(theme, "title", bold=True)
        self.idle_value.setMinimumWidth(theme.mm(40))
        self.idle_down.clicked.connect(lambda: self.step_idle(-IDLE_STEP))
        self.idle_up.clicked.connect(lambda: self.step_idle(IDLE_STEP))
        body.addLayout(
            self._row(theme, "settings.idle", [self.idle_down, self.idle_value, self.idle_up])
        )

    def _choice(self, theme: Theme, size: tuple[float, float]) -> BigButton:
        return BigButton(theme, "secondary", role="secondary", min_mm=size)

    def _step(self, theme: Theme, sign: str) -> BigButton:
        button = BigButton(theme, "secondary", role="title", min_mm=(MIN_TARGET_MM, MIN_TARGET_MM))
        button.set_lines([(Lang.EN, sign)])
        return button

    def _field(self, theme: Theme, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(120)
        edit.setPlaceholderText(placeholder)
        edit.setFont(theme.font(Lang.EN, "secondary"))
        edit.setMinimumHeight(theme.mm(MIN_TARGET_MM))
        edit.setMinimumWidth(theme.mm(120))
        edit.installEventFilter(self)
        return edit

    def _row(self, theme: Theme, label_id: str, parts: list[QWidget]) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(theme.mm(4))
        label = BiText(theme, "secondary", bold=True, align=Qt.AlignmentFlag.AlignLeft)
        label.setFixedWidth(theme.mm(95))
        self.labels[label_id] = label
        row.addWidget(label, 0)
        for part in parts:
            row.addWidget(part, 0)
        row.addStretch(1)
        return row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """A touch on a text field brings the keyboard, typing into that field."""
        if isinstance(watched, QLineEdit) and event.type() in (
            QEvent.Type.FocusIn,
            QEvent.Type.MouseButtonPress,
        ):
            self.edit(watched)
        return super().eventFilter(watched, event)

    def edit(self, field: QLineEdit) -> None:
        """The keyboard out, typing into ``field``, which stays in view above the keys."""
        self.keyboard.attach(field)
        self.keyboard.show()
        self.area.ensureWidgetVisible(field)

    # --- values ------------------------------------------------------------------------
    @property
    def queue_name(self) -> str:
        """The printer queue as typed."""
        return self.queue.text().strip()

    def load(self, values: dict[str, object]) -> None:
        """Show the settings in force (and forget unsaved changes)."""
        self.loaded = dict(values)
        self.backend_value = str(values.get("idcard.backend", "pcsc"))
        self.port.setText(str(values.get("idcard.sam_port", "")))
        self.queue.setText(str(values.get("printer.queue", "")))
        volume = values.get("voice.volume", 0.9)
        self.volume = round(float(volume) * 100) if isinstance(volume, int | float) else 90
        self.mode_value = str(values.get("display.default_mode", "both"))
        idle = values.get("session.idle_seconds", 90)
        self.idle = idle if isinstance(idle, int) else 90
        self._result = ("", {})
        self.keyboard.hide()
        self.set_state("", {})

    def values(self) -> dict[str, object]:
        """What the screen shows now, as ``"section.key": value``."""
        return {
            "idcard.backend": self.backend_value,
            "idcard.sam_port": self.port.text().strip(),
            "printer.queue": self.queue_name,
            "voice.volume": self.volume / 100,
            "display.default_mode": self.mode_value,
            "session.idle_seconds": self.idle,
        }

    def changes(self) -> dict[str, object]:
        """Only what differs from the settings in force."""
        return {k: v for k, v in self.values().items() if self.loaded.get(k) != v}

    def choose_backend(self, backend: str) -> None:
        """A reader backend was chosen; the last test's result no longer holds."""
        self.backend_value = backend
        self._result = ("", {})
        self.retranslate()

    def choose_mode(self, mode: str) -> None:
        """The language a visit starts in."""
        self.mode_value = mode
        self.retranslate()

    def step_volume(self, delta: int) -> None:
        """Louder or softer, 0-100 %."""
        self.volume = max(0, min(100, self.volume + delta))
        self.retranslate()

    def step_idle(self, delta: int) -> None:
        """A longer or shorter idle time, within the config's bounds."""
        self.idle = max(MIN_IDLE_SECONDS, min(MAX_IDLE_SECONDS, self.idle + delta))
        self.retranslate()

    def set_state(self, message_id: str, fmt: dict[str, str], *, error: bool = False) -> None:
        """The line under the title: saved, not saved and why, testing..."""
        self._state = (message_id, fmt, error)
        self.retranslate()

    def show_reader_result(self, message_id: str, fmt: dict[str, str]) -> None:
        """What the live read test found."""
        self._result = (message_id, fmt)
        self.retranslate()

    def _on_save(self) -> None:
        self.keyboard.hide()
        self.save_requested.emit(self.changes())

    def _on_test_reader(self) -> None:
        self.reader_test_requested.emit(self.backend_value, self.port.text().strip())

    # --- texts -------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Labels in the current mode; numbers in Arabic digits."""
        super().retranslate()
        t, pal = self.texts, self.theme.palette
        self.leave.set_lines(t.lines("common.back"))  # back to the technician's screen
        self.save.set_lines(t.lines("settings.save"))
        for label_id, label in self.labels.items():
            label.set_lines(t.lines(label_id))
        for key, button in self.backend.items():
            button.set_lines(t.lines(f"settings.reader.{key}"))
            button.set_selected(key == self.backend_value)
        self.test_reader.set_lines(t.lines("settings.test_reader"))
        self.test_reader.setEnabled(self.backend_value != "none")
        self.port_row.setVisible(self.backend_value == "sam")
        result_id, result_fmt = self._result
        self.reader_result.set_lines(t.lines(result_id, **result_fmt) if result_id else [])
        self.print_test.set_lines(t.lines("tech.print_test"))
        self.volume_value.set_lines([(Lang.EN, f"{self.volume} %")])
        self.tone.set_lines(t.lines("settings.test_tone"))
        for key, button in self.mode.items():
            button.set_lines(t.lines(f"lang.{key}"))
            button.set_selected(key == self.mode_value)
        self.idle_value.set_lines([(Lang.EN, f"{self.idle} s")])
        message_id, fmt, error = self._state
        self.state.colour = pal.error_text if error else pal.text
        self.state.set_lines(t.lines(message_id, **fmt) if message_id else [])
        self.keyboard.retranslate()
