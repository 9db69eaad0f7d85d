"""What staff follow up at the station (the staff screen's lists, issue 14)."""

from __future__ import annotations

from typing import Protocol

from kiosk.domain.followup import FollowUp


class FollowUpReader(Protocol):
    """Where the lists come from (``kiosk.store.followup.FollowUpRepository`` fits)."""

    def follow_up(self) -> FollowUp:
        """Open complaints, not-paid agreements, agreements not printed."""
        ...
