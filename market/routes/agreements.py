"""The page a printed agreement's QR code opens: is this agreement valid, corrected by a
newer one, or unknown here, and does the printout's fingerprint match what was signed?
Public (whoever holds the paper may check it), and it shows only what the paper shows,
masked further: the worker's name as its first character.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from kiosk.domain.agreement import CODE
from market.db import utcnow
from market.deps import DB, ERRORS
from market.models import Agreement
from market.routes.page import BAD, GOOD, WARN, page, table

router = APIRouter(prefix="/v1", tags=["agreements"])
Code = Annotated[str, Path(min_length=9, max_length=9)]
Fp = Annotated[str, Query(max_length=64)]

# What the page says, in Tibetan and Chinese (review: not in the glossary, ours; the
# attested terms are གྲོས་མཐུན agreement, ནུས་ཡོད valid is ours).
WORDS = {
    "valid": ("གྲོས་མཐུན་འདི་ནུས་ཡོད།", "本协议有效"),
    "superseded": ("གྲོས་མཐུན་འདི་གསར་པས་ཚབ་བྱས་ཟིན།", "本协议已被更正，以新协议为准"),
    "mismatch": (
        "ཡིག་ཆ་དང་མི་མཐུན། ལག་པར་ཡོད་པ་བཅོས་ཡོད་སྲིད།",
        "与签署的协议不一致：这份打印件可能被改动过",
    ),
    "unknown": ("གྲོས་མཐུན་འདི་རྙེད་མ་སོང་།", "查无此协议（可能尚未同步）"),
}


class AgreementCheck(BaseModel):
    """What a check of one agreement found."""

    status: str  # valid, superseded, mismatch or unknown
    code: str
    fingerprint: str | None = None
    signed_at: str | None = None
    worker: str | None = None
    employer: str | None = None
    wage: int | None = None
    start_date: str | None = None
    superseded_by: str | None = None
    server_time: float


def _masked(name: str) -> str:
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


def check(row: Agreement | None, code: str, fp: str) -> AgreementCheck:
    """The answer for ``code`` (and the printout's fingerprint, when given)."""
    now = utcnow().timestamp()
    if row is None:
        return AgreementCheck(status="unknown", code=code, server_time=now)
    doc: dict[str, Any] = json.loads(row.document)
    terms = doc["agreement"]
    employer = terms["employer"]
    status = "valid"
    if fp and fp != row.fingerprint:
        status = "mismatch"
    elif row.superseded_by:
        status = "superseded"
    return AgreementCheck(
        status=status,
        code=code,
        fingerprint=row.fingerprint,
        signed_at=max(s["at"] for s in doc["signatures"]),
        worker=_masked(terms["worker"]["name"]),
        employer=employer["name"] if employer["kind"] == "company" else _masked(employer["name"]),
        wage=terms["wage"],
        start_date=terms["start_date"],
        superseded_by=row.superseded_by,
        server_time=now,
    )


@router.get(
    "/agreements/{code}",
    response_model=AgreementCheck,
    responses={**ERRORS, 200: {"content": {"text/html": {}}}},
)
def verify(request: Request, s: DB, code: Code, fp: Fp = "") -> Response:
    """JSON for programs; a page in Tibetan and Chinese for a phone's browser."""
    row = s.get(Agreement, code) if CODE.fullmatch(code) else None
    found = check(row, code, fp)
    if "text/html" not in request.headers.get("accept", ""):
        return Response(found.model_dump_json(), media_type="application/json")
    return HTMLResponse(_page(found))


def _page(found: AgreementCheck) -> str:
    bo, zh = WORDS[found.status]
    colour = {"valid": GOOD, "superseded": WARN}.get(found.status, BAD)
    rows = [
        ("协议编号 Code", found.code),
        ("签订时间 Signed", found.signed_at[:16].replace("T", " ") if found.signed_at else None),
        ("劳动者 Worker", found.worker),
        ("用工方 Employer", found.employer),
        ("工资（元/天） Wage", found.wage),
        ("开始日期 Start", found.start_date),
        ("更正为 Corrected by", found.superseded_by),
        ("指纹 Fingerprint", found.fingerprint),
    ]
    footer = "有疑问请到零工市场劳动维权窗口，或拨打 12333。"
    return page(zh, (bo, zh), colour, table(rows), footer)
