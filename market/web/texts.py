"""The worker's pages read the kiosk's own catalog (``translations/<lang>/LC_MESSAGES/
kiosk.mo``), so a worker reads on their phone the very words the kiosk says, and a Lhasa
reviewer checks one file: each line is Tibetan above Chinese, as on the kiosk's screen."""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path
from typing import Any

LANGS = ("bo", "zh_CN")


def _dir() -> Path:
    tree = Path(__file__).resolve().parents[2]
    return Path(os.environ.get("KIOSK_TRANSLATIONS_DIR", tree / "translations"))


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("kiosk", _dir(), languages=[lang])
    except OSError:  # not built: the ids show, and the test of the pages fails
        return gettext.NullTranslations()


def line(msgid: str, lang: str, **fmt: Any) -> str:
    """One language's text of a message (its id when the catalog lacks it)."""
    text = _catalog(lang).gettext(msgid)
    return text.format(**fmt) if fmt else text


def lines(msgid: str, **fmt: Any) -> list[tuple[str, str]]:
    """(html lang, text): Tibetan first, then Chinese."""
    return [("bo" if lang == "bo" else "zh", line(msgid, lang, **fmt)) for lang in LANGS]
