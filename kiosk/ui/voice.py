"""Playing prompts: the voice service's results reach the GUI thread here and play in order
through QtMultimedia. A new screen stops what is playing and speaks its own prompt."""

from __future__ import annotations

import logging
import time
import wave
from collections import deque
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

from kiosk.voice.service import Ready

log = logging.getLogger(__name__)
HISTORY = 64


def write_silence(path: Path, seconds: float = 0.2, rate: int = 22050) -> Path:
    """A silent 16-bit mono WAV at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\0\0" * int(rate * seconds))
    return path


class VoiceBridge(QObject):
    """Carries :class:`Ready` results from the voice worker to the GUI thread."""

    ready = Signal(object)

    def sink(self, result: Ready) -> None:
        """Any thread."""
        self.ready.emit(result)


class VoicePlayer(QObject):
    """Plays the files of the newest prompt one after another.

    ``audio_started(token, seconds)`` fires when sound is actually coming out (the player's
    position has moved), with the time since the prompt was asked for: the prompt latency.
    """

    audio_started = Signal(int, float)
    finished = Signal(int)

    def __init__(self, volume: float) -> None:
        super().__init__()
        self.output = QAudioOutput()
        self.output.setVolume(volume)
        self.player = QMediaPlayer()
        self.player.setAudioOutput(self.output)
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.positionChanged.connect(self._on_position)
        self.player.errorOccurred.connect(self._on_error)
        self.queue: list[Path] = []
        self.token = 0
        self._more = False  # more parts of the current prompt are still being made
        self._playing = False
        self.done = 0  # the last token whose every part has played
        # Recent history only (a kiosk runs for weeks): the last HISTORY prompts.
        self.asked_at: dict[int, float] = {}
        self._started = False
        self.played: deque[tuple[int, Path]] = deque(maxlen=HISTORY)
        self.latencies: dict[int, float] = {}  # token -> seconds from asked to sounding
        self.ready_latencies: dict[int, float] = {}  # token -> seconds from asked to play()

    def warm_up(self, silence: Path) -> None:
        """Play a moment of silence at start: the first sound of a process costs ~0.9 s
        (the sound server's connection and the decoder's start, measured on the speaker's
        monitor), every later one ~50 ms. Paid here, the first prompt is as quick as the
        rest."""
        if not silence.is_file():
            log.warning("silence.wav missing from the assets; the first prompt starts slowly")
            return
        self.player.setSource(QUrl.fromLocalFile(str(silence)))
        self.player.play()

    @staticmethod
    def has_output() -> bool:
        """True when the system offers an audio output device."""
        return bool(QMediaDevices.audioOutputs())

    def asked(self, token: int) -> None:
        """A prompt was requested now (start of the latency measurement)."""
        if token:
            for book in (self.asked_at, self.latencies, self.ready_latencies):
                for old in [t for t in book if t <= token - HISTORY]:
                    del book[old]
            self.asked_at[token] = time.perf_counter()
            self.stop()
            self.token = token

    def play(self, result: object) -> None:
        """Play a :class:`Ready` result unless a newer prompt was asked for since; later
        parts of the same prompt queue behind what is playing."""
        if not isinstance(result, Ready) or result.token != self.token:
            return
        self._more = not result.last
        if result.first:
            self.queue = list(result.files)
            self._started = False
            asked = self.asked_at.get(result.token)
            if asked is not None:
                self.ready_latencies[result.token] = time.perf_counter() - asked
            self._next()
            return
        self.queue += result.files
        if not self._playing:
            self._next()

    def stop(self) -> None:
        """Silence now."""
        self.queue = []
        self._more = False
        self._playing = False
        self.player.stop()

    def _next(self) -> None:
        if not self.queue:
            self._playing = False
            if not self._more:
                self.done = self.token
                self.finished.emit(self.token)
            return
        path = self.queue.pop(0)
        if not path.is_file():  # removed since it was made (a cache purge): skip it
            log.warning("voice file missing; skipped")
            self._next()
            return
        self._playing = True
        self.played.append((self.token, path))
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.player.play()

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._next()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            log.warning("voice file could not be played")
            self._next()

    def _on_position(self, position: int) -> None:
        if position > 0 and not self._started:
            self._started = True
            asked = self.asked_at.pop(self.token, None)
            if asked is not None:
                self.latencies[self.token] = time.perf_counter() - asked
                self.audio_started.emit(self.token, self.latencies[self.token])

    def _on_error(self, _error: QMediaPlayer.Error, message: str) -> None:
        log.warning("voice playback error: %s", message)
