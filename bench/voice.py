"""Prompt latency: a screen is shown -> its prompt is heard.

Heard means the sound itself: the private PulseAudio null sink's monitor is recorded with
``parec`` and the first non-silent sample is timed (``tests.helpers.pulse.Listener``), not
the player's own position (which reported sound late, by up to a second).
- voice.prompt_latency.zh.cold: Chinese, synthesised on the spot (empty cache);
- voice.prompt_latency.zh.cached: the same prompts again (WAV cache warm);
- voice.prompt_latency.bo.clip: Tibetan from recorded clips (generated tones);
- voice.prompt_ready.*: screen shown -> first file handed to the player (our own part);
- baselines, in the same run: a ready WAV handed to a fresh player, the first time in the
  process (``sink_start.first``) and each time after (``sink_start.warm``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.helpers.pulse import Listener, Pulse

SCREENS = ("pin", "staff", "technician", "enrol", "record", "staff_bind", "attract", "message")


def main() -> None:
    """Print the voice figures."""
    from tests.helpers.pulse import Listener, Pulse

    pulse = Pulse.start()
    os.environ["PULSE_SERVER"] = pulse.server
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    ear = Listener(pulse)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-voice-") as tmp:
            _run(Path(tmp), ear, pulse)
    finally:
        ear.stop()
        pulse.stop()


def _wait(app: object, cond: object, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not cond():  # type: ignore[operator]
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.002)
        if time.monotonic() > deadline:
            raise TimeoutError("prompt never sounded")


def _walk(kiosk: object, ear: Listener) -> tuple[list[float], list[float]]:
    voice = kiosk.voice  # type: ignore[attr-defined]
    app = kiosk.app  # type: ignore[attr-defined]
    ctl = kiosk.controller  # type: ignore[attr-defined]
    heard, ready = [], []
    for name in SCREENS:
        _quiet(app, ear)
        if name == "message":
            ctl.screens["message"].show_message("error.store.unavailable")
        shown = time.perf_counter()
        ctl.window.navigator.go(name)
        _wait(app, lambda t=shown: ear.onset_after(t) is not None)
        heard.append(ear.onset_after(shown) - shown)  # type: ignore[operator]
        token = voice.player.token
        _wait(app, lambda t=token: t in voice.player.ready_latencies)
        ready.append(voice.player.ready_latencies[token])
        voice.player.stop()
    return heard, ready


def _quiet(app: object, ear: Listener) -> None:
    """Let the last sound die away, and forget it."""
    end = time.monotonic() + 0.3
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.005)
    ear.forget()


def _baseline(app: object, tmp: Path, ear: Listener) -> list[float]:
    """A ready WAV handed to a fresh player each time: what the sound system costs."""
    from PySide6.QtCore import QUrl
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

    from tests.helpers.tones import write_tone

    times = []
    for i in range(len(SCREENS)):
        wav = write_tone(tmp / f"base-{i}.wav", 300 + 20 * i, 0.5)
        _quiet(app, ear)
        output, player = QAudioOutput(), QMediaPlayer()
        player.setAudioOutput(output)
        start = time.perf_counter()
        player.setSource(QUrl.fromLocalFile(str(wav)))
        player.play()
        _wait(app, lambda t=start: ear.onset_after(t) is not None)
        times.append(ear.onset_after(start) - start)  # type: ignore[operator]
        player.stop()
        player.deleteLater()
    return times


def _run(tmp: Path, ear: Listener, pulse: Pulse) -> None:
    from kiosk.app import build_kiosk
    from kiosk.wiring import open_store
    from tests.helpers.kiosk import make_config
    from tests.helpers.tones import write_tone

    base = _fresh_process_baseline(pulse)
    results: dict[str, tuple[list[float], list[float]]] = {}
    for label, mode in (("zh", "zh"), ("bo", "bo")):
        config, paths = make_config(
            tmp / label,
            terminal={"demo": True},
            display={"default_mode": mode},
            voice={"missing_clip": "chime"},
        )
        backend = open_store(config, paths)
        kiosk = build_kiosk(config, paths, demo_panel=False)
        kiosk.attach(config, paths, backend)
        kiosk.window.resize(1920, 1080)
        kiosk.window.show()
        if label == "bo":
            for name in SCREENS:
                screen = kiosk.controller.window.navigator.screens[name]
                msgid = screen.prompt()[0] or "error.store.unavailable"
                write_tone(paths.data_dir / "voice" / "bo" / f"{msgid}.wav", 440, 1.0)
            write_tone(paths.data_dir / "voice" / "bo" / "error.store.unavailable.wav", 440, 1.0)
        kiosk.start_voice(config, paths)
        if label == "bo":
            results["bo.clip"] = _walk(kiosk, ear)
        else:
            results["zh.cold"] = _walk(kiosk, ear)
            results["zh.cached"] = _walk(kiosk, ear)
        kiosk.stop_devices()
        kiosk.voice.close()  # type: ignore[union-attr]
        backend.engine.dispose()
    first, warm = base[0], statistics.median(base[1:])
    print(f"figure: voice.sink_start.first {first * 1000:.0f} ms (a ready WAV, first in a process)")
    print(f"figure: voice.sink_start.warm.median {warm * 1000:.0f} ms (a fresh player)")
    for key, (heard, ready) in results.items():
        print(
            f"figure: voice.prompt_latency.{key}.median {statistics.median(heard) * 1000:.0f} ms "
            f"(target 150 ms; baseline: a ready WAV to a fresh player {warm * 1000:.0f} ms, "
            f"{first * 1000:.0f} ms the first time in a process)"
        )
        print(f"figure: voice.prompt_ready.{key}.median {statistics.median(ready) * 1000:.0f} ms")
    first_prompt = results["zh.cold"][0][0]
    print(
        f"figure: voice.prompt_latency.zh.first {first_prompt * 1000:.0f} ms (the first prompt "
        f"after start; baseline {first * 1000:.0f} ms for a first sound without the warm-up)"
    )


def _fresh_process_baseline(pulse: Pulse) -> list[float]:
    """The baseline in a process of its own, so its first play is a cold start."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.voice", "--baseline"],
        env={**os.environ, "PULSE_SERVER": pulse.server, "QT_QPA_PLATFORM": "offscreen"},
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=True,
    )
    return [float(x) for x in out.stdout.split("BASELINE", 1)[1].split()]


def _baseline_main() -> None:
    from PySide6.QtWidgets import QApplication

    from tests.helpers.pulse import Listener, Pulse

    app = QApplication(["bench-voice-baseline"])
    pulse = Pulse.attach(os.environ["PULSE_SERVER"])
    ear = Listener(pulse)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-voice-base-") as tmp:
            times = _baseline(app, Path(tmp), ear)
    finally:
        ear.stop()
    print("BASELINE", *(f"{t:.4f}" for t in times))


if __name__ == "__main__":
    if "--baseline" in sys.argv:
        _baseline_main()
    else:
        main()
