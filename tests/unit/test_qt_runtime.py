"""Guards against the Qt binding bug that made us pin PySide6 6.11.3.

PySide6 6.12.0 under Python 3.11 dropped a reference to True/False on every
``Signal.emit()``; the process aborted ("bool_dealloc") after about a thousand emits.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_emitting_signals_keeps_reference_counts(qapp: object) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.fired.connect(received.append)
    before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    for i in range(2000):
        emitter.fired.emit(None if i % 2 else i)
    after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    assert len(received) == 2000
    assert after[0] - before[0] == 0
    assert after[1] - before[1] == 0
    assert after[2] - before[2] >= 1000  # the list holds the Nones it received
