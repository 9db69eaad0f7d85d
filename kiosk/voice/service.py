"""The voice service: what to say for a screen, made ready off the GUI thread.

``speak(msgid, langs, **fmt)`` returns at once; the WAV files arrive through ``on_ready``
(bridged to Qt, which plays them). A newer ``speak`` or ``stop`` makes older results stale,
so speech never runs on after the worker has moved on.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.i18n import Lang
from kiosk.voice.prompts import Chime, Clip, PromptResolver, Speech, Utterance
from kiosk.voice.tts import SynthesisError, Synthesizer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Ready:
    """Files to play for request ``token``, in order. A long prompt (a job's facts) comes
    in parts as each message is made, so the first words sound while the rest is
    synthesised: ``first`` starts the prompt, ``last`` says nothing more follows."""

    token: int
    msgid: str
    files: list[Path]
    missing: list[str]
    first: bool = True
    last: bool = True


class VoiceService:
    """Resolves prompts and synthesises speech on a worker; reports ``Ready`` results."""

    def __init__(
        self,
        resolver: PromptResolver,
        synth: Synthesizer,
        chime: Path,
        on_ready: Callable[[Ready], None],
        *,
        enabled: bool = True,
        sounds: dict[str, Path] | None = None,
    ) -> None:
        """``sounds``: files played for items named ``sound.<name>`` (the call chime)."""
        self.sounds = dict(sounds or {})
        self.resolver = resolver
        self.synth = synth
        self.chime = chime
        self.on_ready = on_ready
        self.enabled = enabled
        self._tokens = itertools.count(1)
        self.current = 0
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="voice")
        self.missed: dict[str, int] = {}

    def speak(self, msgid: str, langs: tuple[Lang, ...], **fmt: Any) -> int:
        """Queue the prompt ``msgid``; returns its token (0 when voice is off)."""
        return self.speak_all([(msgid, fmt)], langs)

    def speak_all(self, items: list[tuple[str, dict[str, Any]]], langs: tuple[Lang, ...]) -> int:
        """Several messages in a row (a result, then the new screen's prompt)."""
        items = [(m, f) for m, f in items if m]
        if not self.enabled or not items:
            return 0
        with self._lock:
            token = next(self._tokens)
            self.current = token
        self._pool.submit(self._prepare, token, items, langs)
        return token

    def stop(self) -> None:
        """Whatever is being prepared is dropped (the player stops its own playback)."""
        with self._lock:
            self.current = next(self._tokens)

    def _prepare(
        self, token: int, items: list[tuple[str, dict[str, Any]]], langs: tuple[Lang, ...]
    ) -> None:
        msgid = items[-1][0]
        for i, (one, fmt) in enumerate(items):
            if token != self.current:
                return  # the worker moved on: nothing more is made for this prompt
            try:
                if one.startswith("sound."):  # a sound, not a message (no language)
                    utterance, files = Utterance(), [self.sounds[one]] if one in self.sounds else []
                else:
                    utterance = self.resolver.resolve(one, langs, **fmt)
                    files = self._files(utterance)
            except Exception:  # a message that cannot be made is skipped, and logged
                log.exception("voice prompt %s failed", one)
                utterance, files = Utterance(), []
            for name in utterance.missing:
                self.missed[name] = self.missed.get(name, 0) + 1
            if token != self.current:
                return
            self.on_ready(
                Ready(
                    token,
                    msgid,
                    files,
                    list(utterance.missing),
                    first=i == 0,
                    last=i == len(items) - 1,
                )
            )

    def _files(self, utterance: Utterance) -> list[Path]:
        out: list[Path] = []
        for part in utterance.parts:
            if isinstance(part, Clip):
                out.append(part.path)
            elif isinstance(part, Chime):
                out.append(self.chime)
            elif isinstance(part, Speech):
                try:
                    out.append(self.synth.synthesize(part.text, part.lang).result(timeout=20))
                except (SynthesisError, TimeoutError) as exc:
                    log.warning("no speech for a %s prompt: %s", part.lang, exc)
        return out

    def close(self) -> None:
        """Stop the workers."""
        self.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.synth.stop()
