"""The worker's phone page in a real browser (Debian's chromium, driven by Playwright)
against a real market server (uvicorn on loopback) and a real kiosk syncing with it.

A worker with no phone number on file presses "on my phone" at the kiosk: the banner says
to add one first, and nothing else happens. They add it; the kiosk shows a one-time code
with a QR code of the page. On the phone, a wrong code is refused in Tibetan and Chinese
with the phone number kept; the right one signs in (a secure, http-only, same-site strict
cookie), and the page lists the job they applied for at the kiosk with the employer's
answer. The code does not serve twice, and a sign-in from another site is refused.

The other way: the phone shows a login code (one minute, one scan); read off the phone's
screen by zbarimg and handed to the kiosk as its scanner would, it starts that worker's
visit; the same code again, or another app's code, is refused with a clear line."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Page
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.idcard.events import ScanReceived
from kiosk.services.phone import PhoneCodeError
from kiosk.store import models as m
from market.models import Application, Worker
from tests.helpers.browser import browser, phone
from tests.helpers.kiosk import Rig, tap
from tests.helpers.market import MarketServer, market_admin, server_rows

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("market_db", ["sqlite"], indirect=True)]
PHONE = "13988887777"


def shot(page: Page, name: str) -> None:
    folder = os.environ.get("KIOSK_WEB_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def read_qr(page: Page) -> str:
    """What the kiosk's scanner would read off the phone's screen (zbarimg)."""
    with tempfile.TemporaryDirectory(prefix="kiosk-phone-") as tmp:
        png = Path(tmp) / "qr.png"
        page.locator(".qr").screenshot(path=str(png))
        out = subprocess.run(
            ["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True, check=True
        )
    (payload,) = out.stdout.split()
    return payload


def sign_in(page: Page, url: str, code: str) -> None:
    page.goto(f"{url}/worker/")
    page.fill("#phone", PHONE)
    page.fill("#code", code)
    page.click("button[type=submit]")


def test_a_worker_signs_in_on_a_phone_with_the_kiosks_code(
    zh_kiosk: Rig, market: MarketServer, qtbot: QtBot
) -> None:
    kiosk, backend, url = zh_kiosk, zh_kiosk.backend, market.url
    controller = kiosk.kiosk.controller
    with Session(backend.engine) as s:
        job_id = s.scalars(select(m.JobRow.id).order_by(m.JobRow.id)).first()
    assert job_id is not None
    tap(kiosk, qtbot, "resident_chinese")
    worker = backend.session.worker
    assert worker is not None
    assert worker.phone is None
    button = controller.phone_ui.button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    banner = kiosk.kiosk.window.banner
    qtbot.waitUntil(lambda: banner.message_id == "phone.no_phone", timeout=5_000)
    assert controller.shell.current == "home"  # nothing else happened

    draft = backend.registration.draft_for_current()
    assert draft is not None
    backend.registration.update_current(dataclasses.replace(draft, phone=PHONE))
    application_id = backend.jobs.apply(worker, job_id)
    kiosk.kiosk.wake_sync()
    qtbot.waitUntil(
        lambda: server_rows(market.database, Application, Application.id == application_id) == 1,
        timeout=20_000,
    )
    assert server_rows(market.database, Worker, Worker.id == worker.id) == 1
    market_admin(market.database, "answer", application_id, "accepted")

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    screen = controller.phone_ui.screen
    qtbot.waitUntil(lambda: controller.shell.current == "phone_code", timeout=10_000)
    assert screen.code is not None
    code = screen.code.code
    assert screen.address.text() == f"{url}/worker/"
    assert not screen.qr.pixmap().isNull()
    shown = screen.steps.texts()
    assert "139****7777" in " ".join(shown)  # masked, enough to know it is theirs
    said = [message_id for message_id, _values in screen.prompts()]
    assert said == ["phone.title", "phone.steps", "phone.code", "phone.lasts"]

    with browser() as chromium, phone(chromium) as context:
        page = context.new_page()
        sign_in(page, url, "000000" if code != "000000" else "111111")
        alert = page.inner_text("[role=alert]")
        assert "号码不对或已过期" in alert
        assert "ཨང་གྲངས་ནོར་འདུག" in alert
        assert page.input_value("#phone") == PHONE
        shot(page, "worker-signin-error")
        page.fill("#code", code)
        page.click("button[type=submit]")
        page.wait_for_url("**/worker/")
        (cookie,) = [c for c in context.cookies() if c["name"] == "worker_session"]
        assert (cookie["httpOnly"], cookie["secure"], cookie["sameSite"]) == (True, True, "Strict")
        card = page.locator(".application")
        assert card.count() == 1
        assert "录用了，请按时到" in card.inner_text()  # the employer's answer
        assert "还没有签协议" in page.content()
        shot(page, "worker-home")

        # The other way: the phone shows a login code, the kiosk's scanner reads it.
        controller.end_session("test")
        page.click("#scan-code")
        assert "签协议时仍要刷身份证" in page.inner_text("#lasts")
        shot(page, "worker-scan-code")
        payload = read_qr(page)
        assert payload.startswith("LHGIG1:")
        controller.reader_event(ScanReceived(payload))
        qtbot.waitUntil(lambda: controller.shell.current == "home", timeout=10_000)
        signed_in = backend.session.worker
        assert signed_in is not None
        assert signed_in.id == worker.id
        controller.end_session("test")
        controller.reader_event(ScanReceived(payload))  # the same code again: refused
        qtbot.waitUntil(lambda: banner.message_id == "qr.used", timeout=10_000)
        assert backend.session.worker is None
        assert controller.shell.current == "attract"
        controller.reader_event(ScanReceived("https://weixin.qq.com/r/abc"))  # another app's
        qtbot.waitUntil(lambda: banner.message_id == "error.card.qr_unknown", timeout=5_000)

        page.goto(f"{url}/worker/")
        page.click("text=退出")
        page.wait_for_url("**/worker/")
        sign_in(page, url, code)  # the code served once
        assert "号码不对或已过期" in page.inner_text("[role=alert]")

    cross_site = requests.post(
        f"{url}/worker/login",
        data={"phone": PHONE, "code": code},
        headers={"Origin": "https://evil.example"},
        timeout=10,
        allow_redirects=False,
    )
    assert cross_site.status_code == 403


def test_a_phone_confirms_the_kiosks_qr_code_and_the_visit_starts(
    zh_kiosk: Rig, market: MarketServer, qtbot: QtBot, tmp_path: Path
) -> None:
    """The attract screen shows a login ticket's QR code; the phone opens it (signing in
    first), is told which station and kiosk, confirms, and the kiosk starts that worker's
    visit within a second or two; the same code does not serve again, "not me" serves
    nobody and the kiosk shows a new code."""
    kiosk, backend, url = zh_kiosk, zh_kiosk.backend, market.url
    controller = kiosk.kiosk.controller
    tap(kiosk, qtbot, "resident_chinese")
    worker = backend.session.worker
    assert worker is not None
    draft = backend.registration.draft_for_current()
    assert draft is not None
    backend.registration.update_current(dataclasses.replace(draft, phone=PHONE))
    controller.end_session("test")
    kiosk.kiosk.wake_sync()
    codes: list[str] = []

    def code_shown() -> bool:  # as home's "on my phone" shows it, once the number is there
        try:
            codes.append(backend.phone.ask(worker.id, PHONE).code)
        except PhoneCodeError:
            return False
        return True

    qtbot.waitUntil(code_shown, timeout=20_000)
    code = codes[-1]

    attract = controller.visit_ui.attract
    qtbot.waitUntil(lambda: attract.ticket_url is not None, timeout=15_000)
    assert attract.ticket.isVisible()
    png = tmp_path / "attract-qr.png"
    assert attract.ticket_qr.pixmap().save(str(png))
    read = subprocess.run(
        ["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True, check=True
    )
    (ticket_url,) = read.stdout.split()  # what a phone's camera reads off the screen
    assert ticket_url == attract.ticket_url
    assert ticket_url.startswith(f"{url}/worker/t/")

    with browser() as chromium, phone(chromium) as context:
        page = context.new_page()
        page.goto(ticket_url)  # not signed in yet: the sign-in form, then back here
        page.fill("#phone", PHONE)
        page.fill("#code", code)
        page.click("button[type=submit]")
        where = page.inner_text("#where")
        assert "gongdelin-1" in where  # the kiosk, named before the worker confirms
        assert "功德林" in where  # and the station
        shot(page, "worker-ticket")
        page.click("#confirm")
        assert "请看一体机的屏幕" in page.inner_text("[role=status]")
        qtbot.waitUntil(lambda: controller.shell.current == "home", timeout=5_000)
        signed_in = backend.session.worker
        assert signed_in is not None
        assert signed_in.id == worker.id
        page.goto(ticket_url)  # the same code again
        assert "已经用过了" in page.inner_text("[role=alert]")

        controller.end_session("test")  # back at the attract screen: a new code
        qtbot.waitUntil(lambda: attract.ticket_url not in (None, ticket_url), timeout=15_000)
        second = attract.ticket_url
        assert second is not None
        page.goto(second)
        page.click("#cancel")  # "not me": nobody is signed in, and another code comes
        assert "没有人登录" in page.inner_text("[role=status]")
        qtbot.waitUntil(lambda: attract.ticket_url not in (None, second), timeout=15_000)
        assert backend.session.worker is None
        assert controller.shell.current == "attract"
