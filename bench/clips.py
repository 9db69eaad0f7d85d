"""Tibetan clips shared through the market (uvicorn on loopback, SQLite).

- clips.initial_pull.140.wall: a fresh kiosk pulls 140 clips of 2 s each (16 kHz mono,
  64 KB), each checked against the manifest's digest and as a WAV. Baseline: the same bytes
  fetched with no checks and no writes (the transport alone), in the same run.
- clips.idle_cycle.median: a sync cycle when nothing changed (a feed page and the manifest's
  tag). Baseline: the same cycle without the clip step.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from kiosk.voice.clips import ClipLibrary
from tests.helpers.market import MarketServer, market_admin
from tests.helpers.syncrig import enrol
from tests.helpers.tones import tone_bytes

CLIPS = 140
ROUNDS = 5


def measure(tmp: Path) -> tuple[float, float, list[float], list[float]]:
    """(pull wall s, transport-only wall s, idle cycles ms, idle cycles without clips ms)."""
    db = f"sqlite:///{tmp / 'market.sqlite3'}"
    market_admin(db, "migrate")
    server = MarketServer.start(db, tmp / "market.log")
    try:
        up = enrol(tmp / "up", server.url, db, "bench-up")
        down = enrol(tmp / "down", server.url, db, "bench-down")
        try:
            lib = ClipLibrary(up.paths.data_dir / "voice")
            for i in range(CLIPS):
                lib.record(f"say.bench_{i:03d}", tone_bytes(tmp, 300.0 + i, 2.0))
            up.worker.engine.cycle()
            client = down.worker.engine.client
            start = time.perf_counter()
            manifest = client.clip_manifest("")
            for entry in manifest.entries:
                client.fetch_clip(entry.name, entry.version)
            transport = time.perf_counter() - start
            start = time.perf_counter()
            report = down.worker.engine.cycle()
            wall = time.perf_counter() - start
            assert report.clips_pulled == CLIPS, report
            idle, plain = [], []
            for _ in range(20):
                start = time.perf_counter()
                down.worker.engine.cycle()
                idle.append((time.perf_counter() - start) * 1000)
            share, down.worker.engine.clips = down.worker.engine.clips, None
            for _ in range(20):
                start = time.perf_counter()
                down.worker.engine.cycle()
                plain.append((time.perf_counter() - start) * 1000)
            down.worker.engine.clips = share
        finally:
            up.close()
            down.close()
    finally:
        server.stop()
    return wall, transport, idle, plain


def main() -> None:
    """Print the figures (medians over ROUNDS fresh markets)."""
    walls, transports, idle, plain = [], [], [], []
    for _ in range(ROUNDS):
        with tempfile.TemporaryDirectory() as tmp:
            wall, transport, i, p = measure(Path(tmp))
        walls.append(wall)
        transports.append(transport)
        idle += i
        plain += p
    print(
        f"figure: clips.initial_pull.{CLIPS}.wall {statistics.median(walls):.2f} s "
        f"(baseline: the same bytes fetched unchecked, unwritten "
        f"{statistics.median(transports):.2f} s; median of {ROUNDS})"
    )
    print(
        f"figure: clips.idle_cycle.median {statistics.median(idle):.1f} ms "
        f"(baseline: the cycle without the clip step {statistics.median(plain):.1f} ms)"
    )


if __name__ == "__main__":
    main()
