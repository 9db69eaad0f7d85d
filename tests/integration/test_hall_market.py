"""The hall screen end to end: a kiosk set aside for it (``[hall] display = "here"``) is
enrolled with a real market server; its board fills with the market's jobs and turns its
pages; a job posted at the market (``market-admin post-job``) reaches it by sync, is shown
marked "new" and is heard from the loudspeaker in Tibetan (recorded clips: generated tones
here) and Chinese (espeak-ng) through a private PulseAudio server. The QR codes of the
printed job sheet open each job's page at that market, which tells a phone whether the
job is still open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.domain.timeutil import LHASA_TZ
from kiosk.i18n import Catalog, Lang
from kiosk.ui.voiceflow import spoken_prompts
from kiosk.voice.prompts import number_clip_names
from kiosk.wiring import DEFAULT_DEMO_JOBS
from tests.helpers import chromium
from tests.helpers.kiosk import Rig, close_kiosk, start_rig
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.pulse import Listener
from tests.helpers.qr import qr_codes
from tests.helpers.syncrig import enrol_rig
from tests.helpers.tones import write_tone
from tests.ui.test_voice import Ears, clip_names, contains

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("market_db", ["sqlite"], indirect=True)]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def hall(tmp_path: Path, market: MarketServer, today: dt.date) -> Iterator[Rig]:
    """A bilingual hall kiosk with every prompt recorded (tones), enrolled and syncing. The
    market holds the demo kiosk's own jobs (same seed, day and count): the first pull
    brings nothing new, so the only news is the job the test posts."""
    jobs = str(DEFAULT_DEMO_JOBS)
    market_admin(market.database, "import-demo", "--jobs", jobs, "--today", today.isoformat())
    clips = tmp_path / "demo" / "voice" / "bo"
    catalog = Catalog(ROOT / "translations")
    for i, name in enumerate(spoken_prompts(catalog, ["hall.prompt"])):
        write_tone(clips / f"{name}.wav", 300.0 + i, seconds=0.35)
    rig = start_rig(
        tmp_path,
        hall={"display": "here", "page_seconds": 5},
        display={"default_mode": "both"},
        voice={"missing_clip": "chime"},
    )
    try:
        assert rig.kiosk.start_voice(rig.config, rig.paths) is not None
        enrol_rig(rig, market.url, market.database, "hall")
        yield rig
    finally:
        close_kiosk(rig.kiosk, rig.backend)


def shown(rig: Rig) -> list[str]:
    board = rig.kiosk.controller.hall_ui.boards[0]
    return [row.job_id for row in board.rows if not row.isHidden()]


def test_a_job_posted_at_the_market_rolls_onto_the_hall_screen_and_is_heard(
    hall: Rig, market: MarketServer, qtbot: QtBot, listener: Listener
) -> None:
    ctl = hall.kiosk.controller
    feature = ctl.hall_ui
    qtbot.waitUntil(lambda: hall.kiosk.sync is not None, timeout=10_000)
    qtbot.waitUntil(lambda: feature.loaded and len(feature.roll.jobs) > 6, timeout=30_000)
    assert hall.kiosk.window.navigator.current.name == "hall"
    first = shown(hall)
    qtbot.waitUntil(lambda: shown(hall) != first, timeout=10_000)  # it rolls by itself

    voice = hall.kiosk.voice
    assert voice is not None
    ears = Ears(voice, listener)
    start = (dt.datetime.now(LHASA_TZ) + dt.timedelta(hours=2)).replace(minute=0, second=0)
    with qtbot.waitSignal(feature.announced, timeout=30_000) as announced:
        job_id = market_admin(
            market.database, "post-job", "--trade", "hangong", "--title", "焊接钢架",
            "--wage", "333", "--start", start.isoformat(timespec="minutes"),
        ).strip()  # fmt: skip
        hall.kiosk.wake_sync()
    assert announced.args == [job_id]
    assert job_id in shown(hall)
    board = feature.boards[0]
    (row,) = [r for r in board.rows if r.job_id == job_id]
    assert not row.new.isHidden()
    assert row.wage.text() == "¥333"

    messages, files = ears.hear(qtbot, "say.hall_new")  # heard from the speaker
    clips = hall.paths.data_dir / "voice" / "bo"
    names = clip_names(clips, files)
    assert names[0] == "say.hall_new"
    for part in (
        ["say.trade", "jobtype.hangong"],
        ["say.wage", *number_clip_names(333)],
        [*number_clip_names(start.hour)],
    ):
        assert contains(names, part), (part, names)
    service = voice.service
    zh = [service.resolver.text(m, Lang.ZH, fmt) for m, fmt in messages]
    assert zh[0] == "新工作："
    assert "焊工" in " ".join(zh)
    assert "333 元" in " ".join(zh)
    assert service.synth.cached(zh[0], "zh") in files  # Chinese spoken by espeak-ng


def test_the_sheets_codes_open_each_jobs_page_at_the_market(
    hall: Rig, market: MarketServer, qtbot: QtBot, tmp_path: Path
) -> None:
    from kiosk.ui.hall.sheet import write_sheet

    feature = hall.kiosk.controller.hall_ui
    qtbot.waitUntil(lambda: feature.loaded and len(feature.roll.jobs) >= 3, timeout=30_000)
    jobs = feature.roll.jobs[:3]
    pdf = write_sheet(
        tmp_path / "sheet.pdf",
        hall.kiosk.texts.catalog,
        jobs,
        station_code=hall.config.terminal.station_code,
        printed_at=hall.clock.now(),
        base_url=market.url,
        paper="a4",
    )
    codes = qr_codes(pdf)
    assert len(codes) == 3
    for match in jobs:
        job = match.candidate.job
        (code,) = [c for c in codes if c.endswith(job.id)]
        found = requests.get(code, timeout=10).json()
        assert found["status"] == "open"
        assert (found["wage"], found["address"]) == (job.day_wage, job.address_zh)
        page = requests.get(code, headers={"Accept": "text/html"}, timeout=10)
        assert page.headers["content-type"].startswith("text/html")
        assert "这份工作还在招人" in page.text
        assert f"{job.day_wage} 元/天" in page.text
    closed = jobs[0].candidate.job.id
    market_admin(market.database, "close-job", closed)
    (code,) = [c for c in codes if c.endswith(closed)]
    assert requests.get(code, timeout=10).json()["status"] == "closed"
    assert requests.get(f"{market.url}/v1/jobs/no-such-job", timeout=10).json()["status"] == (
        "unknown"
    )


@pytest.mark.skipif(chromium.exe() is None, reason="make test-services installs chromium")
def test_a_jobs_page_reads_in_a_phone_browser(
    market: MarketServer, today: dt.date, tmp_path: Path
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "20", "--today", today.isoformat())
    job_id = market_admin(
        market.database, "post-job", "--trade", "baojie", "--title", "写字楼保洁", "--wage", "210"
    ).strip()
    url = f"{market.url}/v1/jobs/{job_id}"
    page = chromium.dom(url)
    assert "这份工作还在招人" in page
    assert "ལས་ཀ་འདིར་མི་དགོས་ཀྱི་ཡོད།" in page
    assert "210 元/天" in page
    assert "保洁" in page
    shot = chromium.screenshot(url, tmp_path / "job.png")
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (412, 900)
    green = sum(  # the green heading is drawn, not blank boxes only
        1
        for y in range(0, 200, 2)
        for x in range(0, 412, 2)
        if image.pixelColor(x, y).green() > 90 and image.pixelColor(x, y).red() < 60
    )
    assert green > 200
