"""Debian's chromium, headless, for the market's web pages: the rendered DOM and a
screenshot, as a phone's browser would show them. Each call is one short-lived process
(``--headless``), with a profile folder of its own, ended by its own timeout."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def exe() -> str | None:
    """The browser, when installed."""
    return shutil.which("chromium")


def _run(url: str, *flags: str, timeout_s: float = 60.0) -> subprocess.CompletedProcess[str]:
    browser = exe()
    if browser is None:
        raise RuntimeError("chromium is not installed (make test-services installs it)")
    with tempfile.TemporaryDirectory(prefix="kiosk-chromium-") as profile:
        return subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",  # tests run as root in CI
                "--disable-gpu",
                "--no-first-run",
                f"--user-data-dir={profile}",
                *flags,
                url,
            ],
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )


def dom(url: str) -> str:
    """The page's DOM after it loaded."""
    return _run(url, "--dump-dom").stdout


def screenshot(url: str, out: Path, width: int = 412, height: int = 900) -> Path:
    """The page at a phone's size, as PNG."""
    _run(url, f"--screenshot={out}", f"--window-size={width},{height}", "--hide-scrollbars")
    if not out.exists():
        raise RuntimeError(f"chromium made no screenshot of {url}")
    return out
