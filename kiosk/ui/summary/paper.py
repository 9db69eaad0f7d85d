"""The visit summary on paper: what the worker applied for, where and when, whom to call,
in Tibetan and Chinese, for the worker to take home."""

from __future__ import annotations

from pathlib import Path

from kiosk.i18n import Catalog, Lang
from kiosk.ui.printout import PAPERS, Pages, new_writer, say
from kiosk.ui.texts import Message


def write_summary(
    path: Path,
    catalog: Catalog,
    messages: list[Message],
    *,
    paper: str,
    title_id: str = "summary.title",
) -> Path:
    """Write ``messages`` to ``path``, the first as the title (the visit summary; the
    complaint receipt with its own ``title_id``)."""
    spec = PAPERS[paper]
    writer = new_writer(path, spec, catalog.text(title_id, Lang.ZH))
    pages = Pages(writer, spec)
    try:
        title, *rest = messages
        say(pages, catalog, title, spec.body_pt * 1.6, bold=True)
        pages.rule()
        for message in rest:
            say(pages, catalog, message, spec.body_pt * 1.2)
    finally:
        pages.painter.end()
    del pages, writer
    return path
