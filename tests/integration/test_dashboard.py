"""The staff's day at a glance, checked against a seeded week at a real kiosk: visits by
card tap, an application three days ago, and today a filing, an application the market
took, a signed agreement, a wage complaint, a call for staff and a visit staff made for a
worker with consent; a visit eight days ago is out of the window. Online hires are the
market's to count: this kiosk is not enrolled, so they are shown as unknown (a dash) and
the station's figures are said to need the market (tests/integration/test_station_dashboard.py
has them). Opened by touch from the staff screen; the CSV reaches a real
(small, mounted) disk standing in for a USB stick, and no stick is said so."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import update

from kiosk.domain.complaint import Draft
from kiosk.domain.dashboard import LOCAL_MEASURES, MEASURES
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.services.demo_data import DEMO_PINS
from kiosk.store import models as m
from kiosk.store.agreements import AgreementRepository
from tests.helpers.agreements import signed_for
from tests.helpers.kiosk import Rig, close_kiosk, start_rig, tap
from tests.helpers.tmpfs import small_disk
from tests.ui.test_admin import enter, open_pin_pad


def _set_day(rig: Rig, today: dt.date, days_back: int, hour: int) -> None:
    rig.clock.wall = dt.datetime.combine(
        today - dt.timedelta(days=days_back), dt.time(hour), LHASA_TZ
    )


def _seed(rig: Rig, qtbot: QtBot, today: dt.date) -> None:
    ctl, backend = rig.kiosk.controller, rig.backend
    _set_day(rig, today, 8, 10)  # eight days ago: not shown
    tap(rig, qtbot, "resident_tibetan")
    ctl.end_session("test")
    _set_day(rig, today, 3, 10)  # three days ago: a visit and an application
    tap(rig, qtbot, "resident_tibetan")
    worker = backend.session.worker
    assert worker is not None
    backend.jobs.apply(worker, backend.jobs.matches(worker)[0].candidate.job.id)
    ctl.end_session("test")
    _set_day(rig, today, 0, 9)  # today
    tap(rig, qtbot, "resident_tibetan")
    ctl.end_session("test")
    agreement, worker_id, employer_id = signed_for(rig, today)  # files, applies, signs
    AgreementRepository(backend.engine).save(
        agreement, worker_id=worker_id, employer_id=employer_id, now=rig.clock.now()
    )
    newcomer = backend.session.worker
    assert newcomer is not None
    backend.complaints.file(newcomer, Draft(None, None, "某工地", 800, None, None, ""))
    backend.calls.open("kiosk-1", "jobs", rig.clock.now())
    # What the consent screen writes when the worker lets staff act for them (test_assist).
    backend.audit.append(rig.clock.now(), "worker", "assist_consent", newcomer.id)
    with backend.engine.begin() as conn:  # the market took today's application, as sync says
        conn.execute(
            update(m.ApplicationRow)
            .where(m.ApplicationRow.worker_id == newcomer.id)
            .values(status="sent")
        )
    ctl.end_session("test")
    _set_day(rig, today, 0, 12)


def test_the_week_at_a_glance_by_touch_and_to_a_stick(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    media = tmp_path / "media"
    media.mkdir()
    rig = start_rig(tmp_path / "kiosk", storage={"usb_dirs": str(media)})
    try:
        today = rig.clock.now().date()
        _seed(rig, qtbot, today)
        ctl = rig.kiosk.controller
        open_pin_pad(rig, qtbot)
        enter(rig, qtbot, DEMO_PINS["staff"])
        staff = ctl.admin_ui.staff
        assert rig.kiosk.window.navigator.current is staff
        qtbot.mouseClick(staff.day, Qt.MouseButton.LeftButton)
        screen = ctl.dashboard_ui.screen
        assert rig.kiosk.window.navigator.current is screen
        qtbot.waitUntil(lambda: screen.dashboard is not None, timeout=10_000)
        board = screen.dashboard
        assert board is not None
        want_today = dict.fromkeys(LOCAL_MEASURES, 1)
        assert {x: board.today[x] for x in LOCAL_MEASURES} == want_today
        assert not board.known("hired_online")
        three_days_ago = board.days[-4]
        assert three_days_ago.day == today - dt.timedelta(days=3)
        assert (three_days_ago["visits"], three_days_ago["applications"]) == (1, 1)
        assert board.total("visits") == 2  # the visit eight days ago is not counted
        assert board.total("applications") == 2
        shown = {x: screen.tiles[x][0].labels[0].text() for x in MEASURES}
        assert shown == {**dict.fromkeys(LOCAL_MEASURES, "1"), "hired_online": "\u2014"}
        assert screen.station_says[0] == "dash.station.unlinked"
        assert not screen.scopes["station"].isEnabled()
        assert screen.bars()["visits"] == [0, 0, 0, 1, 0, 0, 1]
        assert screen.bars()["agreements"] == [0, 0, 0, 0, 0, 0, 1]

        with small_disk(media / "STICK", "4m") as stick:
            qtbot.mouseClick(screen.export, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: screen.state_id == "dash.exported", timeout=10_000)
            assert screen.export.isEnabled()
            (written,) = os.listdir(stick.path)
            assert written.startswith("kiosk-day-")
            assert written.endswith(".csv")
            text = (stick.path / written).read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][2:] == list(MEASURES)
        by_date = {r[1]: r[2:] for r in rows[1:]}
        assert by_date[today.isoformat()] == ["" if x == "hired_online" else "1" for x in MEASURES]
        assert by_date["total"][MEASURES.index("visits")] == "2"

        banner = rig.kiosk.window.banner
        qtbot.mouseClick(screen.export, Qt.MouseButton.LeftButton)  # the stick is gone
        qtbot.waitUntil(lambda: banner.message_id == "tech.export.no_stick", timeout=10_000)
        assert screen.export.isEnabled()
        qtbot.mouseClick(screen.leave, Qt.MouseButton.LeftButton)
        assert rig.kiosk.window.navigator.current is staff
    finally:
        close_kiosk(rig.kiosk, rig.backend)


def test_a_visit_counts_once_however_often_home_is_shown(qtbot: QtBot, tmp_path: Path) -> None:
    """A newcomer is welcomed when filing ends, after the tap: still one visit."""
    rig = start_rig(tmp_path / "kiosk")
    try:
        shell, backend = rig.kiosk.controller.shell, rig.backend
        tap(rig, qtbot, "resident_tibetan")
        view = rig.kiosk.controller.screens["home"].view
        assert view is not None
        shell.welcome(view)  # home shown again in the same visit (as after filing)
        rig.kiosk.db.wait()
        today = rig.clock.now().date()
        assert backend.figures.days(today).today["visits"] == 1
        shell.end_visit("test")
        tap(rig, qtbot, "resident_tibetan")  # a new visit
        rig.kiosk.db.wait()
        assert backend.figures.days(today).today["visits"] == 2
    finally:
        close_kiosk(rig.kiosk, rig.backend)
