"""Prompt latency: a screen is shown -> its prompt is sounding (the player's position moved).

Played into a private PulseAudio null sink (real QtMultimedia, real espeak-ng).
- voice.prompt_latency.zh.cold: Chinese, synthesised on the spot (empty cache);
- voice.prompt_latency.zh.cached: the same prompts again (WAV cache warm);
- voice.prompt_latency.bo.clip: Tibetan from recorded clips (generated tones);
- voice.prompt_ready.*: screen shown -> first file handed to the player (our own part);
- baseline: a ready WAV handed straight to a fresh player -> sounding.

On this machine's null sink the "sounding" moment is noisy and partly not ours: a player
made early in a process took 1.8-2 s to report its first position even for a ready WAV
(/tmp experiments), later ones 0.05 s. ``prompt_ready`` is the part the kiosk controls;
measure ``prompt_latency`` again on the station's own sound hardware.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

SCREENS = ("pin", "staff", "technician", "enrol", "record", "staff_bind", "attract", "message")


def main() -> None:
    """Print the voice figures."""
    from tests.helpers.pulse import Pulse

    pulse = Pulse.start()
    os.environ["PULSE_SERVER"] = pulse.server
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        with tempfile.TemporaryDirectory(prefix="bench-voice-") as tmp:
            _run(Path(tmp))
    finally:
        pulse.stop()


def _wait(app: object, cond: object, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not cond():  # type: ignore[operator]
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.002)
        if time.monotonic() > deadline:
            raise TimeoutError("prompt never sounded")


def _walk(kiosk: object, modes_note: str) -> tuple[list[float], list[float]]:
    voice = kiosk.voice  # type: ignore[attr-defined]
    app = kiosk.app  # type: ignore[attr-defined]
    ctl = kiosk.controller  # type: ignore[attr-defined]
    sounding, ready = [], []
    for name in SCREENS:
        if name == "message":
            ctl.screens["message"].show_message("error.store.unavailable")
        ctl.window.navigator.go(name)
        _wait(app, lambda: voice.player.token and voice.player.token in voice.player.latencies)
        token = voice.player.token
        sounding.append(voice.player.latencies[token])
        ready.append(voice.player.ready_latencies[token])
        _wait(app, lambda t=token: not voice.player.queue or voice.player.token != t)
        voice.player.stop()
    del modes_note
    return sounding, ready


def _baseline(player: object, app: object, tmp: Path, *, to_end: bool) -> list[float]:
    """The same player handed a ready WAV at once: the sink's and QtMultimedia's share.

    ``to_end``: each file plays out before the next (the sound server's stream then closes
    and the next one starts from cold), as when a short clip ends before the next screen.
    """
    from kiosk.voice.service import Ready
    from tests.helpers.tones import write_tone

    times = []
    for i in range(len(SCREENS)):
        wav = write_tone(tmp / f"base-{i}.wav", 300 + 20 * i, 1.0)
        token = 10_000 + i
        player.asked(token)  # type: ignore[attr-defined]
        player.play(Ready(token, "baseline", [wav], []))  # type: ignore[attr-defined]
        _wait(app, lambda t=token: t in player.latencies)  # type: ignore[attr-defined]
        times.append(player.latencies[token])  # type: ignore[attr-defined]
        _wait(app, lambda: not player.queue)  # type: ignore[attr-defined]
        if to_end:
            _wait(app, lambda: player.player.playbackState().value == 0)  # type: ignore[attr-defined]
        player.stop()  # type: ignore[attr-defined]
    return times


def _run(tmp: Path) -> None:
    from kiosk.app import build_kiosk, open_store
    from tests.helpers.kiosk import make_config
    from tests.helpers.tones import write_tone

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
        kiosk.start_voice(config, paths)
        if label == "bo":
            for name in SCREENS:
                screen = kiosk.controller.window.navigator.screens[name]
                msgid = screen.prompt()[0] or "error.store.unavailable"
                write_tone(paths.data_dir / "voice" / "bo" / f"{msgid}.wav", 440, 1.0)
            write_tone(paths.data_dir / "voice" / "bo" / "error.store.unavailable.wav", 440, 1.0)
            results["bo.clip"] = _walk(kiosk, "bo")
        else:
            results["zh.cold"] = _walk(kiosk, "zh")
            results["zh.cached"] = _walk(kiosk, "zh")
            from kiosk.ui.voice import VoicePlayer

            base = _baseline(VoicePlayer(config.voice.volume), kiosk.app, tmp, to_end=False)
            base_end = _baseline(VoicePlayer(config.voice.volume), kiosk.app, tmp, to_end=True)
        kiosk.stop_devices()
        kiosk.voice.close()  # type: ignore[union-attr]
        backend.engine.dispose()
    b, b_end = statistics.median(base), statistics.median(base_end)
    print(
        f"figure: voice.sink_start.median {b:.3f} s (a ready WAV, previous one cut short); "
        f"{b_end:.3f} s when the previous one had played out"
    )
    for key, (sounding, ready) in results.items():
        print(
            f"figure: voice.prompt_latency.{key}.median {statistics.median(sounding):.3f} s "
            f"(baseline: a ready WAV handed to a player, {b:.3f} s / {b_end:.3f} s)"
        )
        print(f"figure: voice.prompt_ready.{key}.median {statistics.median(ready) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
