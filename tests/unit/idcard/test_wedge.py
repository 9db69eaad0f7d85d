"""Scanner bursts are told from human typing by the time between keys."""

from __future__ import annotations

from kiosk.idcard.wedge import WedgeDecoder


def feed(decoder: WedgeDecoder, text: str, start: float, gap: float) -> list[str]:
    out = []
    for i, ch in enumerate(text):
        payload = decoder.key(ch, start + i * gap)
        if payload is not None:
            out.append(payload)
    return out


def test_a_fast_burst_ending_in_enter_is_a_scan() -> None:
    assert feed(WedgeDecoder(), "GK7Q2M9X\r", 0.0, 0.004) == ["GK7Q2M9X"]


def test_human_typing_is_not_a_scan() -> None:
    assert feed(WedgeDecoder(), "GK7Q2M9X\r", 0.0, 0.12) == []


def test_short_bursts_and_stray_enters_are_ignored() -> None:
    decoder = WedgeDecoder(min_length=4)
    assert feed(decoder, "AB\r", 0.0, 0.004) == []
    assert feed(decoder, "\r", 5.0, 0.004) == []


def test_a_pause_mid_burst_starts_over() -> None:
    decoder = WedgeDecoder()
    assert feed(decoder, "1234", 0.0, 0.004) == []
    assert feed(decoder, "567890\r", 1.0, 0.004) == ["567890"]


def test_characters_outside_the_safe_set_break_a_payload() -> None:
    assert feed(WedgeDecoder(), "AB€CD\r", 0.0, 0.004) == []
