"""A complaint's words, one source for the screens, the voice and the receipt: each a whole
catalog message with values (names and dates as values, never spliced)."""

from __future__ import annotations

import datetime as dt

from kiosk.domain.complaint import CaseNews, Draft, RightsSession
from kiosk.services.complaints import Filed
from kiosk.ui.agreement.sections import date_ref
from kiosk.ui.jobs.facts import day_ref
from kiosk.ui.texts import Message


def who(draft: Draft) -> Message:
    """The employer complained about, or that staff will name them."""
    if draft.employer_name:
        return ("complaint.who", None, {"employer": draft.employer_name})
    return ("complaint.who_unknown", None, {})


def amount(draft: Draft) -> Message:
    """What is owed, or that staff will ask."""
    if draft.amount is None:
        return ("complaint.amount_unknown", None, {})
    return ("complaint.amount", None, {"amount": draft.amount})


def period(draft: Draft) -> Message | None:
    """The days of work, when known."""
    if draft.period_from is None or draft.period_to is None:
        return None
    return (
        "complaint.period",
        None,
        {"start": date_ref(draft.period_from), "end": date_ref(draft.period_to)},
    )


def summary(draft: Draft) -> list[Message]:
    """The complaint as confirmed: who, which days, how much."""
    said = period(draft)
    return [who(draft), *([said] if said else []), amount(draft)]


def session(found: RightsSession | None, today: dt.date, hours: str) -> Message:
    """The rights desk's next session (who, when, where), or its usual hours."""
    if found is None:
        return ("rights.hours", None, {"hours": hours})
    return (
        "rights.next",
        None,
        {
            "day": day_ref(found.starts_at.date(), today),
            "start": f"{found.starts_at:%H:%M}",
            "end": f"{found.ends_at:%H:%M}",
            "who": found.who,
            "place": found.place,
        },
    )


def case(case_no: str) -> Message:
    """The case number, as printed (letters and digits, read one by one)."""
    return ("complaint.case", None, {"case": case_no})


def outcome(news: CaseNews) -> list[Message]:
    """What the market decided, in words."""
    said: list[Message] = [("complaint.news_title", None, {"case": news.case_no})]
    if news.outcome:
        said.append((f"complaint.outcome.{news.outcome}", None, {}))
    return said


def receipt(filed: Filed, when: dt.datetime, desk: Message, station: str) -> list[Message]:
    """The printed receipt, title first."""
    return [
        ("complaint.receipt_title", None, {}),
        case(filed.case_no),
        *([("complaint.joined", None, {})] if filed.joined else []),
        ("complaint.filed_at", None, {"when": f"{when:%Y-%m-%d %H:%M}", "station": station}),
        *summary(filed.draft),
        desk,
        ("complaint.hotline", None, {}),
        ("complaint.next_visit", None, {}),
    ]


def spaced(case_no: str) -> str:
    """A code with its characters apart, so the voice reads them one by one."""
    return " ".join(case_no)
