"""A wage-arrears complaint (issue 14; TRUST.md "Pay, arrears and the unpaid-wage list").

Filed at the kiosk in three taps from an agreement (or an employer from the list, or none:
staff complete it at the market). The amount owed starts as the agreement's total and may
be changed; more than the total is questioned, never refused. A case number is given at
once, offline; a second complaint about the same agreement joins the first. Staff at the
market refer or resolve the case, and the worker hears the outcome at their next visit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from kiosk.domain.agreement import Terms, WageBasis, new_code

MAX_AMOUNT = 999_999  # yuan: what the keypad takes


class Status(Enum):
    """A case at the market."""

    OPEN = "open"
    REFERRED = "referred"
    RESOLVED = "resolved"


class Outcome(Enum):
    """What staff decided (catalog ``complaint.outcome.<value>``)."""

    PAID = "paid"  # the employer paid what was owed
    PARTLY_PAID = "partly_paid"
    REFERRED_INSPECTION = "referred_inspection"  # to labour inspection
    REFERRED_ARBITRATION = "referred_arbitration"  # to labour arbitration
    NOT_UPHELD = "not_upheld"
    WITHDRAWN = "withdrawn"

    @property
    def status(self) -> Status:
        """Referred for the two referrals, resolved otherwise."""
        return Status.REFERRED if self.value.startswith("referred") else Status.RESOLVED

    @property
    def upheld(self) -> bool:
        """The complaint was found true: the employer paid, all or part (credit counts it)."""
        return self in (Outcome.PAID, Outcome.PARTLY_PAID)


OUTCOMES = tuple(o.value for o in Outcome)


@dataclass(frozen=True)
class Draft:
    """What the worker files: about an agreement, an employer, or neither yet."""

    agreement_code: str | None
    employer_id: str | None
    employer_name: str
    amount: int | None
    period_from: dt.date | None
    period_to: dt.date | None
    promised: str


@dataclass(frozen=True)
class CaseNews:
    """A decision the worker has not yet heard here."""

    case_no: str
    status: str
    outcome: str | None

    @property
    def mark(self) -> str:
        """What ``told`` keeps: this state, so a later decision is news again."""
        return f"{self.status}:{self.outcome or ''}"


@dataclass(frozen=True)
class RightsSession:
    """One rights-desk session."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    who: str
    place: str


def total(terms: Terms) -> int:
    """Everything the agreement promised: the day wage times the days, or the whole wage."""
    return terms.wage * terms.days if terms.wage_basis is WageBasis.DAY else terms.wage


def promised(terms: Terms) -> str:
    """What was promised, as staff at the market read it (not shown at the kiosk)."""
    basis = "a day" if terms.wage_basis is WageBasis.DAY else "in all"
    when = terms.pay_when.value + (f" {terms.pay_by.isoformat()}" if terms.pay_by else "")
    return f"{terms.wage} yuan {basis}, {terms.days} day(s), paid {when}"


def of_terms(terms: Terms, employer_id: str | None) -> Draft:
    """A complaint about a signed agreement: its employer, total, period and promise."""
    return Draft(
        terms.code,
        employer_id,
        terms.employer.name,
        total(terms),
        terms.start_date,
        terms.end_date,
        promised(terms),
    )


def questioned(amount: int | None, most: int | None) -> bool:
    """An amount above the agreement's total: asked about again, not refused."""
    return amount is not None and most is not None and amount > most


def new_case_no() -> str:
    """A case number given offline (``K7PD-3XQM``: 40 random bits, read off the receipt)."""
    return new_code()
