"""The worker's visit by ear: a Chinese-only walk is spoken end to end (real espeak-ng,
real playback into a private PulseAudio null sink); a Tibetan-only walk plays the recorded
clip (generated tones here) or follows the missing-clip rule at every step."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app import build_kiosk, open_store
from kiosk.domain.timeutil import now_local
from kiosk.i18n import Lang, Mode
from kiosk.ui.voiceflow import VoiceFlow, spoken_prompts
from kiosk.voice.tts import wav_seconds
from tests.helpers.fakes import FakeClock
from tests.helpers.kiosk import Rig, close_kiosk, make_config, tap
from tests.helpers.tones import write_tone

pytestmark = pytest.mark.slow


def voice_rig(qtbot: QtBot, tmp_path: Path, mode: str, rule: str) -> Rig:
    config, paths = make_config(
        tmp_path,
        terminal={"demo": True},
        display={"default_mode": mode},
        voice={"missing_clip": rule},
    )
    clock = FakeClock(now_local().replace(microsecond=0))
    backend = open_store(config, paths, clock)
    kiosk = build_kiosk(config, paths, demo_panel=True, clock=clock)
    kiosk.attach(config, paths, backend)
    kiosk.window.resize(config.display.width_px, config.display.height_px)
    kiosk.window.show()
    kiosk.start_devices()
    assert kiosk.start_voice(config, paths) is not None
    return Rig(kiosk, backend, clock, config, paths)


@pytest.fixture
def rigs() -> Iterator[list[Rig]]:
    made: list[Rig] = []
    yield made
    for rig in made:
        close_kiosk(rig.kiosk, rig.backend)


def heard(
    voice: VoiceFlow, qtbot: QtBot, msgids: tuple[str, ...], latencies: list[float]
) -> list[Path]:
    """Wait until the prompt of ``msgids`` is actually sounding; return the files it played."""
    player = voice.player
    qtbot.waitUntil(lambda: bool(voice.spoken) and voice.spoken[-1] == msgids, timeout=10_000)
    qtbot.waitUntil(lambda: player.token in player.latencies, timeout=20_000)
    token = player.token
    latencies.append(player.latencies[token])
    qtbot.waitUntil(lambda: not player.queue or player.token != token, timeout=20_000)
    return [p for t, p in player.played if t == token]


Check = Callable[[list[tuple[str, dict[str, object]]], list[Path]], None]


def walk(
    rig: Rig, qtbot: QtBot, check: Check, card: str, choose: Mode | None = None
) -> list[float]:
    """Tap, home, find work, a job, apply, say it again, finish: each step must sound."""
    ctl, voice = rig.kiosk.controller, rig.kiosk.voice
    assert voice is not None
    latencies: list[float] = []

    def step(*msgids: str) -> None:
        files = heard(voice, qtbot, msgids, latencies)
        check(voice.last, files)

    if choose is not None:  # the worker picks their language first: the prompt follows
        qtbot.mouseClick(ctl.screens["attract"].language_buttons[choose], Qt.MouseButton.LeftButton)
    else:
        voice.screen_shown()  # the attract screen at start
    step("attract.tap_card")
    tap(rig, qtbot, card)
    step("session.welcome")
    qtbot.mouseClick(ctl.screens["home"].find_work, Qt.MouseButton.LeftButton)
    rig.kiosk.db.wait()
    step("jobs.title")
    ctl.screens["jobs"].job_chosen.emit(ctl.screens["jobs"].model.matches[0])
    step("job.apply")
    qtbot.mouseClick(ctl.screens["job"].apply, Qt.MouseButton.LeftButton)
    rig.kiosk.db.wait()
    step("job.applied", "jobs.title")  # the result first, then the list it returns to
    qtbot.mouseClick(ctl.screens["jobs"].bar.repeat, Qt.MouseButton.LeftButton)
    step("job.applied", "jobs.title")
    qtbot.mouseClick(ctl.screens["jobs"].bar.finish, Qt.MouseButton.LeftButton)
    # Back at the start, in the station's default languages again.
    files = heard(voice, qtbot, ("attract.tap_card",), latencies)
    assert files[-1] == rig.kiosk.voice.service.synth.cached(  # type: ignore[union-attr]
        rig.kiosk.texts.catalog.text("attract.tap_card", Lang.ZH), "zh"
    )
    return latencies


def test_a_chinese_walk_is_spoken_end_to_end(qtbot: QtBot, tmp_path: Path, rigs: list[Rig]) -> None:
    rig = voice_rig(qtbot, tmp_path, "zh", "chinese")
    rigs.append(rig)
    cache = rig.paths.data_dir / "voice-cache"

    def check(items: list[tuple[str, dict[str, object]]], files: list[Path]) -> None:
        service = rig.kiosk.voice.service  # type: ignore[union-attr]
        texts = [service.resolver.text(m, Lang.ZH, fmt) for m, fmt in items]
        assert all("{" not in t for t in texts), texts  # every field filled (the name)
        assert files == [service.synth.cached(t, "zh") for t in texts]
        assert all(f.parent == cache and wav_seconds(f) > 0.4 for f in files)

    latencies = walk(rig, qtbot, check, "resident_chinese")
    print(f"figure: voice.prompt_latency.zh.median {statistics.median(latencies):.3f} s")


def test_a_tibetan_walk_plays_clips_or_the_chime(
    qtbot: QtBot, tmp_path: Path, rigs: list[Rig]
) -> None:
    clips = tmp_path / "demo" / "voice" / "bo"
    recorded = {"attract.tap_card": 440.0, "session.welcome": 550.0, "job.apply": 660.0}
    for msgid, hz in recorded.items():
        write_tone(clips / f"{msgid}.wav", hz)
    rig = voice_rig(qtbot, tmp_path, "both", "chime")
    rigs.append(rig)
    chime = rig.paths.assets / "voice" / "chime.wav"

    def check(items: list[tuple[str, dict[str, object]]], files: list[Path]) -> None:
        # A recorded clip, or the rule (a chime); never synthesised Tibetan.
        expected = [clips / f"{m}.wav" if m in recorded else chime for m, _ in items]
        assert files == expected, (items, files)

    walk(rig, qtbot, check, "resident_tibetan", choose=Mode.BO)
    service = rig.kiosk.voice.service  # type: ignore[union-attr]
    assert set(service.missed) == {"jobs.title", "job.applied"}
    # Only the station's default (Tibetan and Chinese) attract prompt at the end was
    # synthesised, in Chinese: nothing of the Tibetan-only walk went to the synthesiser.
    made = set((rig.paths.data_dir / "voice-cache").glob("*.wav"))
    attract_zh = rig.kiosk.texts.catalog.text("attract.tap_card", Lang.ZH)
    assert made == {service.synth.cached(attract_zh, "zh")}
    prompts = spoken_prompts(rig.kiosk.texts.catalog, ["attract.tap_card"])
    assert {"attract.tap_card", "job.applied", "num/200"} <= set(prompts)
