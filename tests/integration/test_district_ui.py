"""One worker across the district at the kiosk itself: a card filed at another station logs
straight in (no filing, no consent asked twice), and a worker of this kiosk filed before it
had the district's key is moved to it at their tap. Real server on loopback, Qt offscreen."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.profile import ProfileDraft
from kiosk.idcard.demo import SAMPLES
from kiosk.idcard.events import CardPresented
from kiosk.services.sync import EnrolmentService
from kiosk.store import models as m
from tests.helpers.kiosk import Rig
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.syncrig import Station

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("market_db", ["sqlite"], indirect=True)]


@pytest.fixture
def enrolled(demo_rig: Rig, market: MarketServer, qtbot: QtBot) -> Rig:
    """The demo kiosk, enrolled with the market and syncing."""
    service = EnrolmentService(
        demo_rig.paths.credentials, app_version="0.1.0", terminal_name="t2", ca_bundle=None
    )
    pending = service.begin(market.url)
    market_admin(market.database, "approve", pending.user_code)
    pending.wait()
    demo_rig.kiosk.start_sync(demo_rig.config, demo_rig.paths, demo_rig.backend)
    qtbot.waitUntil(demo_rig.backend.registration.can_ask_market, timeout=10_000)
    return demo_rig


def outbox_types(rig: Rig) -> list[str]:
    with Session(rig.backend.engine) as s:
        return list(s.scalars(select(m.OutboxRow.type).order_by(m.OutboxRow.seq)))


def test_a_card_filed_at_another_station_logs_straight_in(
    market: MarketServer, station: Station, enrolled: Rig, qtbot: QtBot
) -> None:
    market_admin(market.database, "import-demo", "--jobs", "20")
    assert station.worker.run_once() is not None
    person = SAMPLES["hmt_permit"]  # not one of the demo kiosk's own workers
    draft = ProfileDraft(skills={"banyun": 4}, expected_wage=250, phone="13812345678")
    station.backend.registration.register(person, "CHIP-1", draft)
    filed = station.backend.session.worker
    assert filed is not None
    assert station.worker.run_once() is not None

    ctl = enrolled.kiosk.controller
    filing: list[object] = []
    ctl.shell.newcomer.connect(filing.append)
    with qtbot.waitSignal(ctl.session_started, timeout=10_000) as started:
        ctl.reader_event(CardPresented("CHIP-9", person))
    assert started.args[0].worker_id == filed.id
    assert started.args[0].name == person.name
    assert started.args[0].skills == {"banyun": 4}
    assert filing == []  # no filing, no consent asked a second time
    qtbot.waitUntil(lambda: enrolled.kiosk.window.navigator.current is ctl.screens["home"])
    assert outbox_types(enrolled) == ["worker.bind_card"]  # nothing filed twice


def test_a_worker_filed_before_the_district_key_moves_to_it_at_their_tap(
    enrolled: Rig, qtbot: QtBot
) -> None:
    ctl = enrolled.kiosk.controller
    person = SAMPLES["resident_tibetan"]  # a demo worker, hashed under the installation key
    with qtbot.waitSignal(ctl.session_started, timeout=10_000) as started:
        ctl.reader_event(CardPresented("CHIP-1", person))
    assert started.args[0].name == person.name
    assert "worker.rekey" in outbox_types(enrolled)
    current = enrolled.backend.keys("id", person.number)
    assert enrolled.backend.workers.by_id_hash(current) is not None
