"""Every screen speaks its prompt on arrival, every banner its message; "say it again"
repeats; moving on stops what was playing. Speech is in the language shown (Tibetan from
recorded clips, Chinese and English synthesised)."""

from __future__ import annotations

import contextlib
import logging
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from kiosk.i18n import Lang
from kiosk.ui.voice import VoiceBridge, VoicePlayer
from kiosk.voice.prompts import PLACE_VALUES
from kiosk.voice.service import VoiceService

if TYPE_CHECKING:
    from kiosk.i18n import Catalog
    from kiosk.ui.shell import Shell

log = logging.getLogger(__name__)
RESULT_GRACE_S = 2.0  # a screen shown this soon after a result is announced after it

# Messages spoken besides what the features list: errors, trade names, and the parts of
# a job's spoken facts (kiosk.ui.jobs.facts).
SPOKEN_PREFIXES = (
    "say.",
    "jobtype.",
    "date.",
    "weekday.",
    "duration.",
    "pay.",
    "credit.",
    "reason.",
    "place.",  # the station's name in the visit summary
    "error.",
)


def spoken_prompts(catalog: Catalog, screen_prompts: list[str] | None = None) -> list[str]:
    """Every message the kiosk may speak, for recording coverage, the most heard first: the
    screens of a visit in the order a worker meets them (features in order, each in its
    own order), then the parts of a job's facts, trade names, errors, and the number
    place values last (so a station that records from the top covers a visit soonest)."""
    from kiosk.ui.controller import FEATURES  # noqa: PLC0415 - the features' screens load here

    known = set(catalog.ids(Lang.ZH))
    ordered = [*(screen_prompts or ()), *(m for feature in FEATURES for m in feature.spoken)]
    for prefix in SPOKEN_PREFIXES:
        ordered += sorted(m for m in known if m.startswith(prefix))
    out = [m for m in dict.fromkeys(ordered) if m in known]  # first place kept, once each
    return out + ["num/0"] + [f"num/{v}" for v in sorted(PLACE_VALUES)]


class VoiceFlow(QObject):
    """Connects screens, banners and the repeat buttons to the voice service and player."""

    def __init__(self, shell: Shell, service: VoiceService, player: VoicePlayer) -> None:
        super().__init__()
        self.shell = shell
        self.service = service
        self.player = player
        self.bridge = VoiceBridge()
        self.bridge.ready.connect(player.play)
        service.on_ready = self.bridge.sink
        self.last: list[tuple[str, dict[str, Any]]] = []
        self._banner_at = -1e9
        self._pending = False
        self._wired: list[tuple[Any, Any]] = []
        self.closed = False
        self.spoken: deque[tuple[str, ...]] = deque(maxlen=64)  # what the last prompts said

    def wire(self) -> None:
        """Wire everything (after the features' screens exist): each screen's arrival and
        step changes, its say-it-again button, the banner and what the shell announces."""
        window = self.shell.window
        signals: list[tuple[Any, Any]] = [
            (window.navigator.screen_changed, self.screen_shown),
            (window.banner.shown, self.say),
            (self.shell.announced, self.say),
            (self.shell.said, self.say_all),
            (self.shell.texts.mode_changed, self.screen_shown),
        ]
        for screen in window.navigator.screens.values():
            for owner in (screen, getattr(screen, "bar", None)):
                repeat = getattr(owner, "repeat_requested", None)
                if repeat is not None:
                    signals.append((repeat, self.repeat))
            changed = getattr(screen, "prompt_changed", None)
            if changed is not None:
                signals.append((changed, self.screen_shown))
        for signal, slot in signals:
            signal.connect(slot)
        self._wired = signals

    def screen_shown(self, *_args: object) -> None:
        """The visible screen (or its step, or the language) changed: speak its prompt.

        Changes in one turn of the event loop (the language reset and the move to the start
        screen at the end of a visit) make one prompt, for the state they leave.
        """
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._speak_screen)

    def _speak_screen(self) -> None:
        """A result announced just before (the banner, e.g. "application sent") is said
        first, not cut off by the new screen."""
        self._pending = False
        if self.closed:
            return
        items = list(self.shell.window.navigator.current.prompts())
        banner = self.shell.window.banner
        if (
            not banner.isHidden()  # shown, whether or not the panel is on
            and banner.message_id
            and time.monotonic() - self._banner_at < RESULT_GRACE_S
            and [m for m, _ in self.last] == [banner.message_id]  # not yet said with a screen
        ):
            items.insert(0, (banner.message_id, {}))
        self._say(items)

    def say(self, msgid: str, fmt: dict[str, Any] | None = None) -> None:
        """Speak ``msgid`` now in the languages shown; whatever was playing stops."""
        self._banner_at = time.monotonic()
        self._say([(msgid, dict(fmt or {}))])

    def say_all(self, items: list[tuple[str, dict[str, Any]]]) -> None:
        """Speak several messages in a row now."""
        self._say([(m, dict(f)) for m, f in items])

    def _say(self, items: list[tuple[str, dict[str, Any]]]) -> None:
        items = [(m, f) for m, f in items if m]
        if not items:
            return
        self.last = items
        self.spoken.append(tuple(m for m, _ in items))
        self.player.asked(self.service.speak_all(items, self.shell.texts.mode.langs))

    def repeat(self) -> None:
        """ "Say it again"."""
        self._say(self.last)

    def stop(self) -> None:
        """Silence (the visit ended)."""
        self.service.stop()
        self.player.stop()

    def close(self) -> None:
        """Stop playback and the voice threads; let go of the screens."""
        if self.closed:
            return
        self.closed = True
        for signal, slot in self._wired:
            with contextlib.suppress(RuntimeError, TypeError):  # the sender may be gone
                signal.disconnect(slot)
        self._wired = []
        self.stop()
        self.service.close()
