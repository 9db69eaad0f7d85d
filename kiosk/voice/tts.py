"""Speech synthesis to checked, cached WAV files.

pyttsx3 2.99 fails silently (UX.md): ``say()`` shells out to aplay, a long prompt can land in
the next ``save_to_file`` output, a set output file sticks. So one thread owns the engine,
every prompt goes to its own file, the file is checked, and the ``espeak-ng`` command is the
fallback. Voices: ``cmn-latn-pinyin`` for Chinese (the ``cmn`` voice reads pinyin in
English), ``en`` for English. Tibetan is refused here, whatever the caller.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import shutil
import subprocess
import threading
import wave
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from kiosk.voice.prompts import has_tibetan

log = logging.getLogger(__name__)

VOICES = {"zh": "cmn-latn-pinyin", "en": "en"}
MIN_SECONDS = 0.15


class SynthesisError(Exception):
    """No usable WAV could be made."""


def wav_seconds(path: Path) -> float:
    """Duration of a PCM WAV; raises SynthesisError when it is not one."""
    try:
        with wave.open(str(path), "rb") as w:
            frames, rate = w.getnframes(), w.getframerate()
    except (OSError, EOFError, wave.Error) as exc:
        raise SynthesisError(f"not a WAV: {type(exc).__name__}") from None
    if rate <= 0:
        raise SynthesisError("no sample rate")
    return frames / rate


class Synthesizer:
    """Text to WAV in ``cache_dir``; the same (voice, rate, text) is made once."""

    def __init__(self, cache_dir: Path, rate_wpm: int, *, use_pyttsx3: bool = True) -> None:
        self.cache_dir = cache_dir
        self.rate = rate_wpm
        self.use_pyttsx3 = use_pyttsx3
        self._jobs: queue.Queue[tuple[str, str, Future[Path]] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self.fallbacks = 0

    def start(self) -> None:
        """Start the owner thread (it creates the pyttsx3 engine itself)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="tts", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """End the owner thread."""
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join(5)
            self._thread = None

    def cached(self, text: str, lang: str) -> Path:
        """Where ``text`` would be cached."""
        key = hashlib.sha256(f"{VOICES.get(lang)}|{self.rate}|{text}".encode()).hexdigest()[:24]
        return self.cache_dir / f"{lang}-{key}.wav"

    def synthesize(self, text: str, lang: str) -> Future[Path]:
        """A future WAV of ``text`` (done at once when cached)."""
        fut: Future[Path] = Future()
        if has_tibetan(text) or lang not in VOICES:
            fut.set_exception(SynthesisError(f"no voice for {lang!r}"))
            return fut
        path = self.cached(text, lang)
        if path.is_file():
            fut.set_result(path)
            return fut
        self.start()
        self._jobs.put((text, lang, fut))
        return fut

    def _run(self) -> None:
        engine = self._engine() if self.use_pyttsx3 else None
        while True:
            job = self._jobs.get()
            if job is None:
                return
            text, lang, fut = job
            try:
                fut.set_result(self._make(engine, text, lang))
            except SynthesisError as exc:
                fut.set_exception(exc)
            except Exception as exc:  # noqa: BLE001 - a broken engine must not end the thread
                log.warning("speech synthesis failed: %s", type(exc).__name__)
                fut.set_exception(SynthesisError(type(exc).__name__))

    def _engine(self) -> Any:
        try:
            import pyttsx3  # noqa: PLC0415 - optional at run time, loaded on this thread

            return pyttsx3.init("espeak")
        except Exception as exc:  # noqa: BLE001 - any failure means: use the command
            log.warning("pyttsx3 unavailable (%s); using the espeak-ng command", exc)
            return None

    def _make(self, engine: Any, text: str, lang: str) -> Path:
        path = self.cached(text, lang)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part.wav")
        if engine is not None:
            try:
                engine.setProperty("voice", VOICES[lang])
                engine.setProperty("rate", self.rate)
                engine.save_to_file(text, str(tmp))
                engine.runAndWait()
                if wav_seconds(tmp) >= MIN_SECONDS:
                    tmp.replace(path)
                    return path
                log.warning("pyttsx3 wrote an empty file; using the espeak-ng command")
            except Exception as exc:  # noqa: BLE001 - fall back, as UX.md says
                log.warning("pyttsx3 failed (%s); using the espeak-ng command", type(exc).__name__)
        self.fallbacks += 1
        self._command(text, lang, tmp)
        if wav_seconds(tmp) < MIN_SECONDS:
            raise SynthesisError("espeak-ng wrote no speech")
        tmp.replace(path)
        return path

    def _command(self, text: str, lang: str, out: Path) -> None:
        exe = shutil.which("espeak-ng")
        if exe is None:
            raise SynthesisError("espeak-ng is not installed")
        result = subprocess.run(
            [exe, "-v", VOICES[lang], "-s", str(self.rate), "-w", str(out), "--", text],
            capture_output=True,
            timeout=20,
            check=False,
        )
        if result.returncode != 0:
            raise SynthesisError(f"espeak-ng exit {result.returncode}")
