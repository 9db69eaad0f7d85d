"""Fast recruitment at the kiosk, walked as staff, an employer and two workers do it: the
workers' first taps of the day give them queue numbers on their homes; staff press "fast
recruitment", the employer's card is new, so staff type the phone (a wrong one is refused
on the page, nothing kept); the job is posted in a few touches (a wage below the legal
minimum is refused); the queue shows today's workers, the job's trade first, with masked
names; a number is called huge; another's card is refused, the called worker's own takes
the job and the agreement opens; left unsigned, the kiosk is back at the queue, without the
hired worker. Next time the employer taps their card at the attract screen alone and goes
straight to posting; their visit ends with "done"."""

from __future__ import annotations

import datetime as dt
import subprocess
import time
import unicodedata
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.timeutil import LHASA_TZ
from kiosk.domain.visit import Phase, Who
from kiosk.idcard.demo import SAMPLES
from kiosk.store import models as m
from tests.helpers.cups import Cups, needs_cups
from tests.helpers.kiosk import Rig, close_kiosk, start_rig, tap
from tests.ui.test_staff_bind import open_staff

CLICK = Qt.MouseButton.LeftButton
DISTRICT = b"d" * 32  # the market hands every kiosk its look-up key at the first sync


def rows(rig: Rig, table: type[m.Base]) -> list[object]:
    rig.kiosk.db.wait()
    with Session(rig.backend.engine) as s:
        return list(s.scalars(select(table)))


def outbox(rig: Rig) -> list[str]:
    """What recruitment queued (the workers' taps move them to the district key too)."""
    kinds = (r.type for r in rows(rig, m.OutboxRow))  # type: ignore[attr-defined]
    return sorted(k for k in kinds if k != "worker.rekey")


def screen_is(rig: Rig, qtbot: QtBot, name: str) -> None:
    qtbot.waitUntil(lambda: rig.kiosk.window.navigator.current.name == name, timeout=5_000)


def check_in(rig: Rig, qtbot: QtBot, card: str) -> str:
    """The worker's tap; the number their home shows them (and says)."""
    ctl = rig.kiosk.controller
    tap(rig, qtbot, card)
    screen_is(rig, qtbot, "home")
    home = ctl.visit_ui.home
    qtbot.waitUntil(lambda: "queue" in home.notes, timeout=5_000)
    lines, said = home.notes["queue"]
    assert said[0][0] == "recruit.your_number"
    assert ("recruit.your_number", said[0][1]) in home.prompts(), "said with the rest of home"
    ctl.end_session("finished")
    return dict(lines)[next(iter(dict(lines)))]


