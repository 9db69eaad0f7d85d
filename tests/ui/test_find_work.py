"""A worker's way to a job: tap, find work, pick one, "I want this job" (Tibetan and Chinese)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QListView
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.matching import Match
from kiosk.i18n import Mode
from kiosk.store import models as m
from tests.helpers.kiosk import Rig, tap


def walk_to_list(rig: Rig, qtbot: QtBot, mode: Mode) -> None:
    controller = rig.kiosk.controller
    qtbot.mouseClick(
        controller.screens["attract"].language_buttons[mode], Qt.MouseButton.LeftButton
    )
    with qtbot.waitSignal(controller.session_started):
        tap(rig, qtbot, "resident_tibetan")
    qtbot.mouseClick(controller.screens["home"].find_work, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rig.kiosk.window.navigator.current is controller.screens["jobs"])


@pytest.mark.parametrize(
    ("mode", "applied_text"), [(Mode.BO, "ཐོ་འགོད་ལམ་ལྷོང"), (Mode.ZH, "报名成功")]
)
def test_tap_to_application_in_a_few_taps(
    demo_rig: Rig, qtbot: QtBot, mode: Mode, applied_text: str
) -> None:
    controller = demo_rig.kiosk.controller
    walk_to_list(demo_rig, qtbot, mode)
    model = controller.screens["jobs"].model
    assert model.rowCount() >= 10, "more than ten jobs at once"
    first = model.matches[0]
    assert all(len(match.reasons) == 3 for match in model.matches)
    view = controller.screens["jobs"].view
    last = model.index(model.rowCount() - 1, 0)
    qtbot.waitUntil(lambda: view.visualRect(last).height() > 100)  # batched layout done
    rect = view.visualRect(model.index(0, 0))
    qtbot.mouseClick(
        controller.screens["jobs"].view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )
    assert demo_rig.kiosk.window.navigator.current is controller.screens["job"]
    assert controller.screens["job"].wage.texts() == [str(first.candidate.job.day_wage)]
    with qtbot.waitSignal(controller.session_applied):
        qtbot.mouseClick(controller.screens["job"].apply, Qt.MouseButton.LeftButton)
    banner = demo_rig.kiosk.window.banner
    assert banner.message_id == "job.applied"
    assert any(applied_text in t for t in banner.text.texts())
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is controller.screens["jobs"])
    qtbot.waitUntil(
        lambda: first.candidate.job.id not in [x.candidate.job.id for x in model.matches]
    )
    with Session(demo_rig.backend.engine) as s:
        application = s.scalars(select(m.ApplicationRow)).one()
        outbox = s.scalars(select(m.OutboxRow)).one()
    assert application.job_id == first.candidate.job.id
    assert outbox.type == "application.create"
    assert outbox.entity_id == application.id
    assert outbox.state == "pending"


def test_filters_narrow_the_list(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    walk_to_list(demo_rig, qtbot, Mode.ZH)
    qtbot.mouseClick(controller.screens["jobs"].same_day, Qt.MouseButton.LeftButton)
    demo_rig.kiosk.db.wait()
    qtbot.waitUntil(lambda: controller.screens["jobs"].same_day_pay)
    qtbot.wait(50)
    matches: list[Match] = controller.screens["jobs"].model.matches
    assert matches
    assert all(x.candidate.job.pay_terms.value == "same_day" for x in matches)
    assert controller.screens["jobs"].same_day.selected


def test_leaving_mid_list_forgets_the_jobs_shown(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    walk_to_list(demo_rig, qtbot, Mode.BOTH)
    qtbot.mouseClick(controller.screens["jobs"].bar.finish, Qt.MouseButton.LeftButton)
    assert demo_rig.kiosk.window.navigator.current is controller.screens["attract"]
    assert controller.screens["jobs"].model.rowCount() == 0
    assert controller.screens["job"].match is None


def test_home_shows_the_workers_rating(demo_rig: Rig, qtbot: QtBot) -> None:
    from sqlalchemy import insert

    from kiosk.domain.credit import Faces
    from kiosk.store.repositories import WorkerRepository

    controller = demo_rig.kiosk.controller
    worker = next(
        w for w in WorkerRepository(demo_rig.backend.engine).sample(5) if w.name == "次仁卓玛"
    )
    with demo_rig.backend.engine.begin() as conn:
        conn.execute(insert(m.WorkerRatingRow).values(worker_id=worker.id, good=2, ok=1, bad=0))
    qtbot.mouseClick(
        controller.screens["attract"].language_buttons[Mode.ZH], Qt.MouseButton.LeftButton
    )
    with qtbot.waitSignal(controller.session_started):
        tap(demo_rig, qtbot, "resident_tibetan")
    demo_rig.kiosk.db.wait()
    qtbot.waitUntil(lambda: controller.screens["home"].faces == Faces(2, 1, 0))
    assert controller.screens["home"].rating.texts() == ["3 位雇主评价：好 2 · 一般 1 · 差 0"]


def test_the_trade_chip_shows_one_trade_at_a_time(demo_rig: Rig, qtbot: QtBot) -> None:
    controller = demo_rig.kiosk.controller
    walk_to_list(demo_rig, qtbot, Mode.ZH)
    trades = controller.screens["jobs"].trades
    assert len(trades) >= 2
    assert controller.screens["jobs"].trade_chip.isVisible()
    qtbot.mouseClick(controller.screens["jobs"].trade_chip, Qt.MouseButton.LeftButton)
    demo_rig.kiosk.db.wait()
    qtbot.waitUntil(lambda: controller.screens["jobs"].trade == trades[0])
    qtbot.wait(50)
    assert {x.candidate.job.job_type_code for x in controller.screens["jobs"].model.matches} <= {
        trades[0]
    }


def _when_texts(rig: Rig) -> list[str]:
    return rig.kiosk.controller.screens["job"].facts["when"].value.texts()


def test_a_kiosk_running_past_midnight_labels_today_and_tomorrow_by_the_clock(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    """The screens are built one evening; a visit after midnight still says "today" right."""
    import datetime as dt

    controller, clock = demo_rig.kiosk.controller, demo_rig.clock
    evening = clock.wall.replace(hour=23, minute=50, second=0)
    clock.wall = evening
    walk_to_list(demo_rig, qtbot, Mode.ZH)
    tomorrow = evening.date() + dt.timedelta(days=1)
    chosen = next(
        x
        for x in controller.screens["jobs"].model.matches
        if x.candidate.job.starts_at.date() == tomorrow
    )
    controller.screens["jobs"].job_chosen.emit(chosen)
    job = chosen.candidate.job
    hours = f"{job.starts_at:%H:%M}–{job.ends_at:%H:%M}"
    assert _when_texts(demo_rig) == [f"明天 {hours}"]
    controller.end_session("finished")
    clock.wall = evening + dt.timedelta(minutes=20)  # 00:10 the next day, same kiosk
    walk_to_list(demo_rig, qtbot, Mode.ZH)
    again = next(
        x
        for x in controller.screens["jobs"].model.matches
        if x.candidate.job.id == chosen.candidate.job.id
    )
    controller.screens["jobs"].job_chosen.emit(again)
    assert _when_texts(demo_rig) == [f"今天 {hours}"]


def test_the_job_detail_quotes_the_distance_the_reasons_use(demo_rig: Rig, qtbot: QtBot) -> None:
    """A worker who chose a place far from the station: one distance, from that place."""
    from sqlalchemy import update

    from kiosk.domain.matching import distance_km
    from kiosk.domain.privacy import keyed_hash
    from kiosk.idcard.demo import SAMPLES

    far = "gamagongsang"  # another station's place, kilometres from this one
    id_hash = keyed_hash(demo_rig.backend.secret, "id", SAMPLES["resident_tibetan"].number)
    with demo_rig.backend.engine.begin() as conn:
        conn.execute(
            update(m.WorkerRow).where(m.WorkerRow.id_hash == id_hash).values(home_place_code=far)
        )
    controller = demo_rig.kiosk.controller
    walk_to_list(demo_rig, qtbot, Mode.ZH)
    station = demo_rig.backend.jobs.station
    differs = [
        x
        for x in controller.screens["jobs"].model.matches
        if round(x.distance_km)
        != round(distance_km(station.lat, station.lon, x.candidate.job.lat, x.candidate.job.lon))
    ]
    assert differs, "the chosen place is far enough from the station to change distances"
    chosen = differs[0]
    km = max(1, round(chosen.distance_km))
    assert not chosen.from_station
    near = [r for r in chosen.reasons if r.message_id.startswith("reason.near")]
    assert all(r.message_id == "reason.near_chosen" for r in near), "the words say from where"
    assert all(r.values["km"] == km for r in near)
    controller.screens["jobs"].job_chosen.emit(chosen)
    where = controller.screens["job"].facts["where"].value.texts()
    assert controller.texts.lines("job.km_chosen", km=km)[0][1] in where


def test_a_job_closed_while_the_worker_looks_says_so_and_shows_the_list_again(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    from sqlalchemy import update

    controller = demo_rig.kiosk.controller
    walk_to_list(demo_rig, qtbot, Mode.ZH)
    chosen = controller.screens["jobs"].model.matches[0]
    controller.screens["jobs"].job_chosen.emit(chosen)
    with demo_rig.backend.engine.begin() as conn:  # the market withdrew it meanwhile
        conn.execute(
            update(m.JobRow).where(m.JobRow.id == chosen.candidate.job.id).values(status="closed")
        )
    demo_rig.backend.jobs.refresh()  # as a pull does
    qtbot.mouseClick(controller.screens["job"].apply, Qt.MouseButton.LeftButton)
    demo_rig.kiosk.db.wait()
    banner = demo_rig.kiosk.window.banner
    qtbot.waitUntil(lambda: banner.message_id == "job.unavailable")
    qtbot.waitUntil(lambda: demo_rig.kiosk.window.navigator.current is controller.screens["jobs"])
    shown = [x.candidate.job.id for x in controller.screens["jobs"].model.matches]
    assert chosen.candidate.job.id not in shown
    with Session(demo_rig.backend.engine) as s:
        assert s.scalar(select(m.ApplicationRow.id)) is None


def test_the_employers_record_is_shown_in_both_languages_and_unpaid_wages_stand_out(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    """Bilingual mode: a Chinese reader sees the credit, the licence and an unpaid-wage
    record as well as a Tibetan reader (they were cut to the first language)."""
    import dataclasses

    from kiosk.i18n import Lang, Ref

    controller = demo_rig.kiosk.controller
    walk_to_list(demo_rig, qtbot, Mode.BOTH)
    first = controller.screens["jobs"].model.matches[0]
    employer = dataclasses.replace(
        first.candidate.employer, licence_verified=True, unpaid_wage_cases=2, credit_score=80
    )
    match = dataclasses.replace(
        first, candidate=dataclasses.replace(first.candidate, employer=employer)
    )
    detail = controller.screens["job"]
    detail.show_match(match)
    texts = controller.texts
    shown = detail.facts["employer"].value.texts()
    for msgid, fmt in (
        ("job.credit", {"score": employer.credit_score, "word": Ref("credit.good")}),
        ("job.verified", {}),
    ):
        for lang in (Lang.BO, Lang.ZH):
            assert texts.catalog.text(msgid, lang, **fmt) in shown
    warning = detail.warning
    assert warning.isVisibleTo(detail)
    for lang in (Lang.BO, Lang.ZH):
        unpaid = texts.catalog.plural("job.unpaid", "job.unpaid.plural", 2, lang)
        assert unpaid in warning.texts()
    where = detail.facts["where"].value.texts()
    assert len(where) == 3, "the address, then the distance in Tibetan and in Chinese"
    detail.show_match(first if not first.candidate.employer.unpaid_wage_cases else None)
    assert not warning.isVisibleTo(detail)


def _whole(view: QListView, row: int) -> bool:
    rect = view.visualRect(view.model().index(row, 0))
    return rect.height() > 0 and rect.top() >= 0 and rect.bottom() <= view.viewport().height()


@pytest.mark.parametrize("mode", [Mode.BOTH, Mode.BO, Mode.ZH])
def test_the_list_shows_three_whole_cards_a_page_and_pages_with_big_buttons(
    demo_rig: Rig, qtbot: QtBot, mode: Mode
) -> None:
    controller = demo_rig.kiosk.controller
    walk_to_list(demo_rig, qtbot, mode)
    jobs = controller.screens["jobs"]
    view, n = jobs.view, jobs.model.rowCount()
    assert n > 6
    qtbot.waitUntil(lambda: _whole(view, 0))
    assert [_whole(view, r) for r in range(4)] == [True, True, True, False]
    width = view.viewport().width()
    for match in jobs.model.matches:  # nothing of any card is cut off, in this mode
        assert view.cards.needed_height(match, width) <= view.cards.row_height, match
    texts = controller.texts

    def count() -> list[str]:
        return jobs.count.texts()

    assert count() == [t for _, t in texts.plural_lines("jobs.count", n, first=1, last=3)]
    assert not jobs.previous.isEnabled()
    qtbot.mouseClick(jobs.next, Qt.MouseButton.LeftButton)
    assert [_whole(view, r) for r in range(2, 7)] == [False, True, True, True, False]
    assert count() == [t for _, t in texts.plural_lines("jobs.count", n, first=4, last=6)]
    qtbot.mouseClick(jobs.previous, Qt.MouseButton.LeftButton)
    assert _whole(view, 0)
    assert not jobs.previous.isEnabled()
    while jobs.next.isEnabled():
        qtbot.mouseClick(jobs.next, Qt.MouseButton.LeftButton)
    assert [_whole(view, r) for r in range(n - 3, n)] == [True, True, True]
    assert count() == [t for _, t in texts.plural_lines("jobs.count", n, first=n - 2, last=n)]


def test_each_card_has_a_speaker_that_reads_that_job(demo_rig: Rig, qtbot: QtBot) -> None:
    from kiosk.i18n import Ref

    controller = demo_rig.kiosk.controller
    walk_to_list(demo_rig, qtbot, Mode.ZH)
    jobs = controller.screens["jobs"]
    view = jobs.view
    qtbot.waitUntil(lambda: _whole(view, 2))
    second = jobs.model.matches[1]
    speaker = view.cards.speaker_rect(QRectF(view.visualRect(jobs.model.index(1, 0))))
    with qtbot.waitSignal(controller.shell.said) as said:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=speaker.center().toPoint())
    items = said.args[0]
    job = second.candidate.job
    ids = [m for m, _ in items]
    assert ("say.trade", {"trade": Ref(f"jobtype.{job.job_type_code}")}) in items
    assert ("say.wage", {"wage": job.day_wage}) in items
    assert {"say.when", "say.place"} <= set(ids) or {"say.when_minutes", "say.place"} <= set(ids)
    assert demo_rig.kiosk.window.navigator.current is jobs, "the speaker does not open the job"


def test_a_taller_card_further_down_makes_the_rows_taller_when_its_page_comes(
    demo_rig: Rig, qtbot: QtBot
) -> None:
    """Only the first cards are measured at once; a longer one later never gets cut."""
    import dataclasses

    controller = demo_rig.kiosk.controller
    walk_to_list(demo_rig, qtbot, Mode.BOTH)
    jobs = controller.screens["jobs"]

    def as_trade(match: Match, code: str) -> Match:
        job = dataclasses.replace(match.candidate.job, job_type_code=code)
        return dataclasses.replace(match, candidate=dataclasses.replace(match.candidate, job=job))

    base = jobs.model.matches[0]
    matches = [as_trade(base, "banyun") for _ in range(20)]
    matches[-1] = as_trade(base, "wajueji")  # the longest Tibetan name: two lines
    jobs.show_matches(matches)
    view, width = jobs.view, jobs.view.viewport().width()
    tall = view.cards.needed_height(matches[-1], width)
    assert tall > view.cards.needed_height(matches[0], width)
    while jobs.next.isEnabled():
        qtbot.mouseClick(jobs.next, Qt.MouseButton.LeftButton)
    assert view.cards.row_height >= tall
    assert _whole(view, len(matches) - 1)
