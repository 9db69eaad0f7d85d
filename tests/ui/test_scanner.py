"""Keyboard-wedge scanners: a burst becomes a scan and never reaches the focused widget."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.idcard.events import ReaderEvent, ScanReceived
from kiosk.idcard.wedge import WedgeDecoder
from kiosk.ui.bridges import ScannerFilter
from tests.helpers.fakes import FakeClock
from tests.helpers.kiosk import Rig


@pytest.fixture
def field(qtbot: QtBot) -> Iterator[tuple[QLineEdit, list[ReaderEvent], FakeClock]]:
    clock = FakeClock()
    events: list[ReaderEvent] = []
    scanner = ScannerFilter(events.append, WedgeDecoder(max_gap_s=0.035), clock.monotonic)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(scanner)
    yield edit, events, clock
    app.removeEventFilter(scanner)


def type_keys(qtbot: QtBot, edit: QLineEdit, clock: FakeClock, text: str, gap: float) -> None:
    for ch in text:
        if ch == "\r":
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(edit, ch)
        clock.advance(gap)


def test_a_scanner_burst_is_a_scan_and_types_nothing(
    qtbot: QtBot, field: tuple[QLineEdit, list[ReaderEvent], FakeClock]
) -> None:
    edit, events, clock = field
    type_keys(qtbot, edit, clock, "K7Q2M9X4\r", 0.004)
    qtbot.wait(100)
    assert [e.payload for e in events if isinstance(e, ScanReceived)] == ["K7Q2M9X4"]
    assert edit.text() == ""


def test_a_person_typing_still_reaches_the_field(
    qtbot: QtBot, field: tuple[QLineEdit, list[ReaderEvent], FakeClock]
) -> None:
    edit, events, clock = field
    for ch in "1357":
        type_keys(qtbot, edit, clock, ch, 0.2)
        qtbot.wait(90)  # the held key is released after two scanner gaps
    assert edit.text() == "1357"
    assert events == []


def test_a_scan_at_the_kiosk_gets_a_clear_message(demo_rig: Rig, qtbot: QtBot) -> None:
    demo_rig.kiosk.controller.reader_event(ScanReceived("K7Q2M9X4"))
    banner = demo_rig.kiosk.window.banner
    assert banner.isVisible()
    assert banner.message_id == "error.card.qr_unknown"
