"""Sync as people at the kiosk see it: enrolment from the technician screen, the status line,
and a stalled server that never freezes the screen."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from pytestqt.qtbot import QtBot

from kiosk.store import models as m
from kiosk.sync import credentials
from kiosk.ui.widgets.demo_panel import DEMO_PINS
from tests.helpers.faultproxy import Fault, FaultProxy
from tests.helpers.kiosk import Rig
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.screens import shows
from tests.ui.test_admin import enter, open_pin_pad

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("market_db", ["sqlite"], indirect=True)]


@pytest.fixture
def rig(demo_rig: Rig) -> Rig:
    """A demo kiosk (demo data and PINs), not enrolled."""
    return demo_rig


def test_technician_enrols_and_jobs_arrive(
    rig: Rig, market: MarketServer, qtbot: QtBot, today: dt.date
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "50", "--today", today.isoformat())
    ctl = rig.kiosk.controller
    assert shows(ctl.screens["attract"], "未连接零工市场服务器")
    open_pin_pad(rig, qtbot)
    enter(rig, qtbot, DEMO_PINS["technician"])
    qtbot.mouseClick(ctl.screens["technician"].enrol, Qt.MouseButton.LeftButton)
    assert rig.kiosk.window.navigator.current is ctl.screens["enrol"]
    ctl.screens["enrol"].address.setText("ftp://nowhere")
    qtbot.mouseClick(ctl.screens["enrol"].start, Qt.MouseButton.LeftButton)
    assert shows(ctl.screens["enrol"], "这不是服务器地址")

    ctl.screens["enrol"].address.setText(market.url)
    qtbot.mouseClick(ctl.screens["enrol"].start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(ctl.screens["enrol"]._code), timeout=10_000)
    code = ctl.screens["enrol"]._code
    assert shows(ctl.screens["enrol"], code)
    market_admin(market.database, "approve", code)
    qtbot.waitUntil(lambda: shows(ctl.screens["enrol"], "连接成功"), timeout=10_000)
    assert credentials.load(rig.paths.credentials) is not None
    qtbot.waitUntil(lambda: rig.kiosk.sync is not None, timeout=10_000)  # built off-GUI
    assert rig.kiosk.sync is not None
    qtbot.waitUntil(lambda: shows(ctl.screens["attract"], "在线"), timeout=10_000)

    job_id = market_admin(
        market.database, "post-job", "--trade", "banyun", "--title", "搬家", "--wage", "300"
    ).strip()
    rig.kiosk.wake_sync()
    from sqlalchemy.orm import Session

    def arrived() -> bool:
        with Session(rig.backend.engine) as s:
            return s.get(m.JobRow, job_id) is not None

    qtbot.waitUntil(arrived, timeout=10_000)


def enrol_behind_a_stalled_proxy(rig: Rig, market: MarketServer) -> FaultProxy:
    """Enrol the kiosk through a proxy, then make the proxy stall every request for 30 s."""
    from kiosk.services.sync import EnrolmentService

    proxy = FaultProxy(market.url)
    try:
        service = EnrolmentService(
            rig.paths.credentials, app_version="0.1.0", terminal_name="t", ca_bundle=None
        )
        pending = service.begin(proxy.url)
        market_admin(market.database, "approve", pending.user_code)
        pending.wait()
    except BaseException:
        proxy.close()
        raise
    proxy.fault = Fault("stall", times=100, stall_s=30)
    return proxy


def test_a_stalled_server_never_freezes_the_screen(
    rig: Rig, market: MarketServer, qtbot: QtBot, tmp_path: Path
) -> None:
    proxy = enrol_behind_a_stalled_proxy(rig, market)
    try:
        config = dataclasses.replace(
            rig.config, sync=dataclasses.replace(rig.config.sync, interval_s=2, read_timeout_s=1.0)
        )
        rig.kiosk.start_sync(config, rig.paths, rig.backend)
        qtbot.waitUntil(lambda: rig.kiosk.sync is not None, timeout=10_000)
        worker = rig.kiosk.sync
        assert worker is not None

        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]

        def beat() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.timeout.connect(beat)
        timer.start(10)
        deadline = time.monotonic() + 4.0
        while time.monotonic() < deadline:
            qtbot.wait(50)
        timer.stop()
        worker.stop()  # the cycle in flight ends by its timeout and reports
        assert worker.status.state == "offline"
        assert worker.status.problem == "unreachable"
        qtbot.wait(50)  # the last status crosses to the GUI thread
        assert len(gaps) > 100
        assert max(gaps) < 100, f"the event loop stalled for {max(gaps)} ms"
        assert shows(rig.kiosk.controller.screens["attract"], "离线")
    finally:
        proxy.close()


def test_replacing_a_stalled_sync_worker_never_holds_up_a_ui_write(
    rig: Rig, market: MarketServer, qtbot: QtBot
) -> None:
    """Starting sync again (after a new enrolment) stops the old worker, whose request is
    stalled for its whole read timeout: meanwhile the DB worker still writes at once."""
    proxy = enrol_behind_a_stalled_proxy(rig, market)
    try:
        config = dataclasses.replace(
            rig.config, sync=dataclasses.replace(rig.config.sync, interval_s=60, read_timeout_s=3.0)
        )
        before = len(proxy.seen)  # enrolment's requests
        rig.kiosk.start_sync(config, rig.paths, rig.backend)
        qtbot.waitUntil(lambda: rig.kiosk.sync is not None, timeout=10_000)
        qtbot.waitUntil(lambda: len(proxy.seen) > before, timeout=5_000)  # now stalled there
        old = rig.kiosk.sync
        rig.kiosk.start_sync(config, rig.paths, rig.backend)  # stops ``old``: up to 3 s
        qtbot.wait(100)
        written: list[float] = []
        started = time.monotonic()
        rig.kiosk.db.submit(
            lambda: rig.backend.audit.append(dt.datetime.now(dt.UTC), "worker", "staff_called"),
            lambda _r: written.append(time.monotonic() - started),
        )
        qtbot.waitUntil(lambda: bool(written), timeout=5_000)
        assert written[0] < 0.5, f"a UI write waited {written[0]:.1f} s for the old sync worker"
        qtbot.waitUntil(lambda: rig.kiosk.sync not in (None, old), timeout=10_000)
    finally:
        proxy.close()
