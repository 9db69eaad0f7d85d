"""The page a printed job sheet's QR code opens: one job as the market has it now (still
open, full, closed, or unknown here), in Chinese with Tibetan headings, for a phone's
browser; JSON for programs. Public, like the sheet itself: it shows what a kiosk shows of
a job, and of a person employing, the first character of the name only.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from kiosk.domain.places import places_left
from market.db import utcnow
from market.deps import DB, ERRORS
from market.models import Record
from market.routes.page import BAD, GOOD, WARN, page, table

router = APIRouter(prefix="/v1", tags=["jobs"])
JobId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]

# What the page says, in Tibetan and Chinese (review: not in the glossary, ours; ལས་ཀ job
# is attested).
WORDS = {
    "open": ("ལས་ཀ་འདིར་མི་དགོས་ཀྱི་ཡོད།", "这份工作还在招人"),
    "full": ("ལས་ཀ་འདིར་མི་ཁ་ཚང་ཟིན།", "这份工作已经招满了"),
    "closed": ("ལས་ཀ་འདི་མཇུག་རྫོགས་ཟིན།", "这份工作已经结束招聘"),
    "unknown": ("ལས་ཀ་འདི་རྙེད་མ་སོང་།", "查无此工作"),
}
HOW = (
    "ལས་ཀ་འདི་འདོད་ན། ལས་ཀའི་ས་ཚིགས་ཀྱི་ཐུག་རེག་བརྙན་ཡོལ་དུ་ཐོབ་ཐང་ལག་ཁྱེར་འཇོག་རོགས།",
    "想做这份工作：请到零工驿站的一体机刷身份证报名，或找驿站工作人员帮忙。",
)


class JobView(BaseModel):
    """What the market says of one job."""

    status: str  # open, full, closed or unknown
    id: str
    trade: str | None = None
    title: str | None = None
    wage: int | None = None
    starts_at: str | None = None
    ends_at: str | None = None
    address: str | None = None
    places_left: int | None = None
    employer: str | None = None
    verified: bool | None = None
    insured_by: str | None = None
    server_time: float


def _masked(name: str) -> str:
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


def view(s: Session, job_id: str) -> JobView:
    """The answer for ``job_id``."""
    now = utcnow().timestamp()
    row = s.get(Record, ("jobs", job_id))
    if row is None or row.deleted:
        return JobView(status="unknown", id=job_id, server_time=now)
    job: dict[str, Any] = row.data
    trade = s.get(Record, ("job_types", job.get("job_type_code", "")))
    employer = s.get(Record, ("employers", job.get("employer_id", "")))
    left = places_left(int(job.get("slots_total", 0)), int(job.get("slots_taken", 0)))
    status = "closed" if job.get("status") != "open" else ("full" if left == 0 else "open")
    who: dict[str, Any] = employer.data if employer is not None else {}
    name = str(who.get("name", ""))
    cover = job.get("cover") or {}
    return JobView(
        status=status,
        id=job_id,
        trade=trade.data.get("name_zh") if trade is not None else None,
        title=job.get("title_zh"),
        wage=job.get("day_wage"),
        starts_at=job.get("starts_at"),
        ends_at=job.get("ends_at"),
        address=job.get("address_zh"),
        places_left=left,
        employer=(name if who.get("kind") == "company" else _masked(name)) or None,
        verified=bool(who.get("licence_verified")) if who else None,
        insured_by=cover.get("insurer") if isinstance(cover, dict) else None,
        server_time=now,
    )


@router.get(
    "/jobs/{job_id}",
    response_model=JobView,
    responses={**ERRORS, 200: {"content": {"text/html": {}}}},
)
def job_page(request: Request, s: DB, job_id: JobId) -> Response:
    """JSON for programs; a page in Chinese with Tibetan headings for a phone's browser."""
    found = view(s, job_id)
    if "text/html" not in request.headers.get("accept", ""):
        return Response(found.model_dump_json(), media_type="application/json")
    return HTMLResponse(_page(found))


def _when(start: str | None, end: str | None) -> str | None:
    if not start or not end:
        return None
    a, b = dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end)
    days = (b.date() - a.date()).days + 1
    span = f"{a:%Y-%m-%d} {a:%H:%M}–{b:%H:%M}"
    return span if days == 1 else f"{span}，共 {days} 天"


def _page(found: JobView) -> str:
    bo, zh = WORDS[found.status]
    colour = {"open": GOOD, "full": WARN}.get(found.status, BAD)
    rows = [
        ("工种 Trade", found.trade),
        ("工作 Job", found.title),
        ("工资 Wage", f"{found.wage} 元/天" if found.wage is not None else None),
        ("时间 When", _when(found.starts_at, found.ends_at)),
        ("地点 Where", found.address),
        ("还要几人 Places left", found.places_left if found.status == "open" else None),
        ("用工方 Employer", found.employer),
        (
            "资质 Verified",
            None if found.verified is None else ("已核实" if found.verified else "未核实"),
        ),
        ("意外保险 Cover", found.insured_by or ("无" if found.status != "unknown" else None)),
    ]
    how = (
        ""
        if found.status == "unknown"
        else (f"<p lang='bo'>{html.escape(HOW[0])}</p><p>{html.escape(HOW[1])}</p>")
    )
    footer = "工资被拖欠？请到零工市场劳动维权窗口，或拨打 12333。"
    return page(found.trade or zh, (bo, zh), colour, table(rows) + how, footer)