def test_staff_recruit_for_a_new_employer_from_the_room(demo_rig: Rig, qtbot: QtBot) -> None:
    rig, ctl = demo_rig, demo_rig.kiosk.controller
    rig.backend.keys.learn(DISTRICT)
    first = check_in(rig, qtbot, "resident_tibetan")
    assert "1" in first
    assert "2" in check_in(rig, qtbot, "resident_chinese")
    assert "1" in check_in(rig, qtbot, "resident_tibetan"), "the same number all day"
    feature = ctl.recruit_ui
    open_staff(rig, qtbot)
    qtbot.mouseClick(feature.open_button, CLICK)
    screen_is(rig, qtbot, "recruit_card")
    assert ctl.shell.visit.phase is Phase.RECRUITING
    tap(rig, qtbot, "hmt_permit")  # no employer has this card yet: staff register him
    card = feature.card
    qtbot.waitUntil(lambda: card.holder is not None, timeout=5_000)
    assert card.who.texts()[-1].endswith("陈＊＊")  # masked, as on every staff screen
    assert card.number.texts() == [SAMPLES["hmt_permit"].masked_number]
    for digit in "139890011":  # two digits short
        qtbot.mouseClick(card.keypad.digits[digit], CLICK)
    qtbot.mouseClick(card.main, CLICK)
    qtbot.waitUntil(lambda: bool(card.problem_lines), timeout=5_000)
    assert "11 位" in " ".join(t for _, t in card.problem_lines)
    assert outbox(rig) == []
    assert rig.kiosk.window.navigator.current is card
    for digit in "22":
        qtbot.mouseClick(card.keypad.digits[digit], CLICK)
    qtbot.mouseClick(card.main, CLICK)
    screen_is(rig, qtbot, "recruit_post")
    (employer,) = [e for e in rows(rig, m.EmployerRow) if e.card_hash]  # type: ignore[attr-defined]
    assert (employer.name, employer.phone) == ("陈志明", "13989001122")  # type: ignore[attr-defined]
    post = feature.post
    qtbot.mouseClick(post.trade_buttons["banyun"], CLICK)
    assert post.on_terms
    assert post.main.isVisible()
    qtbot.mouseClick(post.main, CLICK)  # no wage yet
    assert "日薪" in " ".join(t for _, t in post.problem_lines)
    for digit in "120":  # below 8 hours at the minimum hourly wage
        qtbot.mouseClick(post.keypad.digits[digit], CLICK)
    qtbot.mouseClick(post.main, CLICK)
    qtbot.waitUntil(lambda: "最低" in " ".join(t for _, t in post.problem_lines), timeout=5_000)
    assert outbox(rig) == ["employer.register"]
    qtbot.mouseClick(post.keypad.delete, CLICK)
    qtbot.mouseClick(post.keypad.delete, CLICK)
    qtbot.mouseClick(post.keypad.digits["6"], CLICK)
    qtbot.mouseClick(post.keypad.digits["0"], CLICK)
    qtbot.mouseClick(post.tomorrow_button, CLICK)
    qtbot.mouseClick(post.main, CLICK)
    screen_is(rig, qtbot, "recruit_queue")
    queue = feature.queue
    qtbot.waitUntil(lambda: queue.waiting is not None, timeout=5_000)
    assert outbox(rig) == ["employer.register", "job.post"]
    job = feature.job
    assert job is not None
    assert (job.day_wage, job.job_type_code) == (160, "banyun")
    waiting = queue.waiting or []
    assert sorted(w.number for w in waiting) == [1, 2]
    assert [w.fits for w in waiting] == sorted((w.fits for w in waiting), reverse=True)
    shown = [r for r in queue.rows if r.isVisible()]
    assert len(shown) == 2
    names = " ".join(t for r in shown for t in r.who.texts())
    assert "次＊＊＊" in names
    assert "王＊＊" in names
    assert "次仁卓玛" not in names
    tibetan = next(r for r in shown if r.waiting and r.waiting.number == 1)
    qtbot.mouseClick(tibetan.call, CLICK)
    screen_is(rig, qtbot, "recruit_call")
    call = feature.call
    assert call.number.text() == "1"
    msgid, values = call.prompt()
    assert (msgid, values["number"]) == ("recruit.calling", 1)  # an int: Tibetan number clips
    tap(rig, qtbot, "resident_chinese")  # not number 1
    qtbot.waitUntil(lambda: bool(call.problem_lines), timeout=5_000)
    assert rows(rig, m.ApplicationRow) == []
    tap(rig, qtbot, "resident_tibetan")
    screen_is(rig, qtbot, "agreement_sign")
    (application,) = rows(rig, m.ApplicationRow)
    assert application.job_id == job.job_id  # type: ignore[attr-defined]
    assert ctl.shell.visit.phase is Phase.AGREEMENT
    tap(rig, qtbot, "resident_tibetan")  # a second tap confirms at the agreement: no new hire
    assert len(rows(rig, m.ApplicationRow)) == 1
    ctl.agreement_ui.cancel()  # not signed now: back to the room's list
    screen_is(rig, qtbot, "recruit_queue")
    qtbot.waitUntil(lambda: queue.waiting is not None, timeout=5_000)
    assert [w.number for w in queue.waiting or []] == [2], "the hired worker left the queue"
    qtbot.mouseClick(queue.main, CLICK)  # done hiring
    screen_is(rig, qtbot, "staff")
    assert ctl.shell.visit.phase is Phase.STAFF


