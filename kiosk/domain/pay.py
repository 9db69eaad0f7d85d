"""After the job: was the worker paid? (issue 14, TRUST.md: pay at most every 15 days.)

A worker with a signed agreement whose pay date has passed is asked, at their next tap,
before anything else: paid in full, partly, or not paid. Pure: the date comes from the
caller's clock; the terms come from the signed document the kiosk keeps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from kiosk.domain.agreement import PayWhen, Terms, WageBasis


class PayAnswer(Enum):
    """What the worker says of the pay an agreement promised."""

    PAID = "paid"  # in full
    PARTLY = "partly"
    UNPAID = "unpaid"


ANSWERS = tuple(a.value for a in PayAnswer)


def pay_due(terms: Terms) -> dt.date:
    """The last day the agreement allows for paying (the same day and on completion: the
    last day of work; by a date: that date)."""
    if terms.pay_when is PayWhen.BY_DATE and terms.pay_by is not None:
        return terms.pay_by
    return terms.end_date


def ask(terms: Terms, today: dt.date) -> bool:
    """Whether to ask today: the pay date has passed (the day after it, at the earliest)."""
    return today > pay_due(terms)


@dataclass(frozen=True)
class PayQuestion:
    """One agreement to ask about, in the words the worker knows it by."""

    code: str
    employer_name: str
    trade_code: str
    start_date: dt.date
    end_date: dt.date
    wage: int
    per_day: bool
    due: dt.date
    desk: str  # where help is: the rights desk the agreement names, and its hours
    desk_hours: str

    @classmethod
    def of(cls, terms: Terms) -> PayQuestion:
        """The question for an agreement's terms."""
        return cls(
            terms.code,
            terms.employer.name,
            terms.trade_code,
            terms.start_date,
            terms.end_date,
            terms.wage,
            terms.wage_basis is WageBasis.DAY,
            pay_due(terms),
            terms.disputes.desk,
            terms.disputes.desk_hours,
        )
