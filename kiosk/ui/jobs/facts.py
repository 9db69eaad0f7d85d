"""A job's facts as catalog messages with values: one source for what a card and the job
detail show and for what the voice says, so the eye and the ear get the same facts.

Each message is whole and translated on its own (names and dates are :class:`Ref` values,
never spliced). A spoken message carries one label and its values, so a Tibetan clip of the
label is followed by the clips of its values (``kiosk.voice.prompts``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kiosk.domain.credit import level
from kiosk.domain.entities import Duration, Job
from kiosk.domain.matching import Match, Reason
from kiosk.i18n import Ref
from kiosk.ui.texts import Message


def day_ref(day: dt.date, today: dt.date) -> Ref:
    """Today, tomorrow, the weekday within the coming week ("Saturday"), or the weekday
    and the date further on, in words."""
    if day == today:
        return Ref("date.today")
    if day == today + dt.timedelta(days=1):
        return Ref("date.tomorrow")
    if today < day < today + dt.timedelta(days=7):
        return Ref(f"weekday.{day.weekday()}")
    return Ref.to(
        "date.weekday_date", weekday=Ref(f"weekday.{day.weekday()}"), month=day.month, day=day.day
    )


def day(match: Match, today: dt.date) -> Message:
    """The day alone, in words (a card puts the hours on their own line)."""
    ref = day_ref(match.candidate.job.starts_at.date(), today)
    return (ref.msgid, None, dict(ref.values))


def hours(match: Match) -> str:
    """The hours in digits, the same in every language: "07:00–16:00"."""
    job = match.candidate.job
    return f"{job.starts_at:%H:%M}–{job.ends_at:%H:%M}"


def when(match: Match, today: dt.date) -> Message:
    """The day in words and the hours, as shown."""
    return when_job(match.candidate.job, today)


def when_job(job: Job, today: dt.date) -> Message:
    """``when`` for a job without its match (an application)."""
    return (
        "job.when",
        None,
        {
            "day": day_ref(job.starts_at.date(), today),
            "start": f"{job.starts_at:%H:%M}",
            "end": f"{job.ends_at:%H:%M}",
        },
    )


def spoken_when(match: Match, today: dt.date) -> Message:
    """The day and the hours as numbers a clip can read ("from 7 to 16 o'clock")."""
    return spoken_job_when(match.candidate.job, today)


def spoken_job_when(job: Job, today: dt.date) -> Message:
    """``spoken_when`` for a job without its match (an application)."""
    day = day_ref(job.starts_at.date(), today)
    start, end = job.starts_at, job.ends_at
    if start.minute or end.minute:
        values = {"start": start.hour, "start_min": start.minute, "end": end.hour}
        return ("say.when_minutes", None, {"day": day, **values, "end_min": end.minute})
    return ("say.when", None, {"day": day, "start": start.hour, "end": end.hour})


def duration(match: Match) -> Message:
    """Half a day, one day, or N days: against the fear of a "fixed" job."""
    job = match.candidate.job
    if job.duration is Duration.HALF_DAY:
        return ("duration.half_day", None, {})
    if job.duration is Duration.ONE_DAY:
        return ("duration.one_day", None, {})
    return ("duration.multi_day", (job.ends_at.date() - job.starts_at.date()).days + 1, {})


def km(match: Match) -> int:
    """The distance every screen quotes (whole kilometres, at least 1)."""
    return max(1, round(match.distance_km))


def distance(match: Match) -> Message:
    """How far, from the station or from the place the worker chose."""
    return ("job.km" if match.from_station else "job.km_chosen", None, {"km": km(match)})


def wage(match: Match) -> Message:
    """The wage in words: a day's or half a day's."""
    job = match.candidate.job
    msgid = "say.wage_half_day" if job.duration is Duration.HALF_DAY else "say.wage"
    return (msgid, None, {"wage": job.day_wage})


def trade(match: Match) -> Message:
    """The trade's name."""
    return ("say.trade", None, {"trade": Ref(f"jobtype.{match.candidate.job.job_type_code}")})


def pay_terms(match: Match) -> Message:
    """When the wage is paid."""
    return (f"pay.{match.candidate.job.pay_terms.value}", None, {})


def credit(match: Match) -> Message:
    """The employer's credit on its scale, with the word of its level (the published
    rule, ``kiosk.domain.credit``)."""
    employer = match.candidate.employer
    score = employer.credit_score
    _level, word = level(score, listed=employer.on_arrears_list)
    return ("job.credit", None, {"score": score, "word": Ref(word)})


def card_pay(match: Match) -> Message:
    """When the wage is paid, with the employer's unpaid-wage record when it has one, else
    its credit level in a word, as a card shows them."""
    employer = match.candidate.employer
    pay = Ref(f"pay.{match.candidate.job.pay_terms.value}")
    if employer.unpaid_wage_cases:
        return ("job.card_pay_unpaid", employer.unpaid_wage_cases, {"pay": pay})
    _level, word = level(employer.credit_score, listed=employer.on_arrears_list)
    return ("job.card_pay", None, {"pay": pay, "word": Ref(word)})


def rated(match: Match) -> Message | None:
    """What workers said of the employer after agreements, as counts in words."""
    employer = match.candidate.employer
    good, ok, bad = employer.rated
    total = good + ok + bad
    if not total:
        return None
    values = {"good": good, "ok": ok, "bad": bad, "on_time": employer.paid_on_time}
    return ("job.rated", total, values)


def unpaid(match: Match) -> Message | None:
    """The employer's unpaid-wage record, if any."""
    n = match.candidate.employer.unpaid_wage_cases
    return ("job.unpaid", n, {}) if n else None


def reason(item: Reason) -> Message:
    """One reason the job was offered."""
    values: dict[str, Any] = {k: v for k, v in item.values.items() if k != "job_type"}
    if item.message_id == "reason.skill":
        return ("reason.skill", int(values["years"]), {})
    if item.message_id == "reason.soon":
        return ("reason.soon", None, {})
    return (item.message_id, None, values)


def place(match: Match) -> Message:
    """Where, spoken: the address (read in Chinese; a Tibetan clip says the label) and how
    far."""
    job = match.candidate.job
    msgid = "say.place" if match.from_station else "say.place_chosen"
    return (msgid, None, {"address": job.address_zh, "km": km(match)})


def spoken_card(match: Match, today: dt.date) -> list[Message]:
    """What a card's speaker button says: the record first if it is bad, then the job."""
    warning = unpaid(match)
    return [
        *([warning] if warning else []),
        trade(match),
        wage(match),
        spoken_when(match, today),
        duration(match),
        place(match),
    ]


def cover(match: Match) -> Message:
    """The employer's accident cover: insurer, sum a person and the claim line, or none."""
    policy = match.candidate.job.cover
    if policy is None:
        return ("job.cover_no", None, {})
    values = {"insurer": policy.insurer, "sum": policy.sum_insured, "phone": policy.claim_phone}
    return ("job.cover_yes", None, values)


def spoken_detail(match: Match, today: dt.date) -> list[Message]:
    """Everything the job detail says: the card, then pay terms, cover, credit, reasons."""
    return [
        *spoken_card(match, today),
        pay_terms(match),
        cover(match),
        credit(match),
        *([said] if (said := rated(match)) else []),
        *(reason(r) for r in match.reasons),
    ]
