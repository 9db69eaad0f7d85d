"""The whole path on real parts: a virtual card on pcscd/vpcd logs the right worker in."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.app import build_kiosk
from kiosk.idcard.demo import SAMPLES
from kiosk.idcard.pcsc import PcscReader
from kiosk.idcard.textblock import build
from kiosk.wiring import open_store
from tests.helpers.kiosk import close_kiosk, make_config
from tests.helpers.pcscd import Pcscd
from tests.helpers.screens import shows
from tests.helpers.vcard import TEXT_APDU, VirtualCard


def test_a_tapped_card_logs_its_holder_in(pcscd: Pcscd, qtbot: QtBot, tmp_path: Path) -> None:
    config, paths = make_config(tmp_path, terminal={"demo": True})
    backend = open_store(config, paths)  # demo data registers the resident sample cards
    kiosk = build_kiosk(config, paths, demo_panel=False)
    kiosk.attach(config, paths, backend)
    kiosk.readers.append(PcscReader("Virtual PCD", text_apdus=(TEXT_APDU,), poll_ms=200))
    kiosk.window.show()
    kiosk.start_devices()
    card = VirtualCard(bytes.fromhex("1122334455667788"), build(SAMPLES["resident_chinese"]))
    try:
        qtbot.waitUntil(
            lambda: kiosk.controller.reader_status.state.value == "connected", timeout=8000
        )
        with qtbot.waitSignal(kiosk.controller.session_started, timeout=8000) as started:
            card.insert()
        assert started.args[0].name == "王建国"
        assert kiosk.window.navigator.current is kiosk.controller.screens["home"]
        assert shows(kiosk.controller.screens["home"], "王建国")
        assert shows(kiosk.controller.screens["home"], SAMPLES["resident_chinese"].masked_number)
    finally:
        card.remove()
        close_kiosk(kiosk, backend)
