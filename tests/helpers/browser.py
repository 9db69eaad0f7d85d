"""Debian's chromium driven by Playwright (its executable path set: no browser download),
for the market's web pages as a phone shows them. Started by the test, closed by it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, BrowserContext, sync_playwright

from tests.helpers import chromium

PHONE = {"width": 390, "height": 844}  # a common phone's viewport, in CSS pixels


@contextmanager
def browser() -> Iterator[Browser]:
    """A headless chromium for the test's pages."""
    exe = chromium.exe()
    if exe is None:
        raise RuntimeError("chromium is not installed (make test-services installs it)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=exe, headless=True, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


@contextmanager
def phone(open_browser: Browser) -> Iterator[BrowserContext]:
    """A fresh phone: its own cookies, a phone's screen, Chinese first."""
    context = open_browser.new_context(viewport=PHONE, locale="zh-CN", device_scale_factor=2)
    try:
        yield context
    finally:
        context.close()
