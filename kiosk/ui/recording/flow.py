"""Recording the Tibetan prompts at the kiosk (QtMultimedia capture to WAV).

Each take goes to a scratch file; "save" checks it is a real recording of some length and
copies it into the clip library (never moving it from under a playback), where the voice
service finds it at once. With no microphone the screen says so and recording is disabled;
nothing else changes.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import (
    QAudioInput,
    QAudioOutput,
    QMediaCaptureSession,
    QMediaDevices,
    QMediaFormat,
    QMediaPlayer,
    QMediaRecorder,
)

from kiosk.domain.clips import BadClipError
from kiosk.i18n import Lang, Ref
from kiosk.ui.feature import Feature
from kiosk.voice.clips import ClipLibrary

if TYPE_CHECKING:
    from kiosk.ui.admin.flow import AdminFeature
    from kiosk.ui.recording.screen import RecordScreen
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.shell import Shell
    from kiosk.ui.texts import Message

log = logging.getLogger(__name__)


class RecordFlow(QObject):
    """Walks the prompt list; records, plays back and saves clips."""

    saved = Signal()  # a take was kept: the next sync sends it to every kiosk

    def __init__(
        self, shell: Shell, screen: RecordScreen, clips: ClipLibrary, prompts: list[str]
    ) -> None:
        super().__init__()
        self.shell, self.screen = shell, screen
        self.clips = clips
        self.prompts = prompts
        self.index = 0
        self.scratch = clips.root / "scratch.wav"
        self.session: QMediaCaptureSession | None = None
        self.recorder: QMediaRecorder | None = None
        # Made on first playback only: an idle second audio output slowed the start of every
        # prompt by up to 2 s on PulseAudio (measured: bench/voice.py).
        self.player: QMediaPlayer | None = None
        self.output: QAudioOutput | None = None
        self.has_take = False
        screen.prev.clicked.connect(lambda: self.move(-1))
        screen.next.clicked.connect(lambda: self.move(1))
        screen.record.clicked.connect(self.toggle_record)
        screen.play.clicked.connect(self.play)
        screen.save.clicked.connect(self.save)
        screen.back_requested.connect(self.leave)

    def open(self) -> None:
        """From the technician screen: start at the first prompt without a clip."""
        missing = [i for i, p in enumerate(self.prompts) if not self.clips.has(p)]
        self.index = missing[0] if missing else 0
        self.shell.go("record")
        self.show()
        if not QMediaDevices.audioInputs():
            self.screen.record.setEnabled(False)
            self.screen.set_state(("record.no_microphone", None, {}), error=True)

    def leave(self) -> None:
        """Back to the technician screen (a take in progress is dropped)."""
        self.stop_recording()
        self._release_player()
        self.shell.go("technician")

    def show(self) -> None:
        """The current prompt, its texts and the coverage."""
        msgid = self.prompts[self.index]
        catalog = self.shell.texts.catalog
        if msgid.startswith("num/"):
            value = msgid.split("/", 1)[1]
            tibetan = catalog.text("record.number", Lang.BO, value=value)
            chinese = catalog.text("record.number", Lang.ZH, value=value)
        else:
            tibetan, chinese = catalog.text(msgid, Lang.BO), catalog.text(msgid, Lang.ZH)
        done, total = self.clips.coverage(self.prompts)
        self.has_take = False
        self.screen.show_item(msgid, tibetan, chinese, done, total)
        self.screen.set_state(self.shared_state(msgid), error=self._refused(msgid))

    def shared_state(self, msgid: str) -> Message | None:
        """Whether this prompt's clip is recorded, and whether every kiosk has it."""
        if not self.clips.has(msgid):
            return None
        state = self.clips.state(msgid)
        if state.refused:
            reason = Ref(f"clip.reason.{state.refused}")
            return ("record.refused", None, {"reason": reason})
        if state.pending:
            return ("record.to_share", None, {})
        return ("record.shared", None, {"version": state.version})

    def _refused(self, msgid: str) -> bool:
        return self.clips.has(msgid) and self.clips.state(msgid).refused is not None

    def move(self, step: int) -> None:
        """Previous or next prompt."""
        self.stop_recording()
        self.index = (self.index + step) % len(self.prompts)
        self.show()

    def toggle_record(self) -> None:
        """Start or stop a take."""
        if self.recorder is not None:
            self.stop_recording()
            self.screen.set_state(("record.recorded", None, {}))
            self.has_take = True
            return
        device = QMediaDevices.defaultAudioInput()
        if device.isNull():
            self.screen.set_state(("record.no_microphone", None, {}), error=True)
            return
        self._release_player()
        self.scratch.parent.mkdir(parents=True, exist_ok=True)
        self.scratch.unlink(missing_ok=True)
        self.session = QMediaCaptureSession()
        self.session.setAudioInput(QAudioInput(device, self.session))
        self.recorder = QMediaRecorder()
        self.session.setRecorder(self.recorder)
        fmt = QMediaFormat(QMediaFormat.FileFormat.Wave)
        fmt.setAudioCodec(QMediaFormat.AudioCodec.Wave)
        self.recorder.setMediaFormat(fmt)
        self.recorder.setOutputLocation(QUrl.fromLocalFile(str(self.scratch)))
        self.recorder.errorOccurred.connect(self._on_error)
        self.recorder.record()
        self.screen.recording = True
        self.screen.set_state(("record.recording", None, {}))

    def stop_recording(self) -> None:
        """End a take (the file is complete when this returns to the event loop)."""
        if self.recorder is not None:
            self.recorder.stop()
            self.recorder = None
            self.session = None
        self.screen.recording = False
        self.screen.retranslate()

    def play(self) -> None:
        """Play the take, or the saved clip."""
        source = self.scratch if self.has_take else self.clips.path(self.prompts[self.index])
        if source.is_file():
            if self.player is None:
                self.player, self.output = QMediaPlayer(), QAudioOutput()
                self.player.setAudioOutput(self.output)
            self.player.setSource(QUrl.fromLocalFile(str(source)))
            self.player.play()

    def _release_player(self) -> None:
        if self.player is not None:
            self.player.stop()
            self.player.deleteLater()
            if self.output is not None:
                self.output.deleteLater()
            self.player = self.output = None

    def save(self) -> None:
        """Keep the take as this prompt's clip (checked first)."""
        if not self.has_take:
            return
        try:
            # Read, not moved: the take stays where a playback just started may open it.
            self.clips.record(self.prompts[self.index], self.scratch.read_bytes())
        except BadClipError as exc:
            self.screen.set_state(
                ("record.failed", None, {"reason": Ref(f"clip.reason.{exc.reason}")}),
                error=True,
            )
            return
        except OSError as exc:
            log.warning("take not saved: %s", type(exc).__name__)
            self.screen.set_state(
                ("record.failed", None, {"reason": Ref("clip.reason.not_wav")}), error=True
            )
            return
        self.show()
        self.screen.set_state(("record.saved", None, {}))
        self.saved.emit()

    def _on_error(self, _error: QMediaRecorder.Error, message: str) -> None:
        log.warning("recording failed: %s", message)
        self.stop_recording()
        self.screen.set_state(("record.failed", None, {"reason": message[:60]}), error=True)


class RecordingFeature(Feature):
    """Station staff record the Tibetan prompts (from the technician screen)."""

    spoken = ("record.title",)

    def __init__(self, shell: Shell, admin: AdminFeature) -> None:
        super().__init__(shell)
        self.admin = admin
        self.screen: RecordScreen
        self.flow: RecordFlow | None = None

    def build(self) -> list[Screen]:
        """The recording screen."""
        from kiosk.ui.recording.screen import RecordScreen  # noqa: PLC0415

        self.screen = RecordScreen(self.shell.theme, self.shell.texts)
        return [self.screen]

    def open_library(self, clips: ClipLibrary, prompts: list[str]) -> RecordFlow:
        """The clip library is known (with the voice, after the first frame): recording can
        start from the technician screen."""
        if self.flow is None:
            self.flow = RecordFlow(self.shell, self.screen, clips, prompts)
            self.admin.technician.record_requested.connect(self.flow.open)
        return self.flow
