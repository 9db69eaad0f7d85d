"""The market's small public pages for a phone's browser (an agreement's check, a job):
one look for both, a Tibetan heading over a Chinese one in the state's colour, a table of
facts, and the rights line; every value escaped."""

from __future__ import annotations

import html
from collections.abc import Sequence

STYLE = (
    "body{font-family:'Noto Sans CJK SC','Noto Serif Tibetan',sans-serif;margin:1.2em;"
    "font-size:18px}h1{font-size:1.5em;margin:.2em 0}"
    "th{text-align:left;padding:.3em .8em .3em 0;vertical-align:top}"
    "td{overflow-wrap:anywhere}"
)
GOOD, WARN, BAD = "#1b6e2a", "#8a5a00", "#a01515"


def table(rows: Sequence[tuple[str, object | None]]) -> str:
    """The facts known (a None is left out), each label beside its value."""
    return (
        "<table>"
        + "".join(
            f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>"
            for k, v in rows
            if v is not None
        )
        + "</table>"
    )


def page(title: str, heading: tuple[str, str], colour: str, body: str, footer: str) -> str:
    """A whole page: ``heading`` is (Tibetan, Chinese); ``body`` is already HTML."""
    bo, zh = heading
    return (
        "<!doctype html><html lang='zh'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1 lang='bo' style='color:{colour}'>{html.escape(bo)}</h1>"
        f"<h1 style='color:{colour}'>{html.escape(zh)}</h1>"
        f"{body}<p>{html.escape(footer)}</p></body></html>"
    )
