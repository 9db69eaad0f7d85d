"""From a reader's CardPresented event to the worker's home screen painted (pcscd polling excluded).

A real demo kiosk, offscreen, with its SQLite store: the event goes through the bridge,
the DB worker (keyed-hash look-up), the controller and a repaint. Baseline: the same
kiosk switching to a screen with no look-up (the PIN pad), event to paint.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject

from kiosk.app import build_kiosk
from kiosk.config import load_config, resolve_paths, with_overrides
from kiosk.idcard import textblock
from kiosk.idcard.demo import SAMPLES
from kiosk.idcard.events import CardPresented
from kiosk.wiring import open_store

RUNS = int(os.environ.get("BENCH_RUNS", "30"))


class _PaintClock(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted_at = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and not self.painted_at:
            self.painted_at = time.perf_counter()
        return False


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def main() -> None:
    """Print the card-to-screen and parser figures."""
    with tempfile.TemporaryDirectory() as data:
        config = with_overrides(
            load_config(None, env={}), storage={"data_dir": data}, terminal={"demo": True}
        )
        paths = resolve_paths(config, env={})
        backend = open_store(config, paths)
        kiosk = build_kiosk(config, paths, demo_panel=False)
        kiosk.attach(config, paths, backend)
        kiosk.window.resize(1920, 1080)
        kiosk.window.show()
        clock = _PaintClock()
        ctl = kiosk.controller
        ctl.screens["home"].installEventFilter(clock)
        ctl.screens["pin"].installEventFilter(clock)

        def measure(trigger: object, screen: QObject) -> float:
            ctl.end_session("bench")
            kiosk.app.processEvents()
            clock.painted_at = 0.0
            start = time.perf_counter()
            trigger()  # type: ignore[operator]
            while not clock.painted_at or kiosk.window.navigator.current is not screen:
                kiosk.app.processEvents()
                if time.perf_counter() - start > 5:
                    raise RuntimeError("screen never painted")
            return (clock.painted_at - start) * 1000

        cards = [SAMPLES["resident_tibetan"], SAMPLES["resident_chinese"]]
        tap, switch = [], []
        for i in range(RUNS):
            event = CardPresented("0123456789ABCDEF", cards[i % 2])
            tap.append(measure(lambda e=event: kiosk.bridge.sink(e), ctl.screens["home"]))
            switch.append(measure(lambda: kiosk.window.navigator.go("pin"), ctl.screens["pin"]))
        kiosk.stop_devices()
        kiosk.db.wait()
        backend.engine.dispose()
    print(
        f"figure: idcard.tap_to_home.median {statistics.median(tap):.1f} ms "
        f"(baseline ui.switch_to_pin.median {statistics.median(switch):.1f} ms; runs {RUNS})"
    )
    print(
        f"figure: idcard.tap_to_home.p95 {_p95(tap):.1f} ms "
        f"(baseline ui.switch_to_pin.p95 {_p95(switch):.1f} ms; target p95 100 ms)"
    )
    _parser_figures()


def _parser_figures() -> None:
    blocks = [textblock.build(s) for s in SAMPLES.values()] * 2000
    start = time.perf_counter()
    for block in blocks:
        textblock.parse(block)
    parse_s = time.perf_counter() - start
    start = time.perf_counter()
    for block in blocks:
        block.decode("utf-16-le")
    decode_s = time.perf_counter() - start
    n = len(blocks)
    print(
        f"figure: idcard.parse.throughput {n / parse_s:,.0f} blocks/s "
        f"(baseline raw utf-16 decode {n / decode_s:,.0f} blocks/s; "
        f"{parse_s / n * 1e6:.1f} us a card)"
    )


if __name__ == "__main__":
    main()
