"""The employer's pages in a real browser (Debian's chromium, driven by Playwright) against
a real market server (uvicorn on loopback) and a real kiosk syncing with it: an employer
signs up (a mistake first), signs in, and posts a job, which is held until staff verify
them in market-admin; verified, the job reaches the kiosk; a worker applies there; the
employer sees the applicant (masked, never an ID number) and accepts (twice: once); the
worker's next tap says so. Cross-site and token-less posts are refused; the session
cookie is secure, http-only and same-site strict. Phone-sized screenshots for the README
go to ``$KIOSK_WEB_SHOTS`` when it is set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Page
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store import models as m
from market.models import Application, Change, HeldJob
from tests.helpers.browser import browser, phone
from tests.helpers.kiosk import Rig, tap
from tests.helpers.market import MarketServer, market_admin, server_rows

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("market_db", ["sqlite"], indirect=True)]
COMPANY = {"name": "拉萨雪域建筑有限公司", "phone": "13800001234", "number": "91540100MA6T1234XY"}
PASSWORD = "xueyu-2026"


@pytest.fixture
def kiosk(zh_kiosk: Rig) -> Rig:
    """The Chinese-mode kiosk, enrolled and syncing (tests/integration/conftest.py)."""
    return zh_kiosk


def shot(page: Page, name: str) -> None:
    folder = os.environ.get("KIOSK_WEB_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def sign_up(page: Page, url: str) -> None:
    page.goto(f"{url}/employer/signup")
    page.select_option("#kind", "company")
    page.fill("#name", COMPANY["name"])
    page.fill("#phone", "1380000")  # too short: said, and nothing typed is lost
    page.fill("#number", COMPANY["number"])
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    assert "手机号应为 11 位数字" in page.inner_text("[role=alert]")
    assert page.input_value("#name") == COMPANY["name"]
    shot(page, "employer-signup-error")
    page.fill("#phone", COMPANY["phone"])
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    assert "注册成功" in page.inner_text("[role=status]")


def sign_in(page: Page) -> None:
    page.fill("#phone", COMPANY["phone"])
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/employer/")


def post_job(page: Page, address: str) -> None:
    page.click("text=发布新工作")
    page.select_option("#trade", "banyun")
    page.fill("#title", "工地搬运钢筋")
    page.fill("#requirements", "能干重活")
    page.fill("#wage", "260")
    page.fill("#slots", "2")
    page.select_option("#place", "gongdelin")
    page.fill("#address", address)
    shot(page, "employer-post")
    page.click("button[type=submit]")


def test_an_employer_posts_and_accepts_and_the_worker_hears_it(
    kiosk: Rig, market: MarketServer, qtbot: QtBot
) -> None:
    url, backend = market.url, kiosk.backend
    with browser() as chromium, phone(chromium) as context:
        page = context.new_page()
        sign_up(page, url)
        sign_in(page)
        assert "还没有核实" in page.content()
        (cookie,) = [c for c in context.cookies() if c["name"] == "employer_session"]
        assert (cookie["httpOnly"], cookie["secure"], cookie["sameSite"]) == (True, True, "Strict")

        post_job(page, "夺底路 12 号工地")
        assert "核实您的资料后推送" in page.inner_text("[role=status]")
        assert "未核实，暂不推送" in page.content()
        assert server_rows(market.database, HeldJob) == 1  # held: no kiosk sees it yet
        shot(page, "employer-home-held")

        (pending,) = market_admin(market.database, "employers-pending").splitlines()
        employer_id = pending.split()[0]
        assert COMPANY["name"] in pending
        said = market_admin(market.database, "verify-employer", employer_id)
        assert "1 held job(s) published" in said
        kiosk.kiosk.wake_sync()

        with Session(backend.engine) as s:
            qtbot.waitUntil(
                lambda: (
                    s.scalar(select(m.JobRow.id).where(m.JobRow.employer_id == employer_id))
                    is not None
                ),
                timeout=20_000,
            )
            job_id = s.scalar(select(m.JobRow.id).where(m.JobRow.employer_id == employer_id))
            verified = s.scalar(
                select(m.EmployerRow.licence_verified).where(m.EmployerRow.id == employer_id)
            )
        assert job_id is not None
        assert verified  # the kiosk shows the employer as checked

        tap(kiosk, qtbot, "resident_chinese")  # the worker applies at the kiosk
        worker = backend.session.worker
        assert worker is not None
        application_id = backend.jobs.apply(worker, job_id)
        kiosk.kiosk.controller.end_session("test")
        kiosk.kiosk.wake_sync()
        sent = (Application.id == application_id,)
        qtbot.waitUntil(
            lambda: server_rows(market.database, Application, *sent) == 1, timeout=20_000
        )

        page.goto(f"{url}/employer/")
        page.click("text=报名的人：1")
        card = page.locator(f"[data-application='{application_id}']")
        text = card.inner_text()
        assert "王＊＊" in text
        assert "王建国" not in text
        assert "540103" not in page.content()  # no ID number, not even a part of one
        shot(page, "employer-applicants")
        form_csrf = page.input_value("input[name=csrf]")
        card.locator("button", has_text="录用").click()
        assert (
            "已录用，等他来" in page.locator(f"[data-application='{application_id}']").inner_text()
        )
        again = context.request.post(  # the same click sent twice: answered once
            f"{url}/employer/applications/{application_id}/answer",
            form={"csrf": form_csrf, "answer": "accepted"},
            headers={"Origin": url},
        )
        assert again.ok
        no_token = context.request.post(
            f"{url}/employer/applications/{application_id}/answer",
            form={"csrf": "", "answer": "declined"},
            headers={"Origin": url},
        )
        assert no_token.status == 403

    cross_site = requests.post(
        f"{url}/employer/login",
        data={"phone": COMPANY["phone"], "password": PASSWORD},
        headers={"Origin": "https://evil.example"},
        timeout=10,
        allow_redirects=False,
    )
    assert cross_site.status_code == 403
    changes = (Change.collection == "answers", Change.entity_id == application_id)
    assert server_rows(market.database, Change, *changes) == 1

    kiosk.kiosk.wake_sync()
    with Session(backend.engine) as s:
        qtbot.waitUntil(
            lambda: (
                s.scalar(select(m.AnswerRow.answer).where(m.AnswerRow.id == application_id))
                == "accepted"
            ),
            timeout=20_000,
        )
    tap(kiosk, qtbot, "resident_chinese")  # the worker's next tap
    home = kiosk.kiosk.controller.screens["home"]
    qtbot.waitUntil(home.applications.has_news, timeout=5_000)
    said_ids = [message_id for message_id, _values in home.prompts()]
    assert said_ids[1] == "home.say_applications"  # right after the greeting
    assert "appstate.accepted" in said_ids
