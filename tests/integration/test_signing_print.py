"""The agreement end to end, as a station does it: a kiosk enrolled with the market server
(on loopback), a worker who applied there, staff who open the agreement on the staff
screen, both parties confirming by card and signing with a finger, in bilingual and in
Tibetan mode; the agreement prints on the private CUPS server's PDF printer, its Tibetan
and Chinese read back from the PDF the kiosk wrote, its QR code decoded off the printer's
copy, and the address in it answers "valid" on the running market once the kiosk synced
("unknown" before: the printout says it verifies once synced)."""

from __future__ import annotations

import datetime as dt
import subprocess
import unicodedata
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app import build_kiosk
from kiosk.domain.profile import ProfileDraft
from kiosk.domain.timeutil import now_local
from kiosk.i18n import Lang, Mode
from kiosk.idcard.demo import SAMPLES
from kiosk.idcard.events import CardPresented
from kiosk.services.admin_auth import Role
from kiosk.services.sync import EnrolmentService
from kiosk.store import models as m
from kiosk.store.agreements import AgreementRepository
from kiosk.wiring import open_store
from tests.helpers.cups import Cups, needs_cups
from tests.helpers.fakes import FakeClock
from tests.helpers.kiosk import Rig, close_kiosk, make_config
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.qr import qr_codes
from tests.helpers.signing import sign
from tests.helpers.syncrig import Station
from tests.ui.test_admin import enter, open_pin_pad

pytestmark = [
    pytest.mark.slow,
    needs_cups,
    pytest.mark.parametrize("market_db", ["sqlite"], indirect=True),
]
CLICK = Qt.MouseButton.LeftButton
PIN = "2468"
WORKER, EMPLOYER = SAMPLES["hmt_permit"], SAMPLES["resident_chinese"]


def enrolled_rig(tmp_path: Path, market: MarketServer, cups: Cups, queue: str) -> Rig:
    """A kiosk with a printer, enrolled with ``market`` through the real device grant."""
    config, paths = make_config(
        tmp_path,
        printer={"queue": queue, "server": cups.server, "wait_s": 30},
    )
    clock = FakeClock(now_local().replace(microsecond=0))
    backend = open_store(config, paths, clock)
    service = EnrolmentService(
        paths.credentials, app_version="0.1.0", terminal_name="signing", ca_bundle=None
    )
    pending = service.begin(market.url)
    market_admin(market.database, "approve", pending.user_code)
    pending.wait()
    backend.auth.set_pin(Role.STAFF, PIN)
    kiosk = build_kiosk(config, paths, demo_panel=False, clock=clock)
    kiosk.attach(config, paths, backend)
    kiosk.window.resize(config.display.width_px, config.display.height_px)
    kiosk.window.show()
    return Rig(kiosk, backend, clock, config, paths)


def text_of(pdf: Path) -> str:
    page = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return unicodedata.normalize("NFKC", page).replace("\n", "")


def attached_text(pdf: Path, tmp_path: Path) -> str:
    out = tmp_path / "attached"
    out.mkdir()
    subprocess.run(
        ["pdfdetach", "-saveall", "-o", str(out), str(pdf)], check=True, capture_output=True
    )
    return (out / "printed-agreement.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", [Mode.BOTH, Mode.BO])
