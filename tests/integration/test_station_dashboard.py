"""The station's figures on the staff's dashboard, against a real market server (uvicorn on
loopback, SQLite and PostgreSQL): three enrolled kiosks, two of them at Gongdelin and one at
Jinzhu West Road. The kiosk with the screen (a worker taps, applies, and the employer hires
him at the market, "online") shows its own day and, by touch, the station's: its visits
and the other Gongdelin kiosk's, never Jinzhu's; reported again, nothing counts twice; with
the market gone, the last answer is shown and said to be old."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.dashboard import LOCAL_MEASURES
from kiosk.services.demo_data import DEMO_PINS
from kiosk.store import models as m
from market.models import Application
from tests.helpers.kiosk import Rig, tap
from tests.helpers.market import MarketServer, market_admin, server_rows
from tests.helpers.syncrig import Station, enrol
from tests.ui.test_admin import enter, open_pin_pad

pytestmark = pytest.mark.slow


@pytest.fixture
def kiosk(zh_kiosk: Rig) -> Rig:
    """The Chinese-mode kiosk, enrolled and syncing (tests/integration/conftest.py)."""
    return zh_kiosk


@pytest.fixture
def others(tmp_path: Path, market: MarketServer) -> Iterator[tuple[Station, Station]]:
    """Another kiosk at Gongdelin and one at Jinzhu West Road (no screens: their store and
    their sync worker, which reports their days as a kiosk's does)."""
    second = enrol(tmp_path / "gongdelin-2", market.url, market.database, "gongdelin-2")
    jinzhu = enrol(
        tmp_path / "jinzhu-1", market.url, market.database, "jinzhu-1",
        terminal={"station_code": "jinzhuxilu"},
    )  # fmt: skip
    yield second, jinzhu
    second.close()
    jinzhu.close()


def _visits(station: Station, n: int) -> None:
    """``n`` workers' visits today, as the kiosk's shell writes them."""
    now = station.backend.clock.now()
    for _ in range(n):
        station.backend.audit.append(now, "worker", "visit", "")


def _open_dashboard(rig: Rig, qtbot: QtBot, note: str) -> None:
    from PySide6.QtCore import Qt

    ctl = rig.kiosk.controller
    if rig.kiosk.window.navigator.current is not ctl.admin_ui.staff:
        open_pin_pad(rig, qtbot)
        enter(rig, qtbot, DEMO_PINS["staff"])
    qtbot.mouseClick(ctl.admin_ui.staff.day, Qt.MouseButton.LeftButton)
    screen = ctl.dashboard_ui.screen
    qtbot.waitUntil(lambda: screen.station_says[0] == note, timeout=15_000)


def _today(rig: Rig) -> dict[str, str]:
    screen = rig.kiosk.controller.dashboard_ui.screen
    return {x: tile[0].labels[0].text() for x, tile in screen.tiles.items()}


def test_the_station_s_day_beside_this_kiosk_s(
    kiosk: Rig, others: tuple[Station, Station], market: MarketServer, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt

    second, jinzhu = others
    backend = kiosk.backend
    tap(kiosk, qtbot, "resident_tibetan")  # a visit here, and an application
    worker = backend.session.worker
    assert worker is not None
    backend.jobs.apply(worker, backend.jobs.matches(worker)[0].candidate.job.id)
    kiosk.kiosk.controller.end_session("test")
    with Session(backend.engine) as s:
        (application_id,) = s.scalars(select(m.ApplicationRow.id)).all()
    kiosk.kiosk.wake_sync()
    sent = (Application.id == application_id,)
    qtbot.waitUntil(lambda: server_rows(market.database, Application, *sent) == 1, timeout=20_000)
    market_admin(market.database, "hire", application_id)  # the employer, at the market
    _visits(second, 3)
    _visits(jinzhu, 5)
    for other in (second, jinzhu):
        assert other.worker.run_once() is not None  # a sync cycle reports the kiosk's days

    _open_dashboard(kiosk, qtbot, "dash.station.from")
    screen = kiosk.kiosk.controller.dashboard_ui.screen
    mine = _today(kiosk)
    assert (mine["visits"], mine["applications"], mine["hired_online"]) == ("1", "1", "1")
    assert screen.scope == "kiosk"
    assert screen.station_says[1]["kiosks"] == "2"  # Gongdelin's two, not Jinzhu's
    station_button = screen.scopes["station"]
    assert station_button.isEnabled()
    assert "2" in station_button.face.labels[0].text()
    qtbot.mouseClick(station_button, Qt.MouseButton.LeftButton)
    assert screen.scope == "station"
    whole = _today(kiosk)
    assert (whole["visits"], whole["applications"], whole["hired_online"]) == ("4", "1", "1")
    assert whole["registrations"] == "0"
    assert screen.bars()["visits"][-1] == 4  # the chart follows the choice
    qtbot.mouseClick(screen.scopes["kiosk"], Qt.MouseButton.LeftButton)
    assert _today(kiosk)["visits"] == "1"

    # The other kiosk's next report (its visits grown) replaces its last: never added to it.
    _visits(second, 1)
    assert second.worker.engine.station is not None
    second.worker.engine.station.report(second.worker.engine.client)
    qtbot.mouseClick(screen.leave, Qt.MouseButton.LeftButton)
    _open_dashboard(kiosk, qtbot, "dash.station.from")
    qtbot.mouseClick(screen.scopes["station"], Qt.MouseButton.LeftButton)
    assert _today(kiosk)["visits"] == "5"  # 1 here + 4 there, each kiosk counted once
    station = screen.station
    assert station is not None
    assert [name for name, _at in station.kiosks] == ["gongdelin-1", "gongdelin-2"]
    assert set(LOCAL_MEASURES) <= set(station.dashboard.today.counts)

    market.stop()  # the market cannot be reached: its last answer, said to be old
    qtbot.mouseClick(screen.leave, Qt.MouseButton.LeftButton)
    _open_dashboard(kiosk, qtbot, "dash.station.old")
    assert screen.scopes["station"].isEnabled()
    assert _today(kiosk)["hired_online"] == "1"
    qtbot.mouseClick(screen.scopes["station"], Qt.MouseButton.LeftButton)
    assert _today(kiosk)["visits"] == "5"
