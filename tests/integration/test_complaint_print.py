"""After the job as a station does it, on SQLite and PostgreSQL: a kiosk enrolled with the
market (loopback) and a printer on the private CUPS server. A worker's signed agreement
reached the market; the day after its pay date their tap asks about pay; "not paid" leads
to the complaint; the receipt prints with the case number, 12333 and the rights desk's next
session (set at the market and pulled); the complaint reaches the market once; staff
resolve it with ``market-admin``; at the worker's next tap the kiosk shows and says what
was decided."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.domain.pay import PayAnswer, pay_due
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.i18n import Lang
from kiosk.idcard.demo import SAMPLES
from kiosk.idcard.events import CardPresented
from kiosk.store import models as m
from kiosk.store.agreements import AgreementRepository
from tests.helpers.agreements import signed_for
from tests.helpers.cups import Cups, needs_cups
from tests.helpers.kiosk import close_kiosk
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.syncrig import Station
from tests.integration.test_signing_print import enrolled_rig, text_of

pytestmark = [pytest.mark.slow, needs_cups]
CLICK = Qt.MouseButton.LeftButton


def test_not_paid_complaint_receipt_market_resolution_and_the_worker_hears_it(
    cups: Cups, market: MarketServer, tmp_path: Path, qtbot: QtBot, today: dt.date
) -> None:
    queue = "complaint_" + market.database.split(":", 1)[0].split("+")[0]  # one per engine
    cups.add_pdf_printer(queue)
    market_admin(market.database, "import-demo", "--jobs", "50", "--today", today.isoformat())
    rig = enrolled_rig(tmp_path / "kiosk", market, cups, queue)
    try:
        station = Station(rig.config, rig.paths, rig.backend, None)  # type: ignore[arg-type]
        qtbot.waitUntil(lambda: station.count(m.JobRow) > 0, timeout=30_000)  # pulled
        sync = rig.kiosk.sync
        assert sync is not None
        sync.stop()  # from here the test syncs by hand: nothing by chance
        backend = rig.backend

        # Signed earlier at this kiosk (the signing screens have their own tests), synced.
        agreement, worker_id, employer_id = signed_for(station, today)
        AgreementRepository(backend.engine).save(
            agreement, worker_id=worker_id, employer_id=employer_id, now=rig.clock.now()
        )
        backend.session.end("test")
        due = pay_due(agreement.terms)
        start = dt.datetime.combine(due + dt.timedelta(days=2), dt.time(10), LHASA_TZ)
        desk = ("--hours", "2", "--who", "王律师", "--place", "城关区零工市场二楼")
        market_admin(market.database, "rights-desk-add", "--start", start.isoformat(), *desk)
        report = sync.run_once()
        assert report is not None
        assert report.rejected == 0
        morning = dt.datetime.combine(due + dt.timedelta(days=1), dt.time(9), LHASA_TZ)
        rig.clock.advance((morning - rig.clock.now()).total_seconds())

        # The worker taps: the pay question first; "not paid"; the complaint.
        controller = rig.kiosk.controller
        with qtbot.waitSignal(controller.session_started):
            controller.reader_event(CardPresented("CHIP-1", SAMPLES["hmt_permit"]))
        pay = controller.screens["pay"]
        qtbot.waitUntil(lambda: rig.kiosk.window.navigator.current is pay, timeout=10_000)
        qtbot.mouseClick(pay.answers[PayAnswer.UNPAID], CLICK)
        qtbot.mouseClick(pay.complain, CLICK)
        screen = controller.screens["complaint"]
        qtbot.waitUntil(lambda: rig.kiosk.window.navigator.current is screen)
        qtbot.mouseClick(screen.next, CLICK)  # the agreement's total
        qtbot.mouseClick(screen.next, CLICK)  # file it
        done = controller.screens["complaint_done"]
        qtbot.waitUntil(lambda: rig.kiosk.window.navigator.current is done)
        qtbot.waitUntil(lambda: done.print_state == "printed", timeout=40_000)
        filed = controller.complaint_ui.filed
        assert filed is not None
        case_no = filed.case_no
        assert done.code.texts() == [case_no]

        # The receipt, read back from the PDF the kiosk printed.
        receipt = controller.complaint_ui.printed
        assert receipt is not None
        page = text_of(receipt)
        catalog = controller.texts.catalog
        for words in (
            catalog.text("complaint.receipt_title", Lang.ZH),
            case_no,
            "12333",
            "王律师",
            "城关区零工市场二楼",
            f"欠款：{filed.draft.amount} 元",
        ):
            assert unicodedata.normalize("NFKC", words) in page, words
        assert sum(1 for ch in page if 0x0F00 <= ord(ch) <= 0x0FFF) > 50  # Tibetan too

        # Synced exactly once, seen by staff at the market, resolved there.
        sync.run_once()
        sync.run_once()
        cases = [
            json.loads(line)
            for line in market_admin(market.database, "complaints", "--status", "open").splitlines()
        ]
        assert [c["case"] for c in cases] == [case_no]
        assert cases[0]["agreement"] == agreement.terms.code
        market_admin(market.database, "resolve", case_no, "--outcome", "partly_paid")
        sync.run_once()

        # The worker's next tap: the decision, shown and said.
        controller.end_session("finished")
        with qtbot.waitSignal(controller.session_started):
            controller.reader_event(CardPresented("CHIP-1", SAMPLES["hmt_permit"]))
        news = controller.screens["complaint_news"]
        qtbot.waitUntil(lambda: rig.kiosk.window.navigator.current is news, timeout=10_000)
        shown = " ".join(news.outcome.texts())
        assert (
            catalog.text("complaint.outcome.partly_paid", Lang.ZH) in shown
            or catalog.text("complaint.outcome.partly_paid", Lang.BO) in shown
        )
        said = [msgid for msgid, _ in news.prompts()]
        assert "complaint.outcome.partly_paid" in said
    finally:
        close_kiosk(rig.kiosk, rig.backend)
