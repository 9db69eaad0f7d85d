"""What staff follow up at their station (issue 14): open complaints filed here, agreements
whose worker said "not paid" (and not paid since), and agreements not yet printed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    """One line on the staff screen: a case or agreement code, whose (masked), with whom,
    since when, and (complaints) how much and where it stands."""

    code: str
    worker: str
    employer: str
    when: dt.datetime
    amount: int | None = None
    state: str = ""


@dataclass(frozen=True)
class FollowUp:
    """The three lists, oldest first."""

    complaints: list[Item] = field(default_factory=list)
    not_paid: list[Item] = field(default_factory=list)
    to_print: list[Item] = field(default_factory=list)
