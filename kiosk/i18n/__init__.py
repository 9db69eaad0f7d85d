"""One gettext catalog (bo, zh_CN, en) for screens and voice, with bilingual look-up.

Message ids are symbolic (``attract.tap_card``) so that recorded Tibetan clips, tests and
translators all name a message the same way. ``Catalog.lines`` gives the Tibetan line
above the Chinese one, as on public signs in Tibet.
"""

from __future__ import annotations

import gettext
import io
import logging
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DOMAIN = "kiosk"


class Lang(Enum):
    """A catalog language (gettext locale names)."""

    BO = "bo"
    ZH = "zh_CN"
    EN = "en"


class Mode(Enum):
    """What a worker chose to read: both scripts (default), one of them, or English."""

    BOTH = "both"
    BO = "bo"
    ZH = "zh"
    EN = "en"

    @property
    def langs(self) -> tuple[Lang, ...]:
        """Languages shown, top line first."""
        return {
            Mode.BOTH: (Lang.BO, Lang.ZH),
            Mode.BO: (Lang.BO,),
            Mode.ZH: (Lang.ZH,),
            Mode.EN: (Lang.EN,),
        }[self]


@dataclass(frozen=True)
class Ref:
    """A format value that is itself a message (a trade's name, "tomorrow"): translated in
    each language on its own, never spliced from fragments; in Tibetan speech it is read
    from its own clip after the sentence's clip. ``values`` format the referred message;
    an ``n`` among them picks its plural form (``<msgid>.plural``)."""

    msgid: str
    values: tuple[tuple[str, Any], ...] = field(default=())

    @classmethod
    def to(cls, msgid: str, /, **values: Any) -> Ref:
        """``Ref.to("date.weekday_date", weekday=Ref("weekday.3"), month=12, day=3)``."""
        return cls(msgid, tuple(values.items()))


class CatalogError(Exception):
    """A catalog file is missing or unreadable (a technician problem, named precisely)."""


def _load(translations: Path, lang: Lang) -> gettext.GNUTranslations:
    base = translations / lang.value / "LC_MESSAGES"
    mo, po = base / f"{DOMAIN}.mo", base / f"{DOMAIN}.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if not po.exists():
        raise CatalogError(f"{po}: translation catalog missing")
    # A checkout without compiled catalogs still runs: compile in memory (slower start).
    from babel.messages.mofile import write_mo  # noqa: PLC0415 - only on this rare path
    from babel.messages.pofile import read_po  # noqa: PLC0415

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang.value)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    log.warning("%s: compiled catalog missing or stale; compiled in memory", mo)
    return gettext.GNUTranslations(buf)


class Catalog:
    """Looks messages up in every language; missing ones fall back (zh, then en) and log."""

    def __init__(self, translations: Path) -> None:
        self._tr = {lang: _load(translations, lang) for lang in Lang}
        self._warned: set[tuple[str, Lang]] = set()

    def _raw(self, msgid: str, lang: Lang, plural: str | None, n: int) -> str | None:
        tr = self._tr[lang]
        text = tr.ngettext(msgid, plural, n) if plural else tr.gettext(msgid)
        return None if text in (msgid, plural) else text

    def text(self, msgid: str, lang: Lang, /, **fmt: Any) -> str:
        """The message in ``lang``, formatted with ``fmt`` (a :class:`Ref` value is itself
        translated into ``lang``)."""
        return self._lookup(msgid, lang, None, 0, fmt)

    def ref(self, ref: Ref, lang: Lang) -> str:
        """The referred message in ``lang``, with its own values."""
        values = dict(ref.values)
        if "n" in values:
            n = int(values.pop("n"))
            return self.plural(ref.msgid, f"{ref.msgid}.plural", n, lang, **values)
        return self.text(ref.msgid, lang, **values)

    def plural(self, msgid: str, msgid_plural: str, n: int, lang: Lang, /, **fmt: Any) -> str:
        """The plural form for ``n`` (``n`` is also passed to the format as ``n``)."""
        return self._lookup(msgid, lang, msgid_plural, n, {"n": n, **fmt})

    def _lookup(
        self, msgid: str, lang: Lang, plural: str | None, n: int, fmt: dict[str, Any]
    ) -> str:
        for candidate in (lang, Lang.ZH, Lang.EN):
            text = self._raw(msgid, candidate, plural, n)
            if text is not None:
                if candidate is not lang and (msgid, lang) not in self._warned:
                    self._warned.add((msgid, lang))
                    log.warning("message %s has no %s translation", msgid, lang.value)
                if not fmt:
                    return text
                values = {k: self.ref(v, lang) if isinstance(v, Ref) else v for k, v in fmt.items()}
                return text.format(**values)
        log.error("message %s is in no catalog", msgid)
        return msgid

    def ids(self, lang: Lang) -> set[str]:
        """Message ids with a translation in ``lang``."""
        keys = self._tr[lang]._catalog  # type: ignore[attr-defined]
        return {k[0] if isinstance(k, tuple) else k for k in keys} - {""}

    def missing(self, lang: Lang) -> list[str]:
        """Ids that the Chinese catalog has and ``lang`` lacks (sorted)."""
        return sorted(self.ids(Lang.ZH) - self.ids(lang))

    def lines(self, msgid: str, mode: Mode, /, **fmt: Any) -> list[tuple[Lang, str]]:
        """One (language, text) per line shown in ``mode``, Tibetan first."""
        return [(lang, self.text(msgid, lang, **fmt)) for lang in mode.langs]

    def plural_lines(
        self, msgid: str, msgid_plural: str, n: int, mode: Mode, /, **fmt: Any
    ) -> list[tuple[Lang, str]]:
        """Like ``lines`` for a message with plural forms."""
        return [(lang, self.plural(msgid, msgid_plural, n, lang, **fmt)) for lang in mode.langs]
