"""The technician's settings: opened from the technician's screen; each test and the save
run off the GUI thread (a reader test waits for a card, a save for the disk)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl

from kiosk.domain.errors import SettingsError
from kiosk.ui.feature import Feature
from kiosk.ui.shell import Shell

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

    from kiosk.services.ports import ReaderCheck
    from kiosk.ui.admin.flow import AdminFeature
    from kiosk.ui.admin.settings import SettingsScreen
    from kiosk.ui.screens.base import Screen

READ_TEST_S = 20.0  # how long the live read test waits for a card


class SettingsFeature(Feature):
    """The settings screen and its tests."""

    spoken = (
        "settings.title",
        "settings.saved",
        "settings.refused",
        "settings.nothing_changed",
        "settings.reader.testing",
        "settings.reader.read",
        "settings.reader.chip_only",
        "settings.reader.card_error",
        "settings.reader.missing",
        "settings.reader.no_card",
        "settings.reader.none_chosen",
        "settings.no_queue",
    )

    def __init__(self, shell: Shell, admin: AdminFeature) -> None:
        super().__init__(shell)
        self.admin = admin
        self.screen: SettingsScreen
        self._tone: tuple[QMediaPlayer, QAudioOutput] | None = None

    def build(self) -> list[Screen]:
        """The settings screen."""
        from kiosk.ui.admin.settings import SettingsScreen  # noqa: PLC0415 - after first frame

        self.screen = SettingsScreen(self.shell.theme, self.shell.texts)
        return [self.screen]

    def connect(self) -> None:
        """From the technician's screen and back; the tests and the save."""
        self.admin.technician.settings_requested.connect(self.open)
        self.screen.leave_requested.connect(self.back)
        self.screen.save_requested.connect(self.save)
        self.screen.reader_test_requested.connect(self.test_reader)
        self.screen.print_test_requested.connect(self.print_test)
        self.screen.tone_requested.connect(self.play_tone)

    def attached(self) -> None:
        """Settings only where the app offers them."""
        services = self.shell.services
        self.admin.technician.settings.setVisible(
            services is not None and services.settings is not None
        )

    def reset(self) -> None:
        """Nothing typed stays after the visit; the tone stops."""
        self.screen.load({})
        if self._tone is not None:
            self._tone[0].stop()

    def open(self) -> None:
        """Show the settings in force."""
        services = self.shell.services
        if services is None or services.settings is None:
            return
        self.screen.load(services.settings.current())
        self.shell.go("settings")

    def back(self) -> None:
        """To the technician's screen (unsaved changes are dropped)."""
        self.shell.go("technician")
        self.shell.run(lambda s: s.diagnostics(), self.admin.technician.show_report)

    def _say(self, message_id: str, fmt: dict[str, str], *, error: bool = False) -> None:
        self.screen.set_state(message_id, fmt, error=error)
        self.shell.announced.emit(message_id, fmt)

    def save(self, changes: dict[str, object]) -> None:
        """Write the changes; the file stays as it was if they are refused."""
        services, button = self.shell.services, self.screen.save
        if services is None or services.settings is None or not button.isEnabled():
            return
        if not changes:
            self._say("settings.nothing_changed", {})
            return
        desk = services.settings

        def done(saved: object) -> None:
            button.setEnabled(True)
            desk.applied(saved)
            self.screen.load(desk.current())
            self._say("settings.saved", {})

        def failed(exc: Exception) -> None:
            button.setEnabled(True)
            if isinstance(exc, SettingsError):
                self._say("settings.refused", {"reason": exc.detail}, error=True)
            else:
                self.shell.report(exc)

        button.setEnabled(False)
        self.shell.files.submit(lambda: desk.save(changes), done, failed)

    def test_reader(self, backend: str, port: str) -> None:
        """Wait for one card on the reader shown (not yet saved)."""
        services, button = self.shell.services, self.screen.test_reader
        if services is None or services.settings is None or not button.isEnabled():
            return
        desk = services.settings

        def done(check: ReaderCheck) -> None:
            button.setEnabled(True)
            self.screen.set_state("", {})
            self.screen.show_reader_result(check.message_id, check.fmt)
            self.shell.announced.emit(check.message_id, check.fmt)

        def failed(exc: Exception) -> None:
            button.setEnabled(True)
            self.shell.report(exc)

        button.setEnabled(False)
        self.screen.show_reader_result("", {})
        self._say("settings.reader.testing", {"seconds": str(round(READ_TEST_S))})
        self.shell.files.submit(lambda: desk.test_reader(backend, port, READ_TEST_S), done, failed)

    def print_test(self, queue_name: str) -> None:
        """The test sheet on the queue typed (saved or not)."""
        services = self.shell.services
        if services is None or services.settings is None:
            return
        printer = services.settings.printer_for(queue_name)
        if printer is None:
            self._say("settings.no_queue", {}, error=True)
            return
        self.admin.print_test_on(printer, self.screen.print_test)

    def play_tone(self, volume: float) -> None:
        """The test tone at the volume shown."""
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer  # noqa: PLC0415

        services = self.shell.services
        if services is None or services.settings is None:
            return
        if self._tone is None:
            player, output = QMediaPlayer(), QAudioOutput()
            player.setAudioOutput(output)
            self._tone = (player, output)
        player, output = self._tone
        output.setVolume(volume)
        player.stop()
        player.setSource(QUrl.fromLocalFile(str(services.settings.tone)))
        player.play()
