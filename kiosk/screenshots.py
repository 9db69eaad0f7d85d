"""Renders every screen in each display mode to PNG, offscreen, for review without a kiosk."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import Config, Paths, resolve_paths, with_overrides
from kiosk.domain.dashboard import MEASURES, Dashboard, DayCounts, StationDays
from kiosk.domain.errors import AuthError, AuthErrorKind, StoreError, StoreErrorKind
from kiosk.i18n import Lang, Mode
from kiosk.screenshots_recruit import walk_recruit
from kiosk.screenshots_trust import walk_complaint, walk_pay, walk_phone, walk_signing
from kiosk.services.admin_auth import Role
from kiosk.sync.status import OFFLINE, SyncStatus, Waiting
from kiosk.ui.filing.screen import STEPS as FILING_STEPS
from kiosk.ui.syncstatus.flow import rejected_messages
from kiosk.ui.visit.flow import ASKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from kiosk.app import Kiosk
    from kiosk.idcard.demo import DemoReader


SAMPLE_STATUS = SyncStatus(
    OFFLINE, last_sync=dt.datetime(2026, 11, 24, 9, 5, tzinfo=dt.UTC), waiting=Waiting(0, 1, 0)
)
SAMPLE_REPORTED = dt.datetime(2026, 11, 24, 8, 55, tzinfo=dt.UTC)
SAMPLE_REJECTED = [("application.create", "full", dt.datetime(2026, 11, 24, 16, 42))]


def sample_station(mine: Dashboard) -> StationDays:
    """The station's days for the pictures: this kiosk's and a second kiosk's, busier."""
    other = {"visits": 9, "registrations": 2, "applications": 6, "accepted": 5, "agreements": 2}
    days = tuple(
        DayCounts(
            d.day,
            {
                m: d[m] + (other.get(m, 0) + i % 3 if m in other else 0)
                for m in MEASURES
                if m != "hired_online"
            }
            | {"hired_online": 1 + i % 2},
        )
        for i, d in enumerate(mine.days)
    )
    kiosks = (("gongdelin-1", SAMPLE_REPORTED), ("gongdelin-2", SAMPLE_REPORTED))
    return StationDays(
        "gongdelin", Dashboard(days), kiosks, {d.day: i % 2 for i, d in enumerate(days)}
    )


