"""Screenshots of fast recruitment at the station (``kiosk.screenshots``): a real walk on the
screenshots' own demo store, from staff's button to the number called."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.privacy import KeyRing
from kiosk.i18n import Mode
from kiosk.services.admin_auth import Role
from kiosk.store.models import WorkerRow

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from kiosk.app import Kiosk
    from kiosk.idcard.demo import DemoReader

CHECKED_IN = 6  # demo workers in the room today


def walk_recruit(
    kiosk: Kiosk, reader: DemoReader, engine: Engine, mode: Mode,
    shot: Callable[[str, str], None],
) -> None:  # fmt: skip
    """Staff start it; the employer's card (registered with a phone the first time); the job
    posted in a few touches; the room's queue; a number called."""
    ctl, name = kiosk.controller, mode.value
    services = ctl.services
    if services is None or services.recruit is None:
        return
    desk = services.recruit
    if isinstance(desk.hasher, KeyRing) and desk.hasher.district is None:
        desk.hasher.learn(hashlib.sha256(b"screenshots district").digest())  # as if synced
    with Session(engine) as s:
        ids = list(s.scalars(select(WorkerRow.id).order_by(WorkerRow.id).limit(CHECKED_IN)))
    for worker_id in ids:
        desk.check_in(worker_id)
    ctl.end_session("screenshots")
    ctl.shell.visit.pin_requested()
    ctl.admin_ui.open_role(Role.STAFF)
    kiosk.texts.set_mode(mode)
    feature = ctl.recruit_ui
    feature.start()
    shot("recruit-card", name)
    reader.present("resident_chinese")  # unknown the first time: staff register him
    _settle(kiosk)
    _register(kiosk, shot, name)
    post = feature.post
    shot("recruit-post", name)  # the work: the same as before, or a trade's picture
    post.trade_buttons["banyun"].click()
    for digit in "260":
        post.keypad.digit_pressed.emit(digit)
    post.more.click()
    post.tomorrow_button.click()  # the same pages at any hour (after 17:00 only tomorrow)
    shot("recruit-terms", name)
    post.main.click()
    _settle(kiosk)
    shot("recruit-queue", name)
    rows = [r for r in feature.queue.rows if r.waiting is not None]
    if rows:
        rows[0].call.click()
        _settle(kiosk)
        shot("recruit-call", name)
    feature.leave()
    ctl.end_session("screenshots")


def _register(kiosk: Kiosk, shot: Callable[[str, str], None], name: str) -> None:
    """The phone typed for a new employer; in a later language (registered by then) the
    page as it was, then on to posting."""
    feature, nav = kiosk.controller.recruit_ui, kiosk.window.navigator
    card = feature.card
    registering = feature.employer is None
    if not registering:
        card.ask_phone("王＊＊", "540103********0132")
        nav.go(card.name)
    for digit in "13989001122":
        card.keypad.digit_pressed.emit(digit)
    shot("recruit-register", name)
    if registering:
        card.main.click()
        _settle(kiosk)
    else:
        nav.go(feature.post.name)


def _settle(kiosk: Kiosk) -> None:
    """What the DB worker answers, shown (twice: an answer may ask for another)."""
    for _ in range(2):
        kiosk.db.wait()
        kiosk.app.processEvents()
