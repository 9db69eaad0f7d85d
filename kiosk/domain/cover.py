"""Accident cover a job can carry (零工保, issue 16): the employer's own policy, shown on the
job's detail and written into the agreement. TRUST.md: no Tibet product was found and the
national occupational-injury scheme does not reach renovation, moving or cleaning work, so
the kiosk shows the employer's cover when there is one and never assumes any.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MAX_SUM = 10_000_000  # yuan a person; far above any day-work policy
MAX_TEXT = 64


@dataclass(frozen=True)
class Cover:
    """The employer's accident policy for the job's workers."""

    insurer: str
    policy_no: str
    sum_insured: int  # yuan, per person
    claim_phone: str  # the insurer's number for reporting an accident

    @classmethod
    def from_wire(cls, value: Any) -> Cover | None:
        """A job's ``cover`` as it travels (None: none, or one that breaks the rule)."""
        if not isinstance(value, Mapping) or cover_problem(value) is not None:
            return None
        return cls(
            str(value["insurer"]),
            str(value["policy_no"]),
            int(value["sum_insured"]),
            str(value["claim_phone"]),
        )

    @property
    def policy_line(self) -> str:
        """The policy as the agreement names it (its number, insurer, sum and claim line)."""
        return (
            f"{self.policy_no}（{self.insurer}，每人保额 {self.sum_insured} 元，"
            f"报案电话 {self.claim_phone}）"
        )


def cover_problem(value: Any) -> str | None:  # noqa: PLR0911 - one answer per rule
    """What is wrong with a job's ``cover`` (None: nothing, or no cover at all)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        return "the cover must name insurer, policy_no, sum_insured and claim_phone"
    for name in ("insurer", "policy_no"):
        text = value.get(name)
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
            return f"the cover's {name} must be 1 to {MAX_TEXT} characters"
    amount = value.get("sum_insured")
    if not isinstance(amount, int) or isinstance(amount, bool) or not 1 <= amount <= MAX_SUM:
        return f"the sum insured must be whole yuan from 1 to {MAX_SUM}, not {amount!r}"
    phone = value.get("claim_phone")
    if not isinstance(phone, str) or not 3 <= len(phone) <= 20:
        return "the claim phone must be 3 to 20 digits"
    if not all(c.isdigit() or c == "-" for c in phone):
        return "the claim phone must be 3 to 20 digits"
    return None