def render_all(config: Config, paths: Paths, out_dir: Path, modes: list[str]) -> list[Path]:
    """Walk the screens with demo data and save ``<screen>-<mode>.png`` files."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop  # noqa: PLC0415

    from kiosk.app import build_kiosk  # noqa: PLC0415
    from kiosk.services.demo_data import DEMO_PINS  # noqa: PLC0415
    from kiosk.wiring import open_backend, prepare_demo  # noqa: PLC0415

    # Screenshots show a fixed state: sync off, and a fresh demo store of their own (never
    # the kiosk's data, nor what earlier runs applied for).
    config = dataclasses.replace(config, sync=dataclasses.replace(config.sync, enabled=False))
    scratch = tempfile.TemporaryDirectory(prefix="kiosk-screenshots-")
    config = with_overrides(config, storage={"data_dir": scratch.name})
    paths = dataclasses.replace(
        resolve_paths(config), assets=paths.assets, translations=paths.translations
    )
    backend = open_backend(config, paths)
    prepare_demo(backend, paths, DEMO_PINS)
    kiosk = build_kiosk(config, paths, demo_panel=False)
    kiosk.attach(config, paths, backend)
    ctl, window = kiosk.controller, kiosk.window
    # The panel's size, fixed as on the station (a page laid out for the first time
    # must not grow the window past it while its layout settles).
    window.setFixedSize(config.display.width_px, config.display.height_px)
    window.show()
    out_dir.mkdir(parents=True, exist_ok=True)
    from kiosk.idcard.demo import DemoReader  # noqa: PLC0415

    reader = DemoReader()
    reader.start(ctl.reader_event)
    written: list[Path] = []
    _apply_for_two(kiosk, reader, backend.engine)

    def shot(name: str, mode: str) -> None:
        kiosk.db.wait()
        for _ in range(5):
            kiosk.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        path = out_dir / f"{name}-{mode}.png"
        window.grab().save(str(path))
        written.append(path)

    for mode_name in modes:
        _walk(kiosk, reader, Mode(mode_name), config.session.warning_seconds, shot)
        walk_recruit(kiosk, reader, backend.engine, Mode(mode_name), shot)
    ctl.end_session("screenshots")
    kiosk.close()
    backend.engine.dispose()
    scratch.cleanup()
    return written


def _apply_for_two(kiosk: Kiosk, reader: DemoReader, engine: Engine) -> None:
    """The demo worker applies for the first two jobs, for home and the summary; the
    employer accepts the second (as the market's answer would arrive: sync is off here)."""
    ctl = kiosk.controller
    reader.present("resident_tibetan")
    kiosk.db.wait()
    kiosk.app.processEvents()
    jobs = ctl.jobs_ui
    jobs.find_work("any", False, "")
    kiosk.db.wait()
    kiosk.app.processEvents()
    for match in jobs.list.model.matches[:2]:
        jobs.detail.show_match(match)
        jobs.detail.apply.click()
        kiosk.db.wait()
        kiosk.app.processEvents()
    _accept_second(engine)
    _book_two(kiosk, engine)
    ctl.end_session("screenshots")


def _accept_second(engine: Engine) -> None:
    from sqlalchemy import insert, select  # noqa: PLC0415

    from kiosk.store import models as m  # noqa: PLC0415

    with engine.begin() as conn:
        rows = conn.execute(
            select(
                m.ApplicationRow.id, m.ApplicationRow.worker_id, m.ApplicationRow.job_id
            ).order_by(m.ApplicationRow.created_at, m.ApplicationRow.id)
        ).all()
        if len(rows) >= 2:
            app_id, worker_id, job_id = rows[1]
            conn.execute(
                insert(m.AnswerRow).values(
                    id=app_id,
                    worker_id=worker_id,
                    job_id=job_id,
                    answer="accepted",
                    answered_at=dt.datetime.now(),
                )
            )


def _walk_training(kiosk: Kiosk, shot: Callable[[str, str], None], name: str) -> None:
    """The courses with the two bookings, and the question asked once (shown again here as
    it was at the first visit; nothing is kept)."""
    feature = kiosk.controller.training_ui
    feature.open()
    kiosk.db.wait()
    kiosk.app.processEvents()
    offer = feature.screen.offer
    if offer is not None:
        feature.screen.show_offer(dataclasses.replace(offer, asked=False))
        shot("training-wish", name)
        feature.screen.show_offer(offer)
    shot("training", name)


def _book_two(kiosk: Kiosk, engine: Engine) -> None:
    """The demo worker books the cleaning course (a seat) and the full security course
    (the waiting list), shown as after the market's answer (sync is off here)."""
    from sqlalchemy import update  # noqa: PLC0415

    from kiosk.store import models as m  # noqa: PLC0415

    feature = kiosk.controller.training_ui
    feature.open()
    kiosk.db.wait()
    kiosk.app.processEvents()
    feature.wish(None)  # "only my own trades", asked once
    kiosk.db.wait()
    kiosk.app.processEvents()
    offer = feature.screen.offer
    for trade in ("baojie", "baoan"):
        course = next(c for c in (offer.courses if offer else []) if c.job_type_code == trade)
        feature.book(course)
        kiosk.db.wait()
        kiosk.app.processEvents()
        status = "waiting" if course.full else "booked"
        position = course.waiting + 1 if course.full else None
        with engine.begin() as conn:
            conn.execute(
                update(m.BookingRow)
                .where(m.BookingRow.training_id == course.id)
                .values(status=status, position=position)
            )


def _walk(
    kiosk: Kiosk, reader: DemoReader, mode: Mode, warning_s: int, shot: Callable[[str, str], None]
) -> None:
    """One language: every screen, with a worker signed in where it needs one."""
    ctl, texts, window = kiosk.controller, kiosk.texts, kiosk.window
    name = mode.value
    texts.default_mode = mode
    ctl.end_session("screenshots")
    shot("attract", name)
    reader.present("resident_tibetan")
    kiosk.db.wait()
    kiosk.app.processEvents()
    texts.set_mode(mode)
    shot("home", name)  # with the two applications made at the start
    walk_phone(kiosk, shot, name)
    jobs = ctl.jobs_ui
    jobs.find_work("any", False, "")
    shot("jobs", name)
    ctl.calls_ui.call_staff()  # the worker asks for help: the bar shows the wait
    shot("call", name)
    if jobs.list.model.matches:
        jobs.list.job_chosen.emit(jobs.list.model.matches[0])
        shot("job", name)
        covered = [mt for mt in jobs.list.model.matches if mt.candidate.job.cover]
        if covered:
            jobs.list.job_chosen.emit(covered[0])
            shot("job-cover", name)
        window.navigator.go("cover")
        shot("cover", name)
    ctl.summary_ui.started_at = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # all of them
    ctl.summary_ui.applied = 1
    ctl.shell.finish()
    shot("summary", name)
    walk_pay(kiosk, shot, name)
    walk_complaint(kiosk, shot, name)
    _walk_training(kiosk, shot, name)
    window.overlay.show_countdown(warning_s)
    shot("idle-warning", name)
    window.overlay.hide()
    _walk_filing(kiosk, reader, mode, shot)
    _walk_admin(kiosk, mode, shot)
    walk_signing(kiosk, reader, mode, shot)
    _shoot_hall(kiosk, mode, shot)


def _walk_filing(
    kiosk: Kiosk, reader: DemoReader, mode: Mode, shot: Callable[[str, str], None]
) -> None:
    """An unknown card: the filing steps."""
    ctl, texts, name = kiosk.controller, kiosk.texts, mode.value
    ctl.end_session("screenshots")
    ctl.shell.show(ASKING, "info")  # an enrolled kiosk asks the market first
    shot("asking-market", name)
    kiosk.window.banner.clear()
    reader.present("hmt_permit")  # not registered: profile filing
    kiosk.db.wait()
    kiosk.app.processEvents()
    texts.set_mode(mode)
    filing = ctl.filing_ui.screen
    filing.draft.toggle_skill("banyun")
    for label in ("consent", "skills", "years", "phone", "confirm"):
        filing.step = FILING_STEPS.index(label)
        filing.retranslate()
        shot(f"filing-{label}", name)


def _walk_admin(kiosk: Kiosk, mode: Mode, shot: Callable[[str, str], None]) -> None:
    """The PIN pad, staff, technician, enrolment and recording screens."""
    ctl, window, name = kiosk.controller, kiosk.window, mode.value
    ctl.end_session("screenshots")
    window.navigator.go("pin")
    admin, sync = ctl.admin_ui, ctl.sync_ui
    ctl.shell.visit.pin_requested()
    admin.sign_in_failed(AuthError(AuthErrorKind.WRONG_PIN, remaining=3))
    shot("pin", name)
    sync.enrolled_with = "https://market.example.cn"
    sync.set_status(SAMPLE_STATUS)
    admin.open_role(Role.STAFF)
    kiosk.db.wait()
    kiosk.app.processEvents()
    admin.staff.show_sync(sync.messages(), rejected_messages(SAMPLE_REJECTED))
    shot("staff", name)
    ctl.dashboard_ui.open()
    kiosk.db.wait()
    kiosk.app.processEvents()
    mine = ctl.dashboard_ui.screen.dashboard
    if mine is not None:  # as an enrolled kiosk's market would answer (a sample)
        ctl.dashboard_ui.show_answer(mine, sample_station(mine), "dash.station.from")
    shot("dashboard", name)
    ctl.dashboard_ui.screen.choose("station")
    shot("dashboard-station", name)
    ctl.dashboard_ui.back()
    ctl.assist_ui.screen.ask("次仁卓玛")  # staff asked to act for her: her answer first
    window.navigator.go("assist")
    shot("assist", name)
    ctl.shell.visit.finish()  # straight from staff to the technician, for the pictures
    ctl.shell.visit.pin_requested()
    admin.open_role(Role.TECHNICIAN)
    shot("technician", name)
    _shoot_settings(kiosk, shot, name)
    sync.screen.reset("https://market.example.cn")
    window.navigator.go("enrol")
    shot("enrol-address", name)
    sync.screen.show_code("K7PD-3XQM")
    window.navigator.go("enrol")
    shot("enrol", name)
    catalog = kiosk.texts.catalog
    record = ctl.recording_ui.screen
    record.show_item(
        "attract.tap_card",
        catalog.text("attract.tap_card", Lang.BO),
        catalog.text("attract.tap_card", Lang.ZH),
        12,
        140,
    )
    record.set_state(("record.shared", None, {"version": 3}))
    window.navigator.go("record")
    shot("record", name)
    ctl.end_session("screenshots")
    ctl.visit_ui.out_of_service(StoreError(StoreErrorKind.DISK_FULL))  # the disk filled up
    shot("out-of-service", name)
    ctl.shell.visit.back_in_service()


def _shoot_settings(kiosk: Kiosk, shot: Callable[[str, str], None], name: str) -> None:
    """The settings screen: as opened, then a SAM reader tested and the keyboard out."""
    settings = kiosk.controller.settings_ui
    settings.open()
    shot("settings", name)
    screen = settings.screen
    screen.choose_backend("sam")
    screen.show_reader_result(
        "settings.reader.read", {"name": "次*", "number": "5401**********1234"}
    )
    screen.edit(screen.queue)
    kiosk.app.processEvents()
    shot("settings-keyboard", name)
    kiosk.controller.window.navigator.go("technician")


def _shoot_hall(kiosk: Kiosk, mode: Mode, shot: Callable[[str, str], None]) -> None:
    """The hall board as the kiosk set aside for it shows it (a second display shows the
    same board): the first page of today's and tomorrow's jobs, the first marked new."""
    from kiosk.ui.hall.board import rows_for  # noqa: PLC0415
    from kiosk.ui.hall.screens import HallScreen  # noqa: PLC0415

    ctl, shell = kiosk.controller, kiosk.controller.shell
    if ctl.services is None:
        return
    ctl.end_session("screenshots")
    screen = ctl.screens.get("hall")
    if not isinstance(screen, HallScreen):
        screen = HallScreen(shell.theme, shell.texts, clock=shell.clock, today=shell.today)
        shell.add(screen)
    kiosk.texts.set_mode(mode)
    jobs = ctl.services.jobs.board()[: rows_for(mode)]
    screen.board.show_page(jobs, 0, 12, {jobs[0].candidate.job.id} if jobs else set())
    shell.go("hall")
    shot("hall", mode.value)
    ctl.end_session("screenshots")
