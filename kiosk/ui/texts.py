"""The catalog plus the worker's chosen display mode, with one change signal."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.i18n import Catalog, Lang, Mode


class Texts(QObject):
    """What every screen asks for its words; ``mode_changed`` makes them retranslate."""

    mode_changed = Signal()

    def __init__(self, catalog: Catalog, default_mode: Mode) -> None:
        super().__init__()
        self.catalog = catalog
        self.default_mode = default_mode
        self.mode = default_mode

    def set_mode(self, mode: Mode) -> None:
        """Switch languages now (screens retranslate at once)."""
        if mode is not self.mode:
            self.mode = mode
            self.mode_changed.emit()

    def reset(self) -> None:
        """Back to the station's default (a session ended)."""
        self.set_mode(self.default_mode)

    def lines(self, msgid: str, /, **fmt: Any) -> list[tuple[Lang, str]]:
        """The message in the current mode, top line first."""
        return self.catalog.lines(msgid, self.mode, **fmt)

    def plural_lines(self, msgid: str, n: int, /, **fmt: Any) -> list[tuple[Lang, str]]:
        """A message with plural forms (its plural id is ``<msgid>.plural``)."""
        return self.catalog.plural_lines(msgid, f"{msgid}.plural", n, self.mode, **fmt)

    def compose(self, items: list[Message]) -> list[tuple[Lang, str]]:
        """Several whole messages stacked (each translated on its own, never spliced)."""
        out: list[tuple[Lang, str]] = []
        for msgid, n, fmt in items:
            out += self.plural_lines(msgid, n, **fmt) if n is not None else self.lines(msgid, **fmt)
        return out


# A message to show later in whatever mode is current: (id, plural count or None, fields).
Message = tuple[str, int | None, dict[str, Any]]


def spoken(items: list[Message]) -> list[tuple[str, dict[str, Any]]]:
    """Messages as the voice takes them: the plural count travels as ``n``."""
    return [(msgid, {**fmt, "n": n} if n is not None else dict(fmt)) for msgid, n, fmt in items]
