"""From a message id to what is heard: synthesised text, recorded clips, or the missing-clip
rule. Tibetan text is never handed to a synthesiser: no offline Tibetan voice exists, and
espeak-ng would read it as noise (UX.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from kiosk.i18n import Lang, Ref
from kiosk.voice.clips import ClipLibrary

TIBETAN = range(0x0F00, 0x1000)
MISSING_RULES = ("chinese", "chime", "silence")
SPEECH_LANG = {Lang.ZH: "zh", Lang.EN: "en"}
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")

# Place values with a recorded clip each (a Lhasa speaker records the joined forms, e.g.
# "ཉི་ཤུ" for 20); amounts and counts are read place by place from these.
PLACE_VALUES = [d * p for p in (1000, 100, 10, 1) for d in range(1, 10)]


def has_tibetan(text: str) -> bool:
    """True when ``text`` contains any Tibetan letter or mark."""
    return any(ord(ch) in TIBETAN for ch in text)


@dataclass(frozen=True)
class Speech:
    """Text for the synthesiser, in ``lang`` ("zh" or "en")."""

    text: str
    lang: str


@dataclass(frozen=True)
class Clip:
    """A recorded WAV file."""

    path: Path


@dataclass(frozen=True)
class Chime:
    """The missing-clip chime."""


Part = Speech | Clip | Chime


@dataclass
class Utterance:
    """What one prompt sounds like, in order; ``missing`` names clips that were not found."""

    parts: list[Part] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


class Messages(Protocol):
    """The catalog (``kiosk.i18n.Catalog`` fits)."""

    def text(self, msgid: str, lang: Lang, /, **fmt: Any) -> str: ...
    def ref(self, ref: Ref, lang: Lang, /) -> str: ...
    def plural(self, msgid: str, msgid_plural: str, n: int, lang: Lang, /, **fmt: Any) -> str: ...


def number_clip_names(n: int) -> list[str]:
    """Clip names for ``n`` (0 <= n < 10000), place by place: 250 -> ["num/200", "num/50"]."""
    if n == 0:
        return ["num/0"]
    if not 0 < n < 10000:
        return []
    out = []
    for place in (1000, 100, 10, 1):
        digit = n // place % 10
        if digit:
            out.append(f"num/{digit * place}")
    return out


class PromptResolver:
    """Turns (message id, mode) into an :class:`Utterance`."""

    def __init__(self, messages: Messages, clips: ClipLibrary, missing_rule: str) -> None:
        if missing_rule not in MISSING_RULES:
            raise ValueError(f"missing_clip must be one of {MISSING_RULES}")
        self.messages = messages
        self.clips = clips
        self.missing_rule = missing_rule

    def resolve(self, msgid: str, langs: tuple[Lang, ...], **fmt: Any) -> Utterance:
        """The prompt in each language shown, top line first (Tibetan, then Chinese)."""
        out = Utterance()
        spoke_chinese = False
        for lang in langs:
            if lang is Lang.BO:
                self._tibetan(out, msgid, fmt)
                continue
            text = self.text(msgid, lang, fmt)
            if has_tibetan(text) or PLACEHOLDER.search(text):
                continue  # never speak Tibetan through espeak, nor a "{name}" left unfilled
            spoke_chinese = spoke_chinese or lang is Lang.ZH
            out.parts.append(Speech(text, SPEECH_LANG[lang]))
        if out.missing and self.missing_rule == "chinese" and not spoke_chinese:
            text = self.text(msgid, Lang.ZH, fmt)
            if not has_tibetan(text) and not PLACEHOLDER.search(text):
                out.parts.append(Speech(text, "zh"))
        return out

    def text(self, msgid: str, lang: Lang, fmt: dict[str, Any]) -> str:
        """The message as shown in ``lang`` (plural when ``n`` is given, refs translated)."""
        values = {
            k: self.messages.ref(v, lang) if isinstance(v, Ref) else v for k, v in fmt.items()
        }
        if "n" in values:
            n = values.pop("n")
            return self.messages.plural(msgid, f"{msgid}.plural", int(n), lang, **values)
        return self.messages.text(msgid, lang, **values)

    def _tibetan(self, out: Utterance, msgid: str, fmt: dict[str, Any]) -> None:
        if not self.clips.has(msgid):
            out.missing.append(msgid)
            if self.missing_rule == "chime":
                out.parts.append(Chime())
            return
        out.parts.append(Clip(self.clips.path(msgid)))
        self._values(out, list(fmt.values()))

    def _values(self, out: Utterance, values: list[Any]) -> None:
        """The recorded sentence's names and numbers, in order; a name's own values follow it
        ("on {day}" -> the clip for "Thursday, {month} {date}", then its numbers)."""
        for value in values:
            if isinstance(value, Ref):
                if self.clips.has(value.msgid):
                    out.parts.append(Clip(self.clips.path(value.msgid)))
                    self._values(out, [v for _, v in value.values])
                else:
                    out.missing.append(value.msgid)
            elif isinstance(value, int) and not isinstance(value, bool):
                names = number_clip_names(value)
                if names and all(self.clips.has(n) for n in names):
                    out.parts += [Clip(self.clips.path(n)) for n in names]
                else:
                    out.missing += [n for n in names if not self.clips.has(n)]