def test_a_known_employer_taps_in_alone_and_leaves(demo_rig: Rig, qtbot: QtBot) -> None:
    rig, ctl = demo_rig, demo_rig.kiosk.controller
    rig.backend.keys.learn(DISTRICT)
    from kiosk.idcard.events import CardPresented

    rig.backend.recruit.register(CardPresented("c", SAMPLES["hmt_permit"]), "13989001122")
    tap(rig, qtbot, "hmt_permit")  # no worker's card: an employer's
    screen_is(rig, qtbot, "recruit_post")
    assert ctl.shell.visit.who is Who.EMPLOYER
    assert ctl.recruit_ui.post.employer_name == "陈志明"
    qtbot.mouseClick(ctl.recruit_ui.post.leave, CLICK)  # back on the work page: leave
    screen_is(rig, qtbot, "attract")
    assert ctl.shell.visit.phase is Phase.IDLE
    tap(rig, qtbot, "foreign_permanent")  # neither worker nor employer: filing, as before
    screen_is(rig, qtbot, "filing")


def test_too_late_for_today_starts_on_tomorrow(demo_rig: Rig, qtbot: QtBot) -> None:
    """At 09:00 the job starts today unless the employer says otherwise; at 18:00 "today"
    is too late for a day's work, so "tomorrow" is chosen already and posts at once."""
    rig, ctl = demo_rig, demo_rig.kiosk.controller
    rig.backend.keys.learn(DISTRICT)
    from kiosk.idcard.events import CardPresented

    rig.backend.recruit.register(CardPresented("c", SAMPLES["hmt_permit"]), "13989001122")
    day = rig.clock.now().date()
    post = ctl.recruit_ui.post
    for hour, tomorrow in ((9, False), (18, True)):
        rig.clock.wall = dt.datetime.combine(day, dt.time(hour, 0), LHASA_TZ)
        tap(rig, qtbot, "hmt_permit")
        screen_is(rig, qtbot, "recruit_post")
        qtbot.mouseClick(post.trade_buttons["banyun"], CLICK)
        assert post.tomorrow is tomorrow
        assert post.tomorrow_button.selected is tomorrow  # the yellow frame on the choice
        assert post.today_button.selected is not tomorrow
        for digit in "260":
            qtbot.mouseClick(post.keypad.digits[digit], CLICK)
        qtbot.mouseClick(post.main, CLICK)
        screen_is(rig, qtbot, "recruit_queue")
        job = ctl.recruit_ui.job
        assert job is not None
        assert job.starts_at.date() == day + dt.timedelta(days=int(tomorrow))
        ctl.end_session("finished")
        screen_is(rig, qtbot, "attract")


@needs_cups
def test_the_first_tap_of_the_day_prints_the_number(
    cups: Cups, tmp_path: Path, qtbot: QtBot
) -> None:
    """With a printer, the worker's first tap of the day prints a slip with their number
    (nothing of theirs else); later taps that day print nothing."""
    out = cups.add_pdf_printer("queue")
    rig = start_rig(tmp_path, printer={"queue": "queue", "server": cups.server, "wait_s": 20})
    try:
        feature = rig.kiosk.controller.recruit_ui
        check_in(rig, qtbot, "resident_chinese")
        qtbot.waitUntil(lambda: feature.slip is not None, timeout=10_000)  # number 1's
        feature.slip = None
        tap(rig, qtbot, "resident_tibetan")  # number 2: the slip is written, then printed
        qtbot.waitUntil(lambda: feature.slip is not None, timeout=10_000)
        slip = tmp_path / "slip.pdf"
        slip.write_bytes(feature.slip or b"")
        text = subprocess.run(
            ["pdftotext", str(slip), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "排队号 2" in unicodedata.normalize("NFKC", text)
        assert "次仁卓玛" not in text
        assert "5401" not in text  # nothing of the worker's
        rig.kiosk.controller.end_session("finished")  # before the printer answers: still printed
        qtbot.waitUntil(lambda: len(list(out.glob("*.pdf"))) == 2, timeout=60_000)
        folder = Path(feature.slips.name)
        qtbot.waitUntil(lambda: not any(folder.iterdir()), timeout=10_000)  # none left on disk
        feature.slip = None
        check_in(rig, qtbot, "resident_tibetan")  # again today: no second slip
        assert feature.slip is None
        rig.kiosk.controller.shell.printing.wait()
        time.sleep(1.0)
        assert len(list(out.glob("*.pdf"))) == 2
    finally:
        close_kiosk(rig.kiosk, rig.backend)
