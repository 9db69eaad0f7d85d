"""The employer's pages under ``/employer/`` (``market.employers``): sign up, sign in, post
a job, see who applied, accept or decline.

Sessions are a random token in a cookie that is secure, http-only and same-site strict,
kept at the market only as a hash. Every POST must come from these pages: a request from
another site (its ``Origin`` or ``Referer`` not this server's) is refused, and a signed-in
form carries the session's CSRF token. Bad input shows the form again, filled in as it
was, with one clear line of what to mend.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.places import places_left
from kiosk.domain.timeutil import LHASA_TZ
from market import answers, employers
from market.db import utcnow
from market.deps import DB, ApiError
from market.models import Application, EmployerAccount, EmployerSession, Record

router = APIRouter(prefix="/employer", include_in_schema=False)
TEMPLATES = Jinja2Templates(Path(__file__).resolve().parent.parent / "templates")
COOKIE = "employer_session"
Field = Annotated[str, Form()]

SIGN_UP_ERRORS = {
    "kind": "请选择个人或单位。",
    "name": "请填写姓名或单位名称（2 到 64 个字）。",
    "phone": "手机号应为 11 位数字，以 1 开头。",
    "id_number": "身份证号不对：请核对 18 位号码。",
    "credit_code": "统一社会信用代码不对：请核对 18 位代码。",
    "password": "密码至少 8 位。",
    "phone_taken": "这个手机号已经注册过：请直接登录。",
    "number_taken": "这个身份证号或代码已经注册过：请直接登录，或找市场工作人员。",
}


def same_site(request: Request) -> None:
    """403 unless the request comes from this server's own pages."""
    here = f"{request.url.scheme}://{request.url.netloc}"
    origin = request.headers.get("origin")
    if origin is None:
        referer = request.headers.get("referer", "")
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else None
    if origin != here:
        raise ApiError(403, "cross_site")


def _page(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    values.setdefault("error", None)
    values.setdefault("note", None)
    values.setdefault("account", None)
    values.setdefault("form", {})
    return TEMPLATES.TemplateResponse(request, f"employer/{name}.html", values, status_code=status)


def _signed_in(request: Request, s: Session) -> tuple[EmployerSession, EmployerAccount] | None:
    session = employers.session_of(s, request.cookies.get(COOKIE), utcnow())
    account = s.get(EmployerAccount, session.employer_id) if session else None
    return (session, account) if session and account else None


def _checked(request: Request, s: Session, csrf: str) -> tuple[EmployerSession, EmployerAccount]:
    """The signed-in employer of a form POST from these pages (403 otherwise)."""
    same_site(request)
    found = _signed_in(request, s)
    if found is None or found[0].csrf != csrf:
        raise ApiError(403, "not_signed_in")
    return found


def _when(data: dict[str, Any]) -> str:
    start = dt.datetime.fromisoformat(str(data["starts_at"])).astimezone(LHASA_TZ)
    end = dt.datetime.fromisoformat(str(data["ends_at"])).astimezone(LHASA_TZ)
    days = (end.date() - start.date()).days + 1
    span = f"{start:%m-%d %H:%M}–{end:%H:%M}"
    return span if days == 1 else f"{span}，{days} 天"


def _names(s: Session, collection: str) -> list[tuple[str, str]]:
    rows = s.scalars(
        select(Record).where(Record.collection == collection, Record.deleted.is_(False))
    )
    return sorted((r.id, str(r.data.get("name_zh", r.id))) for r in rows)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, s: DB, note: str = "") -> Response:
    """Signed in: the employer's jobs; otherwise the sign-in form."""
    found = _signed_in(request, s)
    notes = {
        "signed_up": "注册成功：请登录。",
        "posted": "已发布：各驿站一体机下次同步时就能看到。",
        "held": "已保存：工作人员核实您的资料后推送。",
    }
    if found is None:
        return _page(request, "signin", note=notes.get(note))
    session, account = found
    trades = dict(_names(s, "job_types"))
    jobs = employers.jobs_of(s, account.id)
    counts = dict(
        s.execute(
            select(Application.job_id, func.count())
            .where(Application.job_id.in_([j["id"] for j in jobs]))
            .group_by(Application.job_id)
        ).all()
    )
    shown = [
        {**j, "trade": trades.get(j["job_type_code"], ""), "when": _when(j),
         "applicants": counts.get(j["id"], 0)}
        for j in jobs
    ]  # fmt: skip
    return _page(
        request, "home", account=account, jobs=shown, csrf=session.csrf,
        verified=account.verified_at is not None, note=notes.get(note),
    )  # fmt: skip


@router.get("/signup", response_class=HTMLResponse)
def signup_form(request: Request) -> Response:
    """The sign-up form."""
    return _page(request, "signup")


@router.post("/signup", response_class=HTMLResponse)
def signup(  # noqa: PLR0917 - one parameter per field of the form
    request: Request, s: DB, kind: Field, name: Field, phone: Field, number: Field,
    password: Field,
) -> Response:  # fmt: skip
    """Sign up; the form again with what to mend when something is wrong."""
    same_site(request)
    try:
        employers.sign_up(
            s, kind=kind, name=name, phone=phone, number=number, password=password,
            now=utcnow(),
        )  # fmt: skip
    except employers.SignUpError as exc:
        form = {"kind": kind, "name": name, "phone": phone, "number": number}
        return _page(request, "signup", 400, error=SIGN_UP_ERRORS[str(exc)], form=form)
    return RedirectResponse("/employer/?note=signed_up", status_code=303)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, s: DB, phone: Field, password: Field) -> Response:
    """Sign in: a session cookie, then the employer's jobs."""
    same_site(request)
    started = employers.sign_in(s, phone, password, utcnow())
    if started is None:
        return _page(request, "signin", 400, error="手机号或密码不对。", form={"phone": phone})
    token, _csrf = started
    reply = RedirectResponse("/employer/", status_code=303)
    reply.set_cookie(
        COOKIE, token, max_age=employers.SESSION_HOURS * 3600, path="/employer",
        secure=True, httponly=True, samesite="strict",
    )  # fmt: skip
    return reply


