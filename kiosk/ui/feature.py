"""A feature is a unit: its screens, its flow, what it may say aloud, and its reset.

The composition root (``kiosk.ui.controller``) lists the features; each gets the narrow
``Shell`` and, in its constructor, the other features whose screens it attaches to. Screens
are built after the first frame (``build``), wired once all exist (``connect``), and wiped
at the end of every visit (``reset``, run by the shell).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from kiosk.ui.shell import Shell

if TYPE_CHECKING:
    from kiosk.ui.screens.base import Screen


class Feature:
    """Base of every feature; ``spoken`` lists what it may say (screen prompts, results),
    for recording coverage and the audit."""

    spoken: ClassVar[tuple[str, ...]] = ()

    def __init__(self, shell: Shell) -> None:
        self.shell = shell
        self.screens: list[Screen] = []  # what ``build`` made (set by the composition root)

    def build(self) -> list[Screen]:
        """Create this feature's screens (the root adds them to the navigation)."""
        return []

    def connect(self) -> None:
        """Wire signals, once every feature's screens exist."""

    def reset(self) -> None:
        """Forget everything shown of the visit that just ended."""

    def attached(self) -> None:
        """The store is open: ``shell.services`` is there."""
