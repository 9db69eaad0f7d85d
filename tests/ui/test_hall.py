"""The hall board on a kiosk set aside for it (``[hall] display = "here"``): today's and
tomorrow's jobs a page at a time, pages that turn by themselves, a job that arrives shown
marked "new" and announced (its facts as a job card's speaker says them), announcements
that wait while a worker uses the kiosk, and a card tap that still starts a visit.

Jobs "arrive" as a sync pull brings them: the row is written to the kiosk's store and the
sync bridge reports the pull, which is the path the app wires for the real sync thread.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from kiosk.i18n import Lang
from kiosk.store import models as m
from kiosk.ui.hall.flow import HallFeature
from tests.helpers.kiosk import Rig, close_kiosk, start_rig, tap


@pytest.fixture
def hall(tmp_path: Path) -> Iterator[Rig]:
    rig = start_rig(tmp_path, hall={"display": "here", "page_seconds": 5})
    yield rig
    close_kiosk(rig.kiosk, rig.backend)


def feature(rig: Rig) -> HallFeature:
    return rig.kiosk.controller.hall_ui


def shown_ids(rig: Rig) -> list[str]:
    board = feature(rig).boards[0]
    return [row.job_id for row in board.rows if not row.isHidden()]


def loaded(rig: Rig, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: feature(rig).loaded and bool(shown_ids(rig)), timeout=10_000)


def arrives(rig: Rig, *, wage: int = 333, trade: str = "hangong") -> str:
    """A job posted at the market for two hours from now, as a pull writes it."""
    now = rig.clock.now().replace(tzinfo=None)
    with Session(rig.backend.engine) as s:
        template = s.scalars(select(m.JobRow).order_by(m.JobRow.id).limit(1)).one()
        row: dict[str, Any] = {
            c.name: getattr(template, c.name) for c in m.JobRow.__table__.columns
        }
    job_id = str(uuid.uuid4())
    start = now.replace(minute=0, second=0) + dt.timedelta(hours=2)
    row.update(
        id=job_id, job_type_code=trade, day_wage=wage, starts_at=start,
        ends_at=start + dt.timedelta(hours=8), slots_total=2, slots_taken=0, status="open",
        posted_at=now, duration="one_day",
    )  # fmt: skip
    with rig.backend.engine.begin() as conn:
        conn.execute(insert(m.JobRow), [row])
    rig.kiosk.sync_bridge.pulled_sink(1)  # as the sync thread reports a pull
    return job_id


def test_the_board_is_the_start_screen_and_a_card_still_starts_a_visit(
    hall: Rig, qtbot: QtBot
) -> None:
    ctl = hall.kiosk.controller
    qtbot.waitUntil(lambda: hall.kiosk.window.navigator.current.name == "hall", timeout=5_000)
    loaded(hall, qtbot)
    services = ctl.services
    assert services is not None
    per_page = feature(hall).roll.per_page  # 3 in both scripts, fewer beside the demo panel
    assert 1 < per_page <= 3
    expected = [mt.candidate.job.id for mt in services.jobs.board()[:per_page]]
    assert shown_ids(hall) == expected
    board = feature(hall).boards[0]
    first = board.rows[0]
    job = services.jobs.board()[0].candidate.job
    catalog = hall.kiosk.texts.catalog
    shown = [label.text() for label in first.trade.labels if not label.isHidden()]
    assert catalog.text(f"jobtype.{job.job_type_code}", Lang.ZH) in shown
    assert first.wage.text() == f"¥{job.day_wage}"
    tap(hall, qtbot, "resident_tibetan")
    qtbot.waitUntil(lambda: hall.kiosk.window.navigator.current.name == "home", timeout=5_000)
    ctl.end_session("finished")
    assert hall.kiosk.window.navigator.current.name == "hall"


def test_pages_turn_by_themselves_and_come_round_again(hall: Rig, qtbot: QtBot) -> None:
    loaded(hall, qtbot)
    hall_ui = feature(hall)
    assert hall_ui.turner.isActive()
    for _ in range(hall_ui.roll.pages):  # once round: every page laid out for this display
        hall_ui.tick()
    n = hall_ui.roll.per_page
    services = hall.kiosk.controller.services
    assert services is not None
    ids = [mt.candidate.job.id for mt in services.jobs.board()]

    def page_shown() -> bool:
        page = hall_ui.roll.page
        return shown_ids(hall) == ids[page * n : (page + 1) * n]

    first, page = shown_ids(hall), hall_ui.roll.page
    assert page_shown()
    qtbot.waitUntil(lambda: shown_ids(hall) != first, timeout=9_000)  # page_seconds = 5
    assert hall_ui.roll.page == (page + 1) % hall_ui.roll.pages
    assert page_shown()
    for _ in range(hall_ui.roll.pages - 1):
        hall_ui.tick()
    assert shown_ids(hall) == first


def test_a_job_that_arrives_is_shown_marked_new_and_announced(hall: Rig, qtbot: QtBot) -> None:
    loaded(hall, qtbot)
    said: list[list[tuple[str, dict[str, Any]]]] = []
    hall.kiosk.controller.shell.said.connect(said.append)
    with qtbot.waitSignal(feature(hall).announced, timeout=10_000) as announced:
        job_id = arrives(hall)
    assert announced.args == [job_id]
    assert job_id in shown_ids(hall)  # the board turned to its page
    board = feature(hall).boards[0]
    (row,) = [r for r in board.rows if r.job_id == job_id]
    assert not row.new.isHidden()
    assert all(r.new.isHidden() for r in board.rows if r.job_id != job_id and not r.isHidden())
    (items,) = said
    msgids = [msgid for msgid, _ in items]
    assert msgids[:3] == ["say.hall_new", "say.trade", "say.wage"]
    assert items[2][1]["wage"] == 333
    # Still marked half an hour on, not after.
    hall.clock.wall += dt.timedelta(minutes=29)
    feature(hall).show()
    assert not row.new.isHidden()
    hall.clock.wall += dt.timedelta(minutes=2)
    feature(hall).show()
    assert all(r.new.isHidden() for r in board.rows if not r.isHidden())


def test_announcements_wait_while_a_worker_uses_the_kiosk(hall: Rig, qtbot: QtBot) -> None:
    loaded(hall, qtbot)
    announced: list[str] = []
    feature(hall).announced.connect(announced.append)
    tap(hall, qtbot, "resident_tibetan")
    qtbot.waitUntil(lambda: hall.kiosk.window.navigator.current.name == "home", timeout=5_000)
    job_id = arrives(hall)
    qtbot.waitUntil(lambda: bool(feature(hall).waiting), timeout=10_000)
    feature(hall).tick()  # a turn of the page while the worker is here
    assert announced == []
    hall.kiosk.controller.end_session("finished")
    feature(hall).tick()
    assert announced == [job_id]


def test_without_announcements_a_new_job_is_only_shown(tmp_path: Path, qtbot: QtBot) -> None:
    rig = start_rig(tmp_path, hall={"display": "here", "announce": False})
    try:
        loaded(rig, qtbot)
        announced: list[str] = []
        feature(rig).announced.connect(announced.append)
        job_id = arrives(rig)
        qtbot.waitUntil(lambda: job_id in {m.candidate.job.id for m in feature(rig).roll.jobs})
        feature(rig).tick()
        assert announced == []
    finally:
        close_kiosk(rig.kiosk, rig.backend)


def test_hall_off_leaves_the_attract_screen(demo_rig: Rig) -> None:
    ctl = demo_rig.kiosk.controller
    assert ctl.hall_ui.boards == []
    assert "hall" not in ctl.screens
    assert demo_rig.kiosk.window.navigator.current.name == "attract"


def test_a_second_display_that_is_not_there_shows_no_window(tmp_path: Path, qtbot: QtBot) -> None:
    rig = start_rig(tmp_path, hall={"display": "second"})
    try:
        hall_ui = feature(rig)
        assert hall_ui.window is not None
        assert hall_ui.second_display() is None  # one screen here
        assert not hall_ui.window.isVisible()
        qtbot.waitUntil(lambda: hall_ui.loaded, timeout=10_000)
        assert hall_ui.boards[0].shown
        assert rig.kiosk.window.navigator.current.name == "attract"
    finally:
        close_kiosk(rig.kiosk, rig.backend)
