"""The idle rule of a worker's session, as a pure state machine driven by a clock.

WCAG 2.2.1: a person is warned before the session ends and can extend it with one action
for at least 20 seconds. The UI feeds input events and clock ticks in; this class decides.
Keeping it free of Qt lets tests step time exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

MIN_WARNING_SECONDS = 20
# [session] idle_seconds: the config checks them, the technician's screen steps within them.
MIN_IDLE_SECONDS, MAX_IDLE_SECONDS = 15, 3600


class Phase(Enum):
    """Where the session stands."""

    IDLE = "idle"  # no session: the attract screen
    ACTIVE = "active"
    WARNING = "warning"  # countdown shown, waiting for "continue"


class Transition(Enum):
    """What a tick changed, for the UI to act on."""

    NONE = "none"
    WARNING_STARTED = "warning_started"
    EXPIRED = "expired"


@dataclass(frozen=True)
class IdlePolicy:
    """How long a session may sit untouched, and how long the warning lasts."""

    idle_seconds: float = 90.0
    warning_seconds: float = 30.0

    def __post_init__(self) -> None:
        if self.warning_seconds < MIN_WARNING_SECONDS:
            raise ValueError(f"warning must last at least {MIN_WARNING_SECONDS} s (WCAG 2.2.1)")
        if self.idle_seconds <= 0:
            raise ValueError("idle time must be positive")


class SessionClock:
    """Tracks the last input of the current session and says when to warn and end."""

    def __init__(self, policy: IdlePolicy) -> None:
        self.policy = policy
        self.phase = Phase.IDLE
        self._last_input = 0.0
        self._warning_since = 0.0

    def start(self, now: float) -> None:
        """Begin a session (a card was tapped, or staff opened one)."""
        self.phase = Phase.ACTIVE
        self._last_input = now

    def end(self) -> None:
        """End the session: back to the attract screen."""
        self.phase = Phase.IDLE

    def touch(self, now: float) -> None:
        """Note input. During the warning only ``extend`` counts, so a stray tap cannot."""
        if self.phase is Phase.ACTIVE:
            self._last_input = now

    def extend(self, now: float) -> None:
        """The person pressed "continue": the full idle time starts again."""
        if self.phase in (Phase.ACTIVE, Phase.WARNING):
            self.phase = Phase.ACTIVE
            self._last_input = now

    def tick(self, now: float) -> Transition:
        """Advance to ``now`` and report the change, if any."""
        if self.phase is Phase.ACTIVE and now - self._last_input >= self.policy.idle_seconds:
            self.phase = Phase.WARNING
            self._warning_since = now
            return Transition.WARNING_STARTED
        if self.phase is Phase.WARNING and self.seconds_left(now) <= 0:
            self.phase = Phase.IDLE
            return Transition.EXPIRED
        return Transition.NONE

    def seconds_left(self, now: float) -> float:
        """Seconds of warning left (0 outside the warning)."""
        if self.phase is not Phase.WARNING:
            return 0.0
        return max(0.0, self.policy.warning_seconds - (now - self._warning_since))
