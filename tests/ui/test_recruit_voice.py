"""The number called by ear (real playback on PulseAudio, the speaker's monitor recorded):
in the station's two languages, the Tibetan sentence from its clip followed by the number's
clips and the trade's, then the Chinese sentence from espeak-ng with the number in it.
Clips are generated tones standing in for station staff's recordings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.i18n import Catalog
from kiosk.ui.voiceflow import spoken_prompts
from kiosk.voice.prompts import number_clip_names
from tests.helpers.kiosk import Rig, close_kiosk, tap
from tests.helpers.pulse import Listener
from tests.helpers.tones import write_tone
from tests.ui.test_recruit import DISTRICT, check_in, screen_is
from tests.ui.test_staff_bind import open_staff
from tests.ui.test_voice import Ears, _texts, clip_names, voice_rig

pytestmark = pytest.mark.slow


@pytest.fixture
def rigs() -> Iterator[list[Rig]]:
    made: list[Rig] = []
    yield made
    for rig in made:
        close_kiosk(rig.kiosk, rig.backend)


def test_the_called_number_is_heard_in_tibetan_and_chinese(
    qtbot: QtBot,
    tmp_path: Path,
    rigs: list[Rig],
    listener: Listener,
) -> None:
    clips = tmp_path / "demo" / "voice" / "bo"
    catalog = Catalog(Path(__file__).resolve().parents[2] / "translations")
    for i, name in enumerate(spoken_prompts(catalog, ["attract.tap_card"])):
        write_tone(clips / f"{name}.wav", 300.0 + i, seconds=0.2)
    rig = voice_rig(qtbot, tmp_path, "both", "chime")
    rigs.append(rig)
    rig.backend.keys.learn(DISTRICT)
    for card in ("resident_chinese", "long_term", "resident_tibetan"):
        check_in(rig, qtbot, card)  # numbers 1, 2, 3
    open_staff(rig, qtbot)
    feature = rig.kiosk.controller.recruit_ui
    feature.start()
    tap(rig, qtbot, "hmt_permit")
    qtbot.waitUntil(lambda: feature.card.holder is not None, timeout=5_000)
    feature.register("13989001122")
    screen_is(rig, qtbot, "recruit_post")
    feature.post_job("banyun", 230, True, 1)
    screen_is(rig, qtbot, "recruit_queue")
    qtbot.waitUntil(lambda: feature.queue.waiting is not None, timeout=5_000)
    third = next(w for w in feature.queue.waiting or [] if w.number == 3)
    ears = Ears(rig.kiosk.voice, listener)  # type: ignore[arg-type]
    feature.call_number(third.number, third.worker_id)
    screen_is(rig, qtbot, "recruit_call")
    heard = ears.hear(qtbot, "recruit.calling")
    names = clip_names(clips, heard[1])
    assert names[:3] == ["recruit.calling", *number_clip_names(3), "jobtype.banyun"], names
    chinese = _texts(rig, heard)
    assert chinese == ["请 3 号到一体机前刷身份证，接搬运的活儿"]
    service = rig.kiosk.voice.service  # type: ignore[union-attr]
    assert heard[1][-1] == service.synth.cached(chinese[0], "zh"), "then said in Chinese"
    qtbot.mouseClick(
        feature.call.main, Qt.MouseButton.LeftButton
    )  # "call again": heard once more, the same
    again = ears.hear(qtbot, "recruit.calling")
    assert clip_names(clips, again[1]) == names
