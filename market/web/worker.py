"""The worker's pages under ``/worker/`` (``market.phones``), standing in for the app: sign
in with the phone number on file and the one-time code the kiosk showed (no SMS gateway
here), then see my applications with the employers' answers, and my agreements with what
I said about their pay. Every line is Tibetan above Chinese, from the kiosk's catalog.

Sessions and cross-site refusal are as on the employer's pages (``market.web.employer``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

import qrcode
import qrcode.image.svg
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kiosk.domain.timeutil import LHASA_TZ
from market import phones, tickets
from market.db import utcnow
from market.deps import DB, ApiError
from market.models import Worker
from market.web import texts
from market.web.employer import TEMPLATES, same_site

router = APIRouter(prefix="/worker", include_in_schema=False)
COOKIE = "worker_session"
Field = Annotated[str, Form()]
ERRORS = {
    "phone": "web.worker.error_phone",
    "wrong_code": "web.worker.error_code",
    "too_many": "web.worker.error_too_many",
}
TICKET_PATH = re.compile(r"^/worker/t/[A-Za-z0-9_-]{16,64}$")
TICKET_ERRORS = {
    "unknown": "web.worker.ticket_unknown",
    "used": "web.worker.ticket_used",
    "expired": "web.worker.ticket_expired",
}
ANSWERS = {"accepted": "appstate.accepted", "declined": "appstate.declined"}


def _page(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    values.setdefault("error", None)
    values.setdefault("form", {})
    values.setdefault("worker", None)
    values.setdefault("note", None)
    values["t"] = texts.lines
    return TEMPLATES.TemplateResponse(request, f"worker/{name}.html", values, status_code=status)


def _when(starts_at: str) -> str:
    try:
        at = dt.datetime.fromisoformat(starts_at).astimezone(LHASA_TZ)
    except ValueError:
        return ""
    return f"{at:%m-%d %H:%M}"


@router.get("/", response_class=HTMLResponse)
def home(request: Request, s: DB) -> Response:
    """Signed in: my applications and agreements; otherwise the sign-in form."""
    session = phones.session_of(s, request.cookies.get(COOKIE), utcnow())
    worker = s.get(Worker, session.worker_id) if session else None
    if session is None or worker is None:
        return _page(request, "signin")
    applications = [
        {
            "trade": f"jobtype.{a.trade_code}",
            "employer": a.employer,
            "when": _when(a.starts_at),
            "address": a.address,
            "state": "appstate.signed" if a.hired else ANSWERS.get(a.answer or "", "appstate.sent"),
        }
        for a in phones.applications_of(s, worker.id)
    ]
    agreements = [
        {
            "code": a.code,
            "trade": f"jobtype.{a.trade_code}",
            "employer": a.employer,
            "when": _when(a.starts_at),
            "pay": f"pay.{a.pay}" if a.pay else "web.worker.pay_unasked",
        }
        for a in phones.agreements_of(s, worker.id)
    ]
    name = str(worker.data.get("name", ""))
    return _page(
        request,
        "home",
        worker={"name": name},
        csrf=session.csrf,
        applications=applications,
        agreements=agreements,
    )


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, s: DB, phone: Field, code: Field, next_page: Field = "") -> Response:
    """Sign in with the phone number and the kiosk's code: a session cookie, then home (or
    the kiosk's QR code the phone opened before signing in)."""
    same_site(request)
    back = next_page if TICKET_PATH.fullmatch(next_page) else ""
    try:
        token, _csrf = phones.sign_in(s, phone, code, utcnow())
    except phones.PhoneCodeError as exc:
        error = ERRORS.get(str(exc), "web.worker.error_code")
        form = {"phone": phone, "next": back}
        return _page(request, "signin", 400, error=error, form=form)
    reply = RedirectResponse(back or "/worker/", status_code=303)
    reply.set_cookie(
        COOKIE, token, max_age=phones.SESSION_HOURS * 3600, path="/worker",
        secure=True, httponly=True, samesite="strict",
    )  # fmt: skip
    return reply


def _signed_in(request: Request, s: DB, csrf: str) -> str:
    """The signed-in worker of a form POST from these pages (403 otherwise)."""
    same_site(request)
    session = phones.session_of(s, request.cookies.get(COOKIE), utcnow())
    if session is None or session.csrf != csrf:
        raise ApiError(403, "not_signed_in")
    return session.worker_id


@router.post("/scan-code", response_class=HTMLResponse)
def scan_code(request: Request, s: DB, csrf: Field = "") -> Response:
    """A login code for the kiosk's scanner: a QR code, one minute, one scan."""
    worker_id = _signed_in(request, s, csrf)
    payload, _expires = phones.scan_code(s, worker_id, utcnow())
    svg = qrcode.make(payload, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    worker = s.get(Worker, worker_id)
    name = str(worker.data.get("name", "")) if worker else ""
    return _page(
        request,
        "scan",
        worker={"name": name},
        csrf=csrf,
        qr=svg.to_string(encoding="unicode"),
        seconds=phones.SCAN_SECONDS,
    )


@router.get("/t/{ticket}", response_class=HTMLResponse)
def ticket_page(request: Request, s: DB, ticket: str) -> Response:
    """The kiosk's QR code, opened on the phone: which station and kiosk, then confirm."""
    session = phones.session_of(s, request.cookies.get(COOKIE), utcnow())
    if session is None:
        return _page(request, "signin", form={"next": f"/worker/t/{ticket}"})
    found = tickets.for_phone(s, ticket, utcnow())
    if isinstance(found, str):
        return _page(request, "done", 400, error=TICKET_ERRORS[found], csrf=session.csrf)
    return _page(
        request, "ticket", csrf=session.csrf, ticket=ticket, station=found.station,
        kiosk=found.kiosk,
    )  # fmt: skip


@router.post("/t/{ticket}", response_class=HTMLResponse)
def ticket_answer(
    request: Request, s: DB, ticket: str, csrf: Field = "", answer: Field = ""
) -> Response:
    """Confirm the login at the kiosk, or say it is not me (the ticket then serves nobody)."""
    worker_id = _signed_in(request, s, csrf)
    if answer != "confirm":
        tickets.cancel(s, ticket, utcnow())
        return _page(request, "done", note="web.worker.ticket_cancelled", csrf=csrf)
    problem = tickets.confirm(s, ticket, worker_id, utcnow())
    if problem is not None:
        return _page(request, "done", 400, error=TICKET_ERRORS[problem], csrf=csrf)
    return _page(request, "done", note="web.worker.ticket_confirmed", csrf=csrf)


@router.post("/logout")
def logout(request: Request, s: DB, csrf: Field = "") -> Response:
    """Sign out: the session ends at the market, the cookie goes."""
    _signed_in(request, s, csrf)
    phones.sign_out(s, request.cookies.get(COOKIE))
    reply = RedirectResponse("/worker/", status_code=303)
    reply.delete_cookie(COOKIE, path="/worker")
    return reply
