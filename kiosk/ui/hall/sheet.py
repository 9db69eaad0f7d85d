"""The printed job sheet of the day (岗位信息手册, one sheet of it): the hall board's jobs on
paper, in Tibetan and Chinese, each with a QR code that opens the job's page at the market
(a phone, or a relative's, reads it at home). Printed from the staff screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kiosk.domain.entities import Duration
from kiosk.domain.hall import job_address
from kiosk.domain.matching import Match
from kiosk.i18n import Catalog, Lang, Ref
from kiosk.ui.jobs import facts
from kiosk.ui.jobs.model import card_summary
from kiosk.ui.printout import PAPERS, Pages, draw_qr, lines_of, new_writer, say
from kiosk.ui.texts import Message

QR_MM = 24  # read by a phone at arm's length; five or six jobs fit an A4 page


def job_messages(match: Match, today: dt.date) -> list[list[Message]]:
    """What the sheet says of one job, line by line: the trade; when, how long and how far;
    the wage and the places left; where (the address is in Chinese, as the market has it)."""
    job = match.candidate.job
    unit = "sheet.wage_half_day" if job.duration is Duration.HALF_DAY else "sheet.wage"
    return [
        [(f"jobtype.{job.job_type_code}", None, {})],
        [facts.when(match, today), card_summary(match)],
        [
            (unit, None, {"wage": job.day_wage}),
            ("hall.places", job.slots_total - job.slots_taken, {}),
        ],
        [("sheet.address", None, {"address": job.address_zh})],
    ]


def joined(catalog: Catalog, messages: list[Message]) -> list[tuple[Lang, str]]:
    """Several short messages on one line a language ("明天 07:00–16:00 · 一天 · 6 公里")."""
    per_lang: dict[Lang, list[str]] = {}
    for message in messages:
        for lang, text in lines_of(catalog, message):
            per_lang.setdefault(lang, []).append(text)
    return [(lang, " · ".join(texts)) for lang, texts in per_lang.items()]


def sheet_messages(
    station_code: str, printed_at: dt.datetime, *, with_codes: bool
) -> list[Message]:
    """The sheet's head: title, station, when printed, how to apply (and what the codes
    are, when there are codes)."""
    return [
        ("hall.title", None, {}),
        ("sheet.station", None, {"station": Ref(f"place.{station_code}")}),
        ("sheet.printed_at", None, {"when": f"{printed_at:%Y-%m-%d %H:%M}"}),
        ("hall.how", None, {}),
        *([("sheet.scan", None, {})] if with_codes else []),
    ]


def write_sheet(
    path: Path,
    catalog: Catalog,
    jobs: list[Match],
    *,
    station_code: str,
    printed_at: dt.datetime,
    base_url: str | None,
    paper: str,
) -> Path:
    """Write the sheet to ``path`` (whole, then renamed into place). Without ``base_url``
    (not enrolled with a market) the jobs are printed without codes."""
    spec = PAPERS[paper]
    today = printed_at.date()
    tmp = path.with_name(f".{path.name}.part")
    writer = new_writer(tmp, spec, catalog.text("hall.title", Lang.ZH))
    head = sheet_messages(station_code, printed_at, with_codes=base_url is not None)
    blocks = [(match, job_messages(match, today)) for match in jobs]
    # Every printed line as text too: a PDF cannot give shaped Tibetan back from the page.
    printed = [line for m in head for _, line in lines_of(catalog, m)]
    printed += [line for _, rows in blocks for row in rows for _, line in joined(catalog, row)]
    text = "\n".join(printed) + "\n"
    writer.addFileAttachment("job-sheet.txt", text.encode(), "text/plain")
    pages = Pages(writer, spec)
    body = spec.body_pt
    try:
        title, *rest = head
        say(pages, catalog, title, body * 1.6, bold=True)
        for message in rest:
            say(pages, catalog, message, body)
        pages.rule()
        for match, messages in blocks:
            _job(pages, catalog, match, messages, base_url=base_url, body=body)
    finally:
        pages.painter.end()
    del pages, writer  # the file is complete once the writer is gone
    tmp.replace(path)
    return path


def _job(
    pages: Pages,
    catalog: Catalog,
    match: Match,
    messages: list[list[Message]],
    *,
    base_url: str | None,
    body: float,
) -> None:
    """One job, never split across pages: its QR code at the left, its facts beside it
    (Tibetan and Chinese side by side on A4, one under the other on a roll), a rule."""
    quiet = pages.mm(QR_MM * 4 / 29)  # the code's quiet zone, about four modules a side
    code = pages.mm(QR_MM) + 2 * quiet if base_url is not None else 0
    left = pages.left + (code + pages.mm(2) if code else 0)
    width = pages.width - (left - pages.left)
    rows = [
        (joined(catalog, row), body * (1.2 if i == 0 else 0.95), i in {0, 2})
        for i, row in enumerate(messages)
    ]
    pages.room(max(code, sum(_row_height(pages, r, width) for r in rows)) + pages.mm(4))
    if base_url is not None:
        draw_qr(pages, job_address(base_url, match.candidate.job.id), QR_MM)
    for lines, size, bold in rows:
        _row(pages, lines, size, bold=bold, left=left, width=width)
    if base_url is not None:
        pages.y = max(pages.y, pages.qr_bottom)
    pages.rule()


def _columns(
    pages: Pages, lines: list[tuple[Lang, str]], left: int, width: int
) -> list[tuple[int, int]]:
    """(left, width) of each language's line: side by side unless the paper is narrow."""
    if pages.paper.stacked or len(lines) < 2:
        return [(left, width)] * len(lines)
    gutter = pages.mm(4)
    half = (width - gutter) // 2
    return [(left, half), (left + half + gutter, half)]


def _row_height(pages: Pages, row: tuple[list[tuple[Lang, str]], float, bool], width: int) -> int:
    lines, size, bold = row
    heights = [
        pages.measure(lang, text, size, w, bold=bold) + pages.mm(0.6)
        for (lang, text), (_, w) in zip(lines, _columns(pages, lines, 0, width), strict=True)
    ]
    return sum(heights) if pages.paper.stacked else max(heights, default=0)


def _row(
    pages: Pages, lines: list[tuple[Lang, str]], size: float, *, bold: bool, left: int, width: int
) -> None:
    top, bottoms = pages.y, []
    for (lang, text), (x, w) in zip(lines, _columns(pages, lines, left, width), strict=True):
        if not pages.paper.stacked:
            pages.y = top
        pages.text(lang, text, size, bold=bold, width=w, left=x, gap_mm=0.6)
        bottoms.append(pages.y)
    pages.y = max(bottoms, default=top)
