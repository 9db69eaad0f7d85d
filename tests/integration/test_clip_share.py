"""Tibetan clips recorded once, heard everywhere: a take recorded at one kiosk reaches every
kiosk through the real market server (SQLite and PostgreSQL), each version once; a new take
is a new version and the one before it stays at the market; a bad file is refused with its
reason and never reaches another kiosk. Clips are generated tones, never speech."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.check import check_voice
from kiosk.domain.clips import digest
from kiosk.i18n import Catalog, Mode
from kiosk.sync.errors import RefusedError
from kiosk.voice.clips import ClipLibrary
from kiosk.voice.prompts import Clip, PromptResolver
from market.models import VoiceClip
from tests.helpers.market import MarketServer, market_admin, server_rows
from tests.helpers.syncrig import Station, enrol
from tests.helpers.tones import tone_bytes, write_tone

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def second(market: MarketServer, tmp_path: Path) -> Iterator[Station]:
    st = enrol(tmp_path / "kiosk2", market.url, market.database, "station-2")
    yield st
    st.close()


def library(station: Station) -> ClipLibrary:
    return ClipLibrary(station.paths.data_dir / "voice")


def sync(station: Station) -> tuple[int, int, int]:
    report = station.worker.run_once()
    assert report is not None, station.statuses[-1]
    return report.clips_sent, report.clips_pulled, report.clips_refused


def test_a_take_recorded_at_one_kiosk_is_heard_at_another(
    market: MarketServer, station: Station, second: Station, tmp_path: Path, today: dt.date
) -> None:
    a, b = library(station), library(second)
    title, two_hundred = tone_bytes(tmp_path, 440.0), tone_bytes(tmp_path, 520.0)
    a.record("jobs.title", title)
    a.record("num/200", two_hundred)
    assert sync(station) == (2, 0, 0)
    assert server_rows(market.database, VoiceClip) == 2
    assert sync(second) == (0, 2, 0)
    assert b.path("jobs.title").read_bytes() == title
    assert b.path("num/200").read_bytes() == two_hundred
    assert not b.state("jobs.title").pending  # pulled clips never go back up
    resolver = PromptResolver(Catalog(ROOT / "translations"), b, "chinese")
    parts = resolver.resolve("jobs.title", Mode.BO.langs).parts
    assert parts == [Clip(b.path("jobs.title"))]

    # Nothing new: nothing moves, and only the manifest's tag is asked for.
    before = second.worker.engine.client.requests
    assert sync(second) == (0, 0, 0)
    assert sync(station) == (0, 0, 0)
    assert second.worker.engine.client.requests - before == 2  # a feed page, the tag
    assert server_rows(market.database, VoiceClip) == 2

    # Kiosk 2 records a better take: version 2 everywhere, version 1 kept at the market.
    better = tone_bytes(tmp_path, 470.0, 0.6)
    b.record("jobs.title", better)
    assert sync(second) == (1, 0, 0)
    assert b.state("jobs.title").version == 2
    assert sync(station) == (0, 1, 0)
    assert a.path("jobs.title").read_bytes() == better
    assert a.state("jobs.title").version == 2
    assert server_rows(market.database, VoiceClip, VoiceClip.name == "jobs.title") == 2
    listed = market_admin(market.database, "clips").splitlines()
    assert [line.split()[:2] for line in listed] == [
        ["jobs.title", "v1"],
        ["jobs.title", "v2"],
        ["num/200", "v1"],
    ]

    # The same bytes recorded again (a copy, a retry) are not a new version.
    a.record("jobs.title", better)
    assert sync(station) == (1, 0, 0)
    assert a.state("jobs.title").version == 2
    assert server_rows(market.database, VoiceClip) == 3


def test_a_bad_file_is_refused_with_its_reason_and_reaches_no_other_kiosk(
    market: MarketServer, station: Station, second: Station, tmp_path: Path
) -> None:
    a, b = library(station), library(second)
    # Copied in by hand, not through the recording screen (which checks a take first).
    write_tone(a.path("jobs.title"), 440.0, amplitude=40)  # a muted microphone
    shutil.copyfile(write_tone(tmp_path / "ok.wav", 500.0), a.path("home.title"))
    assert sync(station) == (1, 0, 1)
    assert a.state("jobs.title").refused == "silent"
    assert a.state("home.title").version == 1
    findings = {f.name: f for f in check_voice(station.config, station.paths)}
    assert findings["clip sharing"].level == "warn"
    assert "jobs.title (silent)" in findings["clip sharing"].detail
    assert sync(station) == (0, 0, 0)  # refused once, not sent again and again
    assert sync(second) == (0, 1, 0)
    assert not b.has("jobs.title")
    assert server_rows(market.database, VoiceClip) == 1

    # Recorded again, properly: it goes up, and the warning is gone.
    a.record("jobs.title", tone_bytes(tmp_path, 440.0))
    assert sync(station) == (1, 0, 0)
    assert sync(second) == (0, 1, 0)
    assert b.path("jobs.title").read_bytes() == a.path("jobs.title").read_bytes()
    findings = {f.name: f for f in check_voice(station.config, station.paths)}
    assert findings["clip sharing"].level == "ok"
    assert digest(b.path("jobs.title").read_bytes()) == digest(a.path("jobs.title").read_bytes())


def test_the_market_refuses_names_and_sizes_it_should_not_keep(
    market: MarketServer, station: Station, tmp_path: Path
) -> None:
    client = station.worker.engine.client
    good = tone_bytes(tmp_path, 440.0)
    for name in ("../../etc/passwd", "num/12345", "Jobs.Title"):
        with pytest.raises(RefusedError) as caught:
            client.put_clip(name, good)
        assert caught.value.code == "bad_name"
    with pytest.raises(RefusedError) as caught:
        client.put_clip("jobs.title", good + b"\x00" * (9 * 1024 * 1024))
    assert caught.value.code == "too_large"
    with pytest.raises(RefusedError) as caught:
        client.put_clip("jobs.title", good[: len(good) // 2])
    assert (caught.value.code, caught.value.reason) == ("bad_clip", "truncated")
    with pytest.raises(RefusedError) as caught:
        client.fetch_clip("jobs.title", 1)
    assert caught.value.code == "no_such_clip"
    assert server_rows(market.database, VoiceClip) == 0
