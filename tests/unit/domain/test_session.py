"""The idle rule: warn, count down at least 20 s, extend with one action, then end."""

from __future__ import annotations

import pytest

from kiosk.domain.session import IdlePolicy, Phase, SessionClock, Transition


def started(idle: float = 60, warning: float = 30) -> SessionClock:
    clock = SessionClock(IdlePolicy(idle_seconds=idle, warning_seconds=warning))
    clock.start(0.0)
    return clock


def test_no_warning_before_the_idle_time() -> None:
    clock = started()
    assert clock.tick(59.9) is Transition.NONE
    assert clock.phase is Phase.ACTIVE


def test_warning_starts_at_the_idle_time_with_full_countdown() -> None:
    clock = started()
    assert clock.tick(60.0) is Transition.WARNING_STARTED
    assert clock.seconds_left(60.0) == 30


def test_input_while_active_restarts_the_idle_time() -> None:
    clock = started()
    clock.touch(50.0)
    assert clock.tick(100.0) is Transition.NONE
    assert clock.tick(110.0) is Transition.WARNING_STARTED


def test_a_stray_touch_during_the_warning_does_not_cancel_it() -> None:
    clock = started()
    clock.tick(60.0)
    clock.touch(70.0)
    assert clock.phase is Phase.WARNING
    assert clock.tick(90.0) is Transition.EXPIRED


def test_continue_gives_the_full_idle_time_again() -> None:
    clock = started()
    clock.tick(60.0)
    clock.extend(75.0)
    assert clock.phase is Phase.ACTIVE
    assert clock.tick(134.0) is Transition.NONE
    assert clock.tick(135.0) is Transition.WARNING_STARTED


def test_session_expires_when_the_countdown_ends() -> None:
    clock = started()
    clock.tick(60.0)
    assert clock.tick(89.9) is Transition.NONE
    assert clock.tick(90.0) is Transition.EXPIRED
    assert clock.phase is Phase.IDLE


def test_no_ticks_act_without_a_session() -> None:
    clock = SessionClock(IdlePolicy())
    assert clock.tick(10_000.0) is Transition.NONE


@pytest.mark.parametrize("warning", [0, 5, 19.9])
def test_policy_refuses_a_warning_under_20_seconds(warning: float) -> None:
    with pytest.raises(ValueError, match="20"):
        IdlePolicy(idle_seconds=60, warning_seconds=warning)
