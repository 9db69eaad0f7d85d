"""The filing steps and their choices, as data (no Qt): what the wizard asks, in order."""

from __future__ import annotations

STEPS = ("consent", "skills", "years", "wage", "when", "area", "phone", "language", "confirm")
TITLES = tuple(f"filing.{step}_title" for step in STEPS)  # each step's spoken title
NO_HINT = ("area",)  # steps whose choices need the room of the hint line
AREAS = ("gongdelin", "jinzhuxilu", "gamagongsang", "market", "anywhere")
YEAR_CHOICES = (0, 2, 5, 10)  # stored as years; shown as ranges
PER_PAGE = 6
LANGUAGE_IDS = {"both": "lang.both", "bo": "lang.bo", "zh": "lang.zh"}
