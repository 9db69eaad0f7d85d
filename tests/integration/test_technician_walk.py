"""The technician's walk by touch alone (issue 16): enrol with the market server, change the
card reader to a SAM reader on a serial port and test it live, print a test page on a CUPS
queue, save; the kiosk then reads cards on the new reader without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.config_file import previous_path
from kiosk.idcard.demo import SAMPLES
from kiosk.idcard.sam import SamReader
from kiosk.idcard.textblock import build
from kiosk.ui.widgets.demo_panel import DEMO_PINS
from kiosk.ui.widgets.keyboard import TextKeyboard
from tests.helpers.cups import Cups, needs_cups
from tests.helpers.kiosk import Rig, close_kiosk, start_on_file
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.sam_emulator import SamEmulator
from tests.helpers.screens import shows
from tests.ui.test_admin import enter, open_pin_pad

pytestmark = pytest.mark.slow
CARD = SAMPLES["resident_tibetan"]


def touch(qtbot: QtBot, widget: QWidget) -> None:
    """A finger on ``widget`` (it must be on screen and enabled)."""
    assert widget.isVisible(), widget
    assert widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_on(qtbot: QtBot, keyboard: TextKeyboard, text: str) -> None:
    """Type ``text`` on the on-screen keyboard, key by key."""
    for char in text:
        if char.isalpha() and char.isupper() != keyboard.upper:
            touch(qtbot, keyboard.shift)
        touch(qtbot, keyboard.keys[char.lower()])


def clear_field(qtbot: QtBot, keyboard: TextKeyboard) -> None:
    """Delete what the field holds, one touch of delete per character."""
    assert keyboard.target is not None
    keyboard.target.end(False)
    for _ in range(len(keyboard.target.text())):
        touch(qtbot, keyboard.delete)
    assert keyboard.target.text() == ""


def write_config(tmp_path: Path, cups: Cups) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        "# Written by the installer; the reader is fitted later.\n"
        '[terminal]\nstation_code = "gongdelin"\nname = "kiosk-7"\n\n'
        f'[storage]\ndata_dir = "{tmp_path / "data"}"\n\n'
        '[idcard]\nbackend = "none"  # no reader yet\n\n'
        f'[printer]\nserver = "{cups.server}"\nwait_s = 20\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def emulator() -> Iterator[SamEmulator]:
    emu = SamEmulator()
    yield emu
    emu.close()


@needs_cups
@pytest.mark.parametrize("market_db", ["sqlite"], indirect=True)
def test_enrol_change_the_reader_and_print_a_test_page_by_touch(
    tmp_path: Path, cups: Cups, market: MarketServer, emulator: SamEmulator, qtbot: QtBot
) -> None:
    out = cups.add_pdf_printer("station_hall")
    config_path = write_config(tmp_path, cups)
    original = config_path.read_text(encoding="utf-8")
    rig: Rig = start_on_file(config_path, {"technician": DEMO_PINS["technician"]})
    ctl, navigator = rig.kiosk.controller, rig.kiosk.window.navigator
    try:
        assert not any(isinstance(r, SamReader) for r in rig.kiosk.readers)
        open_pin_pad(rig, qtbot)
        enter(rig, qtbot, DEMO_PINS["technician"])
        technician = ctl.screens["technician"]
        assert navigator.current is technician

        # 1. Enrol: the server address on the on-screen keyboard.
        touch(qtbot, technician.enrol)
        enrol = ctl.screens["enrol"]
        assert navigator.current is enrol
        clear_field(qtbot, enrol.keyboard)
        type_on(qtbot, enrol.keyboard, market.url)
        assert enrol.address.text() == market.url
        touch(qtbot, enrol.start)
        qtbot.waitUntil(lambda: bool(enrol._code), timeout=10_000)
        market_admin(market.database, "approve", enrol._code)
        qtbot.waitUntil(lambda: shows(enrol, "连接成功"), timeout=10_000)
        touch(qtbot, enrol.cancel)
        assert navigator.current is technician

        # 2. The reader: SAM on the serial port typed in, tested live with a card on it.
        touch(qtbot, technician.settings)
        settings = ctl.screens["settings"]
        assert navigator.current is settings
        assert settings.backend["none"].selected
        touch(qtbot, settings.backend["sam"])
        touch(qtbot, settings.port)
        assert settings.keyboard.isVisible()
        assert settings.keyboard.target is settings.port
        clear_field(qtbot, settings.keyboard)
        type_on(qtbot, settings.keyboard, emulator.path)
        touch(qtbot, settings.keyboard.ok)
        assert not settings.keyboard.isVisible()
        emulator.card = build(CARD)
        touch(qtbot, settings.test_reader)
        qtbot.waitUntil(lambda: shows(settings, "读卡正常"), timeout=25_000)
        shown = " ".join(settings.reader_result.texts())
        assert CARD.number[:4] in shown
        assert CARD.number[-4:] in shown
        assert CARD.number not in shown
        assert CARD.name not in shown
        emulator.card = None

        # 3. The printer: the queue typed in, one test sheet on it before saving.
        touch(qtbot, settings.queue)
        type_on(qtbot, settings.keyboard, "station_hall")
        touch(qtbot, settings.print_test)
        banner = rig.kiosk.window.banner
        qtbot.waitUntil(lambda: banner.message_id == "tech.print_test_done", timeout=30_000)
        qtbot.waitUntil(lambda: len(list(out.glob("*.pdf"))) == 1, timeout=10_000)

        # 4. Save: the file keeps its comments and other keys; the old one is kept.
        touch(qtbot, settings.save)
        qtbot.waitUntil(lambda: shows(settings, "设置已保存"), timeout=10_000)
        text = config_path.read_text(encoding="utf-8")
        assert 'backend = "sam"' in text
        assert f'sam_port = "{emulator.path}"' in text
        assert 'queue = "station_hall"' in text
        assert "# Written by the installer" in text
        assert 'name = "kiosk-7"' in text
        assert previous_path(config_path).read_text(encoding="utf-8") == original
        readers = [r for r in rig.kiosk.readers if isinstance(r, SamReader)]
        assert len(readers) == 1  # in force without a restart
        assert not technician.print_test.isHidden()  # the printer too

        # 5. Back to the start: a card on the new reader begins a visit.
        touch(qtbot, settings.leave)
        assert navigator.current is technician
        touch(qtbot, technician.leave)
        assert navigator.current is ctl.screens["attract"]
        with qtbot.waitSignal(ctl.shell.newcomer, timeout=15_000):
            emulator.card = build(CARD)
    finally:
        close_kiosk(rig.kiosk, rig.backend)


@needs_cups
def test_a_setting_the_environment_overrides_is_refused_and_the_file_kept(
    tmp_path: Path, cups: Cups, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    config_path = write_config(tmp_path, cups)
    original = config_path.read_text(encoding="utf-8")
    rig = start_on_file(config_path, {"technician": DEMO_PINS["technician"]})
    monkeypatch.setenv("KIOSK_SESSION_IDLE_SECONDS", "60")
    ctl = rig.kiosk.controller
    try:
        open_pin_pad(rig, qtbot)
        enter(rig, qtbot, DEMO_PINS["technician"])
        touch(qtbot, ctl.screens["technician"].settings)
        settings = ctl.screens["settings"]
        touch(qtbot, settings.save)
        assert shows(settings, "没有改动")
        touch(qtbot, settings.idle_up)
        assert shows(settings, "105 s")
        touch(qtbot, settings.save)
        qtbot.waitUntil(lambda: shows(settings, "设置没有保存"), timeout=10_000)
        assert shows(settings, "KIOSK_SESSION_IDLE_SECONDS")
        assert config_path.read_text(encoding="utf-8") == original
        assert not previous_path(config_path).exists()
        assert rig.kiosk.idle.clock.policy.idle_seconds == 90  # nothing applied
        assert settings.save.isEnabled()  # the technician can correct and save again
    finally:
        close_kiosk(rig.kiosk, rig.backend)
