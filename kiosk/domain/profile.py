"""Profile filing (信息建档): what a worker chooses at the kiosk, and its rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PHONE = re.compile(r"^1[3-9]\d{9}$")  # mainland mobile numbers
WAGE_CHOICES = (150, 200, 250, 300, 350, 400)
AVAILABILITY = ("today", "tomorrow", "week", "half_days")
LANGUAGES = ("both", "bo", "zh")
MAX_SKILLS = 5


def phone_problem(digits: str) -> str | None:
    """Why ``digits`` is not a mobile number ("length", "prefix"), or None."""
    if len(digits) != 11 or not digits.isdigit():
        return "length"
    if not PHONE.match(digits):
        return "prefix"
    return None


@dataclass
class ProfileDraft:
    """The worker's choices while filing; nothing is stored until they confirm."""

    skills: dict[str, int] = field(default_factory=dict)  # job type -> years
    expected_wage: int | None = None
    availability: str = "week"
    phone: str | None = None
    language: str = "both"
    area: str | None = None  # a place code (station or market); None: anywhere

    def toggle_skill(self, code: str) -> bool:
        """Choose or unchoose a trade; False when the limit is reached."""
        if code in self.skills:
            del self.skills[code]
            return True
        if len(self.skills) >= MAX_SKILLS:
            return False
        self.skills[code] = 0
        return True

    def problems(self) -> list[str]:
        """What still stops saving (message ids)."""
        out = []
        if not self.skills:
            out.append("filing.need_skill")
        if self.phone is not None and phone_problem(self.phone):
            out.append("error.phone_invalid")
        return out
