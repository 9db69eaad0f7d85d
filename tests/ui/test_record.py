"""Station staff record the Tibetan prompts at the kiosk: record from the microphone, play
back, save, and the kiosk speaks with the new clip. The private PulseAudio server's
microphone hears what its speaker plays, so a played tone is what gets recorded."""

from __future__ import annotations

import array
import math
import os
import subprocess
import sys
import textwrap
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from pytestqt.qtbot import QtBot

from kiosk.domain.clips import digest
from kiosk.i18n import Lang, Mode
from kiosk.ui.widgets.demo_panel import DEMO_PINS
from tests.helpers.kiosk import Rig
from tests.helpers.pulse import Pulse
from tests.helpers.screens import shows
from tests.helpers.tones import write_tone
from tests.ui.test_admin import enter, open_pin_pad

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def recorder_rig(demo_rig: Rig) -> Iterator[Rig]:
    demo_rig.kiosk.start_voice(demo_rig.config, demo_rig.paths)
    yield demo_rig
    if demo_rig.kiosk.voice is not None:
        demo_rig.kiosk.voice.close()


def loudness(path: Path) -> float:
    """RMS of a 16-bit WAV."""
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2
        samples = array.array("h", w.readframes(w.getnframes()))
    return math.sqrt(sum(x * x for x in samples) / max(1, len(samples)))


def test_staff_record_a_prompt_and_the_kiosk_uses_it(
    recorder_rig: Rig, qtbot: QtBot, tmp_path: Path
) -> None:
    rig = recorder_rig
    ctl, flow = rig.kiosk.controller, rig.kiosk.recorder
    assert flow is not None
    open_pin_pad(rig, qtbot)
    enter(rig, qtbot, DEMO_PINS["technician"])
    qtbot.mouseClick(ctl.screens["technician"].record, Qt.MouseButton.LeftButton)
    screen = ctl.screens["record"]
    assert rig.kiosk.window.navigator.current is screen
    msgid = flow.prompts[flow.index]
    total = len(flow.prompts)
    assert shows(screen, f"0 / {total}")
    assert shows(screen, rig.kiosk.texts.catalog.text(msgid, Lang.BO))  # what to read aloud

    qtbot.mouseClick(screen.record, Qt.MouseButton.LeftButton)
    assert screen.recording
    speaker = QMediaPlayer()
    out = QAudioOutput()
    speaker.setAudioOutput(out)
    speaker.setSource(QUrl.fromLocalFile(str(write_tone(tmp_path / "voice.wav", 523.0, 2.5))))
    speaker.play()  # someone speaks into the microphone
    qtbot.wait(3500)
    qtbot.mouseClick(screen.record, Qt.MouseButton.LeftButton)  # stop
    assert not screen.recording
    # The encoder finishes the file after stop() returns.
    qtbot.waitUntil(lambda: flow.scratch.is_file() and flow.scratch.stat().st_size > 10_000)
    qtbot.mouseClick(screen.play, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.save, Qt.MouseButton.LeftButton)
    clip = flow.clips.path(msgid)
    assert clip.is_file()
    assert loudness(clip) > 300  # the tone was heard, not silence
    assert shows(screen, f"1 / {total}")
    assert screen.state_message == ("record.saved", None, {})
    qtbot.mouseClick(screen.next, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.prev, Qt.MouseButton.LeftButton)
    assert screen.state_message == ("record.to_share", None, {})  # the next sync sends it
    flow.clips.sent(msgid, digest(clip.read_bytes()), 4)
    flow.show()
    assert screen.state_message == ("record.shared", None, {"version": 4})
    assert shows(screen, rig.kiosk.texts.catalog.text("record.shared", Lang.ZH, version=4))

    voice = rig.kiosk.voice
    assert voice is not None
    utterance = voice.service.resolver.resolve(msgid, Mode.BO.langs)
    assert [getattr(p, "path", None) for p in utterance.parts] == [clip]


def test_without_a_microphone_the_screen_says_so(tmp_path: Path) -> None:
    pulse = Pulse.start(microphone=False)
    script = textwrap.dedent(
        """
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from pathlib import Path
        from kiosk.app import build_kiosk
        from kiosk.wiring import open_store
        from tests.helpers.kiosk import make_config
        config, paths = make_config(Path(os.environ["DATA"]), terminal={"demo": True})
        backend = open_store(config, paths)
        kiosk = build_kiosk(config, paths, demo_panel=False)
        kiosk.attach(config, paths, backend)
        kiosk.start_voice(config, paths)
        kiosk.recorder.open()
        screen = kiosk.controller.screens["record"]
        print(screen.state_message[0], screen.record.isEnabled())
        """
    )
    try:
        env = {**os.environ, "PULSE_SERVER": pulse.server, "DATA": str(tmp_path)}
        result = subprocess.run(
            [sys.executable, "-c", script],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        pulse.stop()
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[-2:] == ["record.no_microphone", "False"]
