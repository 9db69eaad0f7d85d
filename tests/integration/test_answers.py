"""The employer's answers reach the worker (issue 15), against a real market server (uvicorn
on loopback, SQLite and PostgreSQL): a worker applies for two jobs at the kiosk; the
employer accepts one and declines the other at the market (``market-admin answer``, the
employer's stand-in until the web pages); after a sync, the worker's next tap shows and
says, first, that they were accepted and where and when to go, then the one declined
(the voice's queue is checked here; tests/ui/test_voice.py hears it from a speaker)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.store import models as m
from market.models import Application
from tests.helpers.kiosk import Rig, tap
from tests.helpers.market import MarketServer, market_admin, server_rows

pytestmark = pytest.mark.slow


@pytest.fixture
def kiosk(zh_kiosk: Rig) -> Rig:
    """The Chinese-mode kiosk, enrolled and syncing (tests/integration/conftest.py)."""
    return zh_kiosk


def _answers(rig: Rig) -> int:
    with Session(rig.backend.engine) as s:
        return int(s.scalar(select(func.count()).select_from(m.AnswerRow)) or 0)


def test_the_worker_hears_the_employer_s_answers_at_the_next_tap(
    kiosk: Rig, market: MarketServer, qtbot: QtBot
) -> None:
    ctl, backend = kiosk.kiosk.controller, kiosk.backend
    tap(kiosk, qtbot, "resident_chinese")
    worker = backend.session.worker
    assert worker is not None
    matches = backend.jobs.matches(worker)
    soon, later = matches[0].candidate.job, matches[1].candidate.job
    declined_id = backend.jobs.apply(worker, soon.id)
    accepted_id = backend.jobs.apply(worker, later.id)
    ctl.end_session("test")
    kiosk.kiosk.wake_sync()
    sent = (Application.id.in_([declined_id, accepted_id]),)
    qtbot.waitUntil(lambda: server_rows(market.database, Application, *sent) == 2, timeout=20_000)

    market_admin(market.database, "answer", declined_id, "declined")
    market_admin(market.database, "answer", accepted_id, "accepted")
    kiosk.kiosk.wake_sync()
    qtbot.waitUntil(lambda: _answers(kiosk) == 2, timeout=20_000)

    voice = kiosk.kiosk.start_voice(kiosk.config, kiosk.paths)
    assert voice is not None
    tap(kiosk, qtbot, "resident_chinese")  # the worker's next visit
    home = ctl.screens["home"]
    qtbot.waitUntil(lambda: len(home.applications.applications) == 2, timeout=5_000)
    # Said as soon as it is known: the greeting, then the news, before the skills.
    qtbot.waitUntil(lambda: "appstate.accepted" in [m for m, _ in voice.last], timeout=5_000)
    heard = [message_id for message_id, _values in voice.last]
    assert heard[0] == "session.welcome"
    assert heard.index("appstate.accepted") < heard.index("home.say_skills")
    panel = home.applications
    assert [a.id for a in panel.applications] == [accepted_id, declined_id]  # accepted first
    first, second = panel.rows
    assert first.state.labels[0].text() == "录用了，请按时到"
    assert second.state.labels[0].text() == "雇主选了别人"
    said = [message_id for message_id, _values in home.prompts()]
    accepted_at = said.index("appstate.accepted")
    assert said[accepted_at + 1] == "say.go_to"  # where to go, right after
    assert said.index("appstate.declined") > accepted_at
    (go_to,) = [values for message_id, values in home.prompts() if message_id == "say.go_to"]
    assert go_to["address"] == later.address_zh

    # The employer changes their mind: the next sync says so, nothing is duplicated.
    market_admin(market.database, "answer", declined_id, "accepted")
    ctl.end_session("test")
    kiosk.kiosk.wake_sync()
    with Session(backend.engine) as s:
        qtbot.waitUntil(
            lambda: (
                s.scalar(select(m.AnswerRow.answer).where(m.AnswerRow.id == declined_id))
                == "accepted"
            ),
            timeout=20_000,
        )
    assert _answers(kiosk) == 2
