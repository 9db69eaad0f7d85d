"""Start-up: process start -> attract screen's first frame, against a bare PySide6 window.

Each run is a fresh process (interpreter start included), alternating kiosk and floor so
machine noise hits both alike. Peak RSS comes from wait4() of each child.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
BIN = Path(sys.executable).parent


def _run(cmd: list[str], env: dict[str, str]) -> tuple[dict[str, float], float, float]:
    """Stamps printed by the child, its start time, and its peak RSS in MiB."""
    start = time.time()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} exited {proc.returncode}")
    stamps = {k: float(v) for k, v in (line.split() for line in out.splitlines() if line)}
    return stamps, start, usage.ru_maxrss / 1024


def main() -> None:
    """Print the start-up figures."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    kiosk_first, kiosk_ready, kiosk_rss, bare_first, bare_rss = [], [], [], [], []
    text_first: list[float] = []
    demo_first: list[float] = []
    with tempfile.TemporaryDirectory() as data:
        env["KIOSK_STORAGE_DATA_DIR"] = data
        # A station kiosk (no demo panel); one run first creates its database, as on a
        # kiosk that has run before. Demo mode is measured beside it.
        env["KIOSK_IDCARD_BACKEND"] = "none"
        kiosk_cmd = [str(BIN / "kiosk"), "--measure-startup"]
        demo_cmd = [str(BIN / "kiosk"), "--demo", "--measure-startup"]
        _run(kiosk_cmd, env)
        _run(demo_cmd, env)
        for _ in range(RUNS):
            stamps, start, rss = _run(kiosk_cmd, env)
            kiosk_first.append(stamps["first_frame_epoch"] - start)
            kiosk_ready.append(stamps["ready_epoch"] - start)
            kiosk_rss.append(rss)
            stamps, start, _ = _run(demo_cmd, env)
            demo_first.append(stamps["first_frame_epoch"] - start)
            stamps, start, rss = _run([sys.executable, "-m", "bench.bare_window"], env)
            bare_first.append(stamps["first_frame_epoch"] - start)
            bare_rss.append(rss)
            stamps, start, _ = _run([sys.executable, "-m", "bench.text_window"], env)
            text_first.append(stamps["first_frame_epoch"] - start)
    k, b, t = (statistics.median(x) for x in (kiosk_first, bare_first, text_first))
    ready = statistics.median(kiosk_ready)
    kr, br = statistics.median(kiosk_rss), statistics.median(bare_rss)
    print(
        f"figure: startup.first_frame.median {k:.3f} s (baseline bare_window.first_frame.median "
        f"{b:.3f} s, ratio {k / b:.2f}; target <= 1.5; runs {RUNS})"
    )
    print(
        f"figure: startup.first_frame.median {k:.3f} s (baseline text_window.first_frame.median "
        f"{t:.3f} s, ratio {k / t:.2f}: a bare window painting one Tibetan and one Chinese line)"
    )
    print(
        f"figure: startup.first_frame.demo.median {statistics.median(demo_first):.3f} s "
        f"(kiosk --demo: the demo panel's sample cards are built before the first frame)"
    )
    print(f"figure: startup.ready.median {ready:.3f} s (store open and migrated, production mode)")
    print(
        f"figure: startup.peak_rss.median {kr:.0f} MiB (baseline bare_window.peak_rss.median "
        f"{br:.0f} MiB, ratio {kr / br:.2f})"
    )


if __name__ == "__main__":
    main()