def test_signed_at_the_kiosk_printed_and_valid_once_synced(  # noqa: PLR0917 - fixtures
    cups: Cups,
    market: MarketServer,
    tmp_path: Path,
    qtbot: QtBot,
    today: dt.date,
    mode: Mode,
) -> None:
    out = cups.add_pdf_printer(f"sign_{mode.value}")
    market_admin(market.database, "import-demo", "--jobs", "50", "--today", today.isoformat())
    rig = enrolled_rig(tmp_path / "kiosk", market, cups, f"sign_{mode.value}")
    try:
        station = Station(rig.config, rig.paths, rig.backend, None)  # type: ignore[arg-type]
        qtbot.waitUntil(lambda: station.count(m.JobRow) > 0, timeout=30_000)  # pulled
        sync = rig.kiosk.sync
        assert sync is not None
        sync.stop()  # offline from here until the test syncs by hand: nothing by chance

        # The worker filed and applied at this kiosk earlier (the filing and applying
        # screens have their own tests).
        backend = rig.backend
        profile = ProfileDraft(skills={"banyun": 3}, expected_wage=250, phone="13812345678")
        backend.registration.register(WORKER, "CHIP-W", profile)
        worker = backend.session.worker
        assert worker is not None
        job = backend.jobs.matches(worker)[0].candidate.job
        backend.jobs.apply(worker, job.id)
        backend.session.end("test")

        # Staff, in the station's chosen language, open the agreement.
        controller = rig.kiosk.controller
        attract = controller.screens["attract"]
        qtbot.mouseClick(attract.language_buttons[mode], CLICK)
        open_pin_pad(rig, qtbot)
        enter(rig, qtbot, PIN)
        qtbot.mouseClick(controller.agreement_ui.open_button, CLICK)
        pick = controller.screens["agreement_pick"]
        qtbot.waitUntil(lambda: len(pick.rows) == 1)
        qtbot.mouseClick(pick.rows[0], CLICK)
        screen = controller.screens["agreement_sign"]
        qtbot.waitUntil(lambda: rig.kiosk.window.navigator.current is screen)
        assert controller.texts.mode is mode
        for _ in range(len(screen.sections)):
            qtbot.mouseClick(screen.next, CLICK)
        assert screen.wizard.step.name == "worker"

        # Both parties confirm with their own cards and sign.
        for role, card, serial in (("worker", WORKER, "CHIP-W"), ("employer", EMPLOYER, "E1")):
            page = screen.parties[role]
            controller.reader_event(CardPresented(serial, card))
            qtbot.waitUntil(page.pad.isEnabled, timeout=5_000)
            sign(page.pad, qtbot, seed=len(role))
            qtbot.mouseClick(screen.next, CLICK)
        done = controller.screens["agreement_done"]
        qtbot.waitUntil(lambda: rig.kiosk.window.navigator.current is done, timeout=10_000)
        banner = rig.kiosk.window.banner
        qtbot.waitUntil(lambda: banner.message_id == "signing.print_printed", timeout=40_000)
        assert done.print_state == "printed"
        code = done.agreement_code
        repo = AgreementRepository(backend.engine)
        document = repo.document(code)
        assert document is not None
        rig.kiosk.db.wait()
        assert station.count(m.AgreementRow, m.AgreementRow.printed_at.is_not(None)) == 1

        # What the kiosk printed, read back: Chinese from the page, Tibetan with it.
        mine = controller.agreement_ui.printed
        assert mine is not None
        catalog = controller.texts.catalog
        page_text = text_of(mine)
        for words in (
            catalog.text("agreement.title", Lang.ZH),
            catalog.text("agreement.code", Lang.ZH, code=code),
            WORKER.name,
            f"每天 {job.day_wage} 元",
            "12333",
        ):
            assert unicodedata.normalize("NFKC", words) in page_text, words
        assert sum(1 for ch in page_text if 0x0F00 <= ord(ch) <= 0x0FFF) > 200
        carried = attached_text(mine, tmp_path)
        for msgid in ("agreement.title", "agreement.ending", "agreement.offline"):
            assert catalog.text(msgid, Lang.BO) in carried, msgid
            assert catalog.text(msgid, Lang.ZH) in carried, msgid

        # The printer's copy: its QR code is what a phone's camera reads.
        qtbot.waitUntil(lambda: any(out.glob("*.pdf")), timeout=20_000)
        (address,) = qr_codes(next(out.glob("*.pdf")), dpi=200)
        assert address.startswith(f"{market.url}/v1/agreements/{code}?fp=")
        answer = requests.get(address, headers={"Accept": "application/json"}, timeout=10)
        assert answer.json()["status"] == "unknown"  # printed before the kiosk synced

        report = sync.run_once()  # back online
        assert report is not None
        assert report.rejected == 0
        assert repo.status(code) == "sent"
        answer = requests.get(address, headers={"Accept": "application/json"}, timeout=10)
        assert answer.json()["status"] == "valid"
        assert answer.json()["worker"].startswith(WORKER.name[:1])
    finally:
        close_kiosk(rig.kiosk, rig.backend)
