"""The clip library of one kiosk: what is recorded here and still has to go up, which market
version each clip is, and that nothing is lost when the recording screen and the sync thread
change it at once."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from kiosk.domain.clips import BadClipError, digest
from kiosk.voice.clips import ClipLibrary
from tests.helpers.tones import tone_bytes, write_tone


@pytest.fixture
def lib(tmp_path: Path) -> ClipLibrary:
    return ClipLibrary(tmp_path / "voice")


def test_a_take_waits_to_go_up_until_the_market_has_it(lib: ClipLibrary, tmp_path: Path) -> None:
    take = tone_bytes(tmp_path, 440.0)
    lib.record("jobs.title", take)
    assert lib.path("jobs.title").read_bytes() == take
    assert [p.name for p in lib.pending()] == ["jobs.title"]
    assert lib.state("jobs.title").pending
    lib.sent("jobs.title", digest(take), 3)
    state = lib.state("jobs.title")
    assert (state.pending, state.version, state.refused) == (False, 3, None)
    assert lib.pending() == []


def test_a_bad_take_is_refused_and_nothing_is_kept(lib: ClipLibrary, tmp_path: Path) -> None:
    with pytest.raises(BadClipError) as caught:
        lib.record("jobs.title", tone_bytes(tmp_path, 440.0, 0.1))
    assert caught.value.reason == "too_short"
    assert not lib.has("jobs.title")
    with pytest.raises(BadClipError):
        lib.record("../../outside", tone_bytes(tmp_path, 440.0))
    assert not (tmp_path / "outside.wav").exists()


def test_clips_copied_in_by_hand_count_as_recorded_here(lib: ClipLibrary, tmp_path: Path) -> None:
    write_tone(lib.path("num/200"), 300.0)
    assert [p.name for p in lib.pending()] == ["num/200"]
    lib.sent("num/200", digest(lib.path("num/200").read_bytes()), 1)
    assert lib.pending() == []
    write_tone(lib.path("num/200"), 310.0, 0.6)  # replaced by hand
    assert [p.name for p in lib.pending()] == ["num/200"]


def test_a_pulled_clip_never_overwrites_a_take_not_yet_sent(
    lib: ClipLibrary, tmp_path: Path
) -> None:
    ours, theirs = tone_bytes(tmp_path, 440.0), tone_bytes(tmp_path, 660.0)
    lib.record("jobs.title", ours)
    assert not lib.store_pulled("jobs.title", 2, digest(theirs), theirs)
    assert lib.path("jobs.title").read_bytes() == ours
    lib.sent("jobs.title", digest(ours), 3)
    assert lib.store_pulled("jobs.title", 4, digest(theirs), theirs)
    assert lib.path("jobs.title").read_bytes() == theirs
    assert lib.state("jobs.title").version == 4


def test_a_damaged_download_is_refused(lib: ClipLibrary, tmp_path: Path) -> None:
    good = tone_bytes(tmp_path, 440.0)
    with pytest.raises(BadClipError) as caught:
        lib.store_pulled("jobs.title", 1, digest(good), good[:-100])
    assert caught.value.reason == "mismatch"
    silent = tone_bytes(tmp_path, 440.0, amplitude=10)
    with pytest.raises(BadClipError):
        lib.store_pulled("jobs.title", 1, digest(silent), silent)
    assert not lib.has("jobs.title")


def test_a_refused_take_stays_playable_until_recorded_again(
    lib: ClipLibrary, tmp_path: Path
) -> None:
    take = tone_bytes(tmp_path, 440.0)
    lib.record("jobs.title", take)
    lib.refused("jobs.title", digest(take), "silent")
    state = lib.state("jobs.title")
    assert (state.pending, state.refused) == (False, "silent")
    assert lib.has("jobs.title")
    assert lib.pending() == []
    assert lib.summary() == (0, [state])
    lib.record("jobs.title", tone_bytes(tmp_path, 500.0))
    assert lib.state("jobs.title").refused is None
    assert [p.name for p in lib.pending()] == ["jobs.title"]


def test_an_unreadable_index_loses_no_clip(lib: ClipLibrary, tmp_path: Path) -> None:
    lib.record("jobs.title", tone_bytes(tmp_path, 440.0))
    lib.index_path.write_text("{not json")
    assert [p.name for p in lib.pending()] == ["jobs.title"]
    lib.record("home.title", tone_bytes(tmp_path, 450.0))
    assert json.loads(lib.index_path.read_text())["clips"].keys() == {"home.title"}
    assert len(lib.pending()) == 2


def test_two_writers_at_once_lose_no_update(lib: ClipLibrary, tmp_path: Path) -> None:
    takes = {f"say.t{i}": tone_bytes(tmp_path, 300.0 + i) for i in range(24)}
    names = sorted(takes)

    def record(part: list[str]) -> None:
        for name in part:
            lib.record(name, takes[name])

    def send(part: list[str]) -> None:
        for name in part:
            lib.sent(name, digest(takes[name]), 7)

    first = [threading.Thread(target=record, args=(names[i::3],)) for i in range(3)]
    for t in first:
        t.start()
    for t in first:
        t.join()
    assert len(lib.pending()) == len(names)
    second = [threading.Thread(target=send, args=(names[i::3],)) for i in range(3)]
    for t in second:
        t.start()
    for t in second:
        t.join()
    assert lib.pending() == []
    assert {lib.state(n).version for n in names} == {7}
    assert not [p for p in os.listdir(lib.path("say.x").parent) if p.startswith(".tmp")]
