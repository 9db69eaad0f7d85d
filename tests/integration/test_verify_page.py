"""The page a printed agreement's QR code opens, in a real browser (Debian's chromium,
headless, at a phone's size): it says "valid" in Tibetan and Chinese, in the fonts a phone
has, and shows the masked worker and the fingerprint; a forged fingerprint says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.helpers import chromium
from tests.helpers.agreements import signed_and_synced
from tests.helpers.market import MarketServer
from tests.helpers.syncrig import Station

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(chromium.exe() is None, reason="make test-services installs chromium"),
]


@pytest.mark.parametrize("market_db", ["sqlite"], indirect=True)
def test_the_verification_page_reads_in_a_phone_browser(
    market: MarketServer, station: Station, today: dt.date, tmp_path: Path
) -> None:
    agreement = signed_and_synced(station, market.database, today)
    url = f"{market.url}/v1/agreements/{agreement.terms.code}?fp={agreement.fingerprint}"
    page = chromium.dom(url)
    assert "本协议有效" in page
    assert "གྲོས་མཐུན་འདི་ནུས་ཡོད།" in page
    assert agreement.fingerprint in page
    assert agreement.terms.worker.name not in page  # masked: the first character only
    forged = chromium.dom(url.replace(agreement.fingerprint, "0" * 64))
    assert "可能被改动过" in forged

    shot = chromium.screenshot(url, tmp_path / "verify.png")
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (412, 900)
    # The green heading is drawn (the Tibetan and Chinese lines), not blank boxes only.
    green = sum(
        1
        for y in range(0, 200, 2)
        for x in range(0, 412, 2)
        if image.pixelColor(x, y).green() > 90 and image.pixelColor(x, y).red() < 60
    )
    assert green > 200
