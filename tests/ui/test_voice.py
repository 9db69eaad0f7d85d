"""The worker's visit by ear: a Chinese-only walk is spoken end to end (real espeak-ng,
real playback into a private PulseAudio null sink); a Tibetan-only walk plays the recorded
clip (generated tones here) or follows the missing-clip rule at every step."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.domain.matching import Match
from kiosk.i18n import Catalog, Lang, Mode
from kiosk.ui.voiceflow import VoiceFlow, spoken_prompts
from kiosk.voice.prompts import number_clip_names
from kiosk.voice.service import Ready
from kiosk.voice.tts import wav_seconds
from tests.helpers.kiosk import Rig, close_kiosk, start_rig, tap
from tests.helpers.pulse import Listener
from tests.helpers.tones import write_tone

pytestmark = pytest.mark.slow


def voice_rig(qtbot: QtBot, tmp_path: Path, mode: str, rule: str) -> Rig:
    rig = start_rig(tmp_path, display={"default_mode": mode}, voice={"missing_clip": rule})
    assert rig.kiosk.start_voice(rig.config, rig.paths) is not None
    return rig


@pytest.fixture
def rigs() -> Iterator[list[Rig]]:
    made: list[Rig] = []
    yield made
    for rig in made:
        close_kiosk(rig.kiosk, rig.backend)


class Ears:
    """What the kiosk says, part by part as the voice service makes it, and whether it was
    heard: the speaker's monitor is recorded (the test listens here instead of looking at
    the screen)."""

    def __init__(self, voice: VoiceFlow, listener: Listener) -> None:
        self.voice, self.listener = voice, listener
        self.parts: dict[int, list[Ready]] = {}
        self.last_token = 0
        self.arrived: dict[int, float] = {}  # token -> when its first part reached the player
        voice.bridge.ready.connect(self._on_ready)

    def _on_ready(self, result: object) -> None:
        if isinstance(result, Ready):
            self.parts.setdefault(result.token, []).append(result)
            self.arrived.setdefault(result.token, time.perf_counter())

    def hear(self, qtbot: QtBot, first: str) -> Heard:
        """Wait for the prompt that starts with ``first`` to be heard from the speaker;
        return its messages and every file made for it, in order."""
        voice, player = self.voice, self.voice.player

        def playing() -> bool:  # the newest prompt (a result may be followed by its screen's)
            token = player.token
            return (
                token > self.last_token
                and voice.spoken[-1][0] == first
                and any(t == token for t, _ in player.played)
                and token in self.arrived  # its own slot may run a moment after the player's
            )

        qtbot.waitUntil(playing, timeout=40_000)  # generous: CI shares two cores
        token = self.last_token = player.token
        handed = self.arrived[token]  # the prompt before was stopped when this one was asked
        qtbot.waitUntil(
            lambda: self.listener.onset_after(handed - 0.01) is not None, timeout=40_000
        )
        self.listener.forget()
        qtbot.waitUntil(lambda: any(r.last for r in self.parts.get(token, [])), timeout=60_000)
        files = [f for r in self.parts[token] for f in r.files]
        return list(voice.last), files


Heard = tuple[list[tuple[str, dict[str, object]]], list[Path]]
Check = Callable[[str, Heard], None]


def walk(
    rig: Rig, qtbot: QtBot, ears: Ears, check: Check, card: str, *, choose: Mode | None = None
) -> None:
    """A whole visit with the window hidden: tap, home, find work, a job, apply, say it
    again, finish. At every step ``check(step, heard)`` judges what was said."""
    ctl, voice = rig.kiosk.controller, rig.kiosk.voice
    assert voice is not None
    if choose is not None:  # the worker picks their language first: the prompt follows
        ctl.screens["attract"].language_buttons[choose].click()
    else:
        voice.screen_shown()  # the attract screen at start
    rig.kiosk.window.hide()  # from here on only what is heard counts
    check("attract", ears.hear(qtbot, "attract.tap_card"))
    tap(rig, qtbot, card)
    check("home", ears.hear(qtbot, "session.welcome"))
    ctl.screens["home"].find_work.click()
    rig.kiosk.db.wait()
    check("jobs", ears.hear(qtbot, "jobs.say_count"))
    ctl.screens["jobs"].next.click()
    check("jobs.page2", ears.hear(qtbot, "jobs.say_count"))
    ctl.screens["jobs"].job_chosen.emit(ctl.screens["jobs"].model.matches[3])
    first = "job.unpaid" if ctl.screens["job"].warning.texts() else "say.trade"
    check("job", ears.hear(qtbot, first))
    ctl.screens["job"].apply.click()
    rig.kiosk.db.wait()
    check("applied", ears.hear(qtbot, "job.applied"))  # the result, then the list
    ctl.screens["jobs"].bar.repeat.click()
    check("applied", ears.hear(qtbot, "job.applied"))
    ctl.screens["jobs"].bar.finish.click()  # the visit summary, before the start again
    check("summary", ears.hear(qtbot, "summary.title"))
    ctl.screens["summary"].done.click()
    check("end", ears.hear(qtbot, "attract.tap_card"))


def _texts(rig: Rig, heard: Heard) -> list[str]:
    service = rig.kiosk.voice.service  # type: ignore[union-attr]
    return [service.resolver.text(m, Lang.ZH, fmt) for m, fmt in heard[0]]


def _hour(h: int) -> str:
    return f"{h} 点"


def card_facts_zh(rig: Rig, match: Match) -> list[str]:
    """What a worker must hear of a job in Chinese: trade, wage, day and hours."""
    catalog, job = rig.kiosk.texts.catalog, match.candidate.job
    return [
        catalog.text(f"jobtype.{job.job_type_code}", Lang.ZH),
        f"{job.day_wage} 元",
        _hour(job.starts_at.hour),
        _hour(job.ends_at.hour),
    ]


def test_a_chinese_visit_can_be_followed_by_ear_alone(
    qtbot: QtBot, tmp_path: Path, rigs: list[Rig], listener: Listener
) -> None:
    """Real espeak-ng, real playback: each prompt carries its facts."""
    rig = voice_rig(qtbot, tmp_path, "zh", "chinese")
    rigs.append(rig)
    cache = rig.paths.data_dir / "voice-cache"
    ctl, catalog = rig.kiosk.controller, rig.kiosk.texts.catalog
    chosen: list[Match] = []

    def said(heard: Heard) -> str:
        return " / ".join(_texts(rig, heard))

    def check(step: str, heard: Heard) -> None:
        service = rig.kiosk.voice.service  # type: ignore[union-attr]
        texts = _texts(rig, heard)
        assert all("{" not in t for t in texts), texts  # every field filled
        assert heard[1] == [service.synth.cached(t, "zh") for t in texts]
        assert all(f.parent == cache and wav_seconds(f) > 0.2 for f in heard[1])
        everything = said(heard)
        matches = ctl.screens["jobs"].model.matches
        if step == "home":
            view = ctl.screens["home"].view
            assert view is not None
            assert view.name in everything
            for code in view.skills:
                assert catalog.text(f"jobtype.{code}", Lang.ZH) in everything
        elif step in ("jobs", "jobs.page2"):
            assert texts[0] == f"为您找到 {len(matches)} 个岗位。"
            page = matches[:3] if step == "jobs" else matches[3:6]
            for match in page:
                for fact in card_facts_zh(rig, match):
                    assert fact in everything, (fact, everything)
            assert texts[-1] == "按“下一页”听更多岗位。"
            chosen[:] = [matches[3]]
        elif step == "job":
            match = chosen[0]
            job, employer = match.candidate.job, match.candidate.employer
            for fact in [
                *card_facts_zh(rig, match),
                job.address_zh,
                f"{max(1, round(match.distance_km))} 公里",
                catalog.text(f"pay.{job.pay_terms.value}", Lang.ZH),
                f"雇主信用 {employer.credit_score} 分",
            ]:
                assert fact in everything, (fact, everything)
            assert len(match.reasons) == 3
            assert texts[-1] == catalog.text("job.apply", Lang.ZH)
        elif step == "applied":
            assert texts[0] == catalog.text("job.applied", Lang.ZH)
            assert texts[1].startswith("为您找到")
        elif step == "summary":  # what, where and when, and whom to call
            job = chosen[0].candidate.job
            for fact in [*card_facts_zh(rig, chosen[0]), job.address_zh, "12333"]:
                assert fact in everything, (fact, everything)

    walk(rig, qtbot, Ears(rig.kiosk.voice, listener), check, "resident_chinese")  # type: ignore[arg-type]


def clip_names(clips: Path, files: list[Path]) -> list[str]:
    """Clip files as message names ("say.wage", "num/300"); anything else by its name."""
    return [
        str(f.relative_to(clips).with_suffix("")) if f.is_relative_to(clips) else f.name
        for f in files
    ]


def contains(heard: list[str], part: list[str]) -> bool:
    """``part`` appears in ``heard`` in a row."""
    return any(heard[i : i + len(part)] == part for i in range(len(heard) - len(part) + 1))


def test_a_tibetan_visit_can_be_followed_by_ear_from_clips(
    qtbot: QtBot, tmp_path: Path, rigs: list[Rig], listener: Listener
) -> None:
    """Every prompt recorded (generated tones): each job is heard as the clips of its
    labels, names and numbers; nothing Tibetan goes to the synthesiser; an unrecorded
    message plays the chime."""
    clips = tmp_path / "demo" / "voice" / "bo"
    catalog = Catalog(Path(__file__).resolve().parents[2] / "translations")
    unrecorded = "jobs.say_more"
    for i, name in enumerate(spoken_prompts(catalog, ["attract.tap_card"])):
        if name != unrecorded:
            write_tone(clips / f"{name}.wav", 300.0 + i, seconds=0.3)
    rig = voice_rig(qtbot, tmp_path, "both", "chime")
    rigs.append(rig)
    ctl = rig.kiosk.controller
    chosen: list[Match] = []

    def card(match: Match) -> list[list[str]]:
        job = match.candidate.job
        return [
            ["say.trade", f"jobtype.{job.job_type_code}"],
            ["say.wage", *number_clip_names(job.day_wage)],
            [
                *number_clip_names(job.starts_at.hour),
                *number_clip_names(job.ends_at.hour),
            ],
        ]

    def check(step: str, heard: Heard) -> None:
        names = clip_names(clips, heard[1])
        if step == "end":
            return  # back in the station's two languages: Tibetan clip, Chinese speech
        assert all(f.is_relative_to(clips) or f.name == "chime.wav" for f in heard[1]), names
        matches = ctl.screens["jobs"].model.matches
        if step == "home":
            assert names[0] == "session.welcome"
            view = ctl.screens["home"].view
            assert view is not None
            for code, years in view.skills.items():
                assert contains(names, ["say.skill", f"jobtype.{code}", *number_clip_names(years)])
        elif step in ("jobs", "jobs.page2"):
            assert names[:2] == ["jobs.say_count", *number_clip_names(len(matches))]
            for match in matches[:3] if step == "jobs" else matches[3:6]:
                for part in card(match):
                    assert contains(names, part), (part, names)
            assert names[-1] == "chime.wav", "the unrecorded message plays the chime"
            chosen[:] = [matches[3]]
        elif step == "job":
            match = chosen[0]
            job, employer = match.candidate.job, match.candidate.employer
            for part in [
                *card(match),
                ["say.place", *number_clip_names(max(1, round(match.distance_km)))],
                [f"pay.{job.pay_terms.value}"],
                ["job.credit", *number_clip_names(employer.credit_score)],
            ]:
                assert contains(names, part), (part, names)
            assert names[-1] == "job.apply"
        elif step == "summary":
            for part in card(chosen[0]):
                assert contains(names, part), (part, names)
            assert contains(names, ["summary.contact_hotline", *number_clip_names(12333)]) or (
                "summary.contact_hotline" in names
            )

    walk(rig, qtbot, Ears(rig.kiosk.voice, listener), check, "resident_tibetan", choose=Mode.BO)  # type: ignore[arg-type]
    service = rig.kiosk.voice.service  # type: ignore[union-attr]
    assert set(service.missed) == {unrecorded}
    # Only the station's default (Tibetan and Chinese) attract prompt at the end was
    # synthesised, in Chinese: nothing of the Tibetan-only walk went to the synthesiser.
    made = set((rig.paths.data_dir / "voice-cache").glob("*.wav"))
    attract_zh = rig.kiosk.texts.catalog.text("attract.tap_card", Lang.ZH)
    assert made == {service.synth.cached(attract_zh, "zh")}
