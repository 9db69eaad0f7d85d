"""How places on a job are counted: one rule for the kiosk and the market server.

A job offers ``slots_total`` places. ``slots_taken`` counts the workers the employer *hired*
(confirmed), never mere applicants: an application does not take a place, because the
employer chooses among those who applied. So places left = places offered - hired; a job
with none left is full (the market refuses further applications with ``full``, the kiosk no
longer offers it). Applicants are counted and shown to the worker beside the places left
("3 places left, 5 applied"), and the fairness rule uses them, but they never close a job.
"""

from __future__ import annotations


def places_left(offered: int, hired: int) -> int:
    """Places still open (never negative)."""
    return max(0, offered - hired)


def is_full(offered: int, hired: int) -> bool:
    """No place left: not offered at the kiosk, refused as ``full`` by the market."""
    return places_left(offered, hired) == 0