@router.post("/logout")
def logout(request: Request, s: DB, csrf: Field = "") -> Response:
    """Sign out: the session ends at the market, the cookie goes."""
    _checked(request, s, csrf)
    employers.sign_out(s, request.cookies.get(COOKIE))
    reply = RedirectResponse("/employer/", status_code=303)
    reply.delete_cookie(COOKIE, path="/employer", secure=True, httponly=True, samesite="strict")
    return reply


@router.get("/jobs/new", response_class=HTMLResponse)
def post_form(request: Request, s: DB) -> Response:
    """The job form (the 2026 online-recruitment rules' fields)."""
    found = _signed_in(request, s)
    if found is None:
        return RedirectResponse("/employer/", status_code=303)
    tomorrow = (dt.datetime.now(LHASA_TZ) + dt.timedelta(days=1)).date().isoformat()
    return _post_page(request, s, found, {"day": tomorrow})


def _post_page(
    request: Request,
    s: Session,
    found: tuple[EmployerSession, EmployerAccount],
    form: dict[str, str],
    error: str | None = None,
) -> Response:
    session, account = found
    return _page(
        request, "post", 400 if error else 200, account=account, csrf=session.csrf,
        form=form, error=error, trades=_names(s, "job_types"), places=_names(s, "places"),
    )  # fmt: skip


@router.post("/jobs", response_class=HTMLResponse)
def post_job(  # noqa: PLR0917 - one parameter per field of the form
    request: Request, s: DB, trade: Field, title: Field, wage: Field, day: Field,
    start: Field, days: Field, slots: Field, place: Field, address: Field, valid: Field,
    requirements: Field = "", csrf: Field = "",
) -> Response:  # fmt: skip
    """Post the job: published at once for a verified employer, held otherwise."""
    found = _checked(request, s, csrf)
    form = {
        "trade": trade, "title": title, "wage": wage, "day": day, "start": start,
        "days": days, "slots": slots, "place": place, "address": address, "valid": valid,
        "requirements": requirements,
    }  # fmt: skip
    try:
        numbers = {"wage": int(wage), "days": int(days), "slots": int(slots), "valid": int(valid)}
        starts = dt.datetime.combine(
            dt.date.fromisoformat(day), dt.time.fromisoformat(start), LHASA_TZ
        )
    except ValueError:
        return _post_page(
            request, s, found, form, "工资、天数、人数和有效期请填数字，日期和时间请选好。"
        )
    if starts < utcnow() - dt.timedelta(hours=1):
        return _post_page(request, s, found, form, "开工时间已经过去了：请选以后的时间。")
    until = (starts.date() + dt.timedelta(days=max(1, numbers["valid"]))).isoformat()
    text = "\n".join(
        line for line in (title.strip(), f"要求：{requirements.strip()}" if requirements.strip()
                          else "", f"招聘有效期至：{until}") if line
    )  # fmt: skip
    try:
        _job_id, published = employers.post(
            s, found[1].id, utcnow(), trade=trade, title=title.strip(), wage=numbers["wage"],
            starts_at=starts, days=numbers["days"], slots=numbers["slots"],
            place_code=place or None, address=address.strip(), description=text,
        )  # fmt: skip
    except (ValueError, LookupError) as exc:
        return _post_page(request, s, found, form, f"这份工作还不能发布：{exc}")
    return RedirectResponse(f"/employer/?note={'posted' if published else 'held'}", 303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, s: DB, job_id: str) -> Response:
    """Who applied for one of the employer's jobs."""
    found = _signed_in(request, s)
    if found is None:
        return RedirectResponse("/employer/", status_code=303)
    session, account = found
    people = employers.applicants(s, account.id, job_id)
    record = s.get(Record, ("jobs", job_id))
    if people is None or record is None:
        return _page(request, "signin", 404, error="没有这份工作。", account=account)
    trades = dict(_names(s, "job_types"))
    shown = [{**vars(a), "skills": [(trades.get(c, c), y) for c, y in a.skills]} for a in people]
    left = places_left(
        int(record.data.get("slots_total", 1)), int(record.data.get("slots_taken", 0))
    )
    job = {**record.data, "when": _when(record.data)}
    return _page(
        request, "job", account=account, csrf=session.csrf, job=job, applicants=shown,
        places_left=left,
    )  # fmt: skip


@router.post("/applications/{application_id}/answer")
def answer(
    request: Request, s: DB, application_id: str, answer: Field, csrf: Field = ""
) -> Response:
    """Accept or decline an applicant; the worker hears it at their next tap. Sent twice,
    it is answered once."""
    _session, account = _checked(request, s, csrf)
    if not employers.owns_application(s, account.id, application_id):
        raise ApiError(404, "unknown_application")
    app = s.get(Application, application_id)
    assert app is not None
    try:
        answers.answer(s, application_id, answer, utcnow())
    except ValueError:
        raise ApiError(400, "invalid_request") from None
    return RedirectResponse(f"/employer/jobs/{app.job_id}", status_code=303)
