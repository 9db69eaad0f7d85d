"""Which sound a prompt becomes: clips for Tibetan, speech for Chinese and English, the rule
for a missing clip, numbers read from place-value clips; never Tibetan to the synthesiser."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.i18n import Catalog, Lang, Mode, Ref
from kiosk.voice.clips import ClipLibrary
from kiosk.voice.prompts import (
    Chime,
    Clip,
    PromptResolver,
    Speech,
    has_tibetan,
    number_clip_names,
)
from kiosk.voice.tts import SynthesisError, Synthesizer, wav_seconds
from tests.helpers.tones import write_tone

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(ROOT / "translations")


def test_numbers_are_read_place_by_place() -> None:
    assert number_clip_names(250) == ["num/200", "num/50"]
    assert number_clip_names(1005) == ["num/1000", "num/5"]
    assert number_clip_names(0) == ["num/0"]
    assert number_clip_names(10000) == []


@pytest.mark.parametrize(
    ("rule", "expected"),
    [("chinese", [Speech]), ("chime", [Chime]), ("silence", [])],
)
def test_a_missing_tibetan_clip_follows_the_rule(
    catalog: Catalog, tmp_path: Path, rule: str, expected: list[type]
) -> None:
    resolver = PromptResolver(catalog, ClipLibrary(tmp_path), rule)
    u = resolver.resolve("attract.tap_card", Mode.BO.langs)
    assert [type(p) for p in u.parts] == expected
    assert u.missing == ["attract.tap_card"]
    if rule == "chinese":
        assert u.parts[0] == Speech(catalog.text("attract.tap_card", Lang.ZH), "zh")


def test_both_scripts_play_the_clip_then_chinese(catalog: Catalog, tmp_path: Path) -> None:
    clip = write_tone(tmp_path / "bo" / "attract.tap_card.wav", 440)
    resolver = PromptResolver(catalog, ClipLibrary(tmp_path), "chinese")
    u = resolver.resolve("attract.tap_card", Mode.BOTH.langs)
    assert u.parts == [Clip(clip), Speech(catalog.text("attract.tap_card", Lang.ZH), "zh")]
    assert u.missing == []


def test_amounts_and_names_are_composed_from_clips(catalog: Catalog, tmp_path: Path) -> None:
    lib = ClipLibrary(tmp_path)
    for name in ("filing.years_title", "jobtype.banyun", "reason.wage_above", "num/300"):
        write_tone(lib.path(name), 440)
    resolver = PromptResolver(catalog, lib, "chime")
    u = resolver.resolve("filing.years_title", Mode.BO.langs, trade=Ref("jobtype.banyun"))
    assert u.parts == [Clip(lib.path("filing.years_title")), Clip(lib.path("jobtype.banyun"))]
    zh = resolver.resolve("filing.years_title", Mode.ZH.langs, trade=Ref("jobtype.banyun"))
    assert zh.parts == [Speech(catalog.text("filing.years_title", Lang.ZH, trade="搬运"), "zh")]
    u = resolver.resolve("reason.wage_above", Mode.BO.langs, wage=300)
    assert u.parts[-1] == Clip(lib.path("num/300"))
    u = resolver.resolve("reason.wage_above", Mode.BO.langs, wage=320)
    assert u.missing == ["num/20"]  # the sentence plays; the number that has no clip is named


def test_tibetan_never_reaches_the_synthesiser(tmp_path: Path) -> None:
    assert has_tibetan("ལས་ཀ")
    assert not has_tibetan("工作 work")
    synth = Synthesizer(tmp_path, 150, use_pyttsx3=False)
    with pytest.raises(SynthesisError):
        synth.synthesize("ཐོབ་ཐང་ལག་ཁྱེར", "zh").result(timeout=5)
    with pytest.raises(SynthesisError):
        synth.synthesize("请刷身份证", "bo").result(timeout=5)


@pytest.mark.parametrize("use_pyttsx3", [True, False])
def test_chinese_is_synthesised_checked_and_cached(tmp_path: Path, use_pyttsx3: bool) -> None:
    synth = Synthesizer(tmp_path, 150, use_pyttsx3=use_pyttsx3)
    try:
        path = synth.synthesize("请刷身份证", "zh").result(timeout=30)
        assert wav_seconds(path) > 0.5
        assert synth.synthesize("请刷身份证", "zh").result(timeout=1) == path  # from the cache
        other = synth.synthesize("请刷二维码", "zh").result(timeout=30)
        assert other != path  # one file per prompt: no prompt lands in another's file
        assert wav_seconds(other) > 0.5
    finally:
        synth.stop()


def test_a_broken_file_is_not_a_wav(tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF....WAVEjunk")
    with pytest.raises(SynthesisError):
        wav_seconds(bad)
