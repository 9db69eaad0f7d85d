"""An agreement's terms as sections of catalog messages with values: one source for what
the signing screens show, what is read aloud and what is printed (each section in every
language shown, never spliced from fragments)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.domain.agreement import Change, PayWhen, SignedAgreement, Terms, WageBasis
from kiosk.i18n import Ref
from kiosk.ui.texts import Message

SECTIONS = ("parties", "work", "time", "pay", "provided", "safety", "ending", "disputes")
PROVIDED = ("tools", "meals", "transport")


@dataclass(frozen=True)
class Section:
    """A heading and its lines."""

    name: str
    lines: tuple[Message, ...]

    @property
    def heading(self) -> Message:
        """The section's title."""
        return (f"agreement.section.{self.name}", None, {})


def date_ref(day: dt.date) -> Ref:
    """A date written out in each language."""
    return Ref.to("agreement.date", y=day.year, m=day.month, d=day.day)


def _msg(msgid: str, **fmt: object) -> Message:
    return (msgid, None, dict(fmt))


def sections(terms: Terms, changes: tuple[Change, ...] = ()) -> list[Section]:
    """Every section of the terms, in reading order (the changes, when any, last)."""
    w, e = terms.worker, terms.employer
    paid = {
        PayWhen.SAME_DAY: Ref("agreement.paid.same_day"),
        PayWhen.ON_COMPLETION: Ref("agreement.paid.on_completion"),
        PayWhen.BY_DATE: Ref.to("agreement.paid.by_date", date=date_ref(terms.pay_by))
        if terms.pay_by
        else Ref("agreement.paid.on_completion"),
    }[terms.pay_when]
    wage = "agreement.wage_day" if terms.wage_basis is WageBasis.DAY else "agreement.wage_job"
    insurance = (
        _msg("agreement.insurance_yes", policy=terms.insurance_policy)
        if terms.insurance_policy
        else _msg("agreement.insurance_no")
    )
    d = terms.disputes
    out = [
        Section(
            "parties",
            (
                _msg("agreement.worker", name=w.name, id=w.id_masked, phone=w.phone)
                if w.phone
                else _msg("agreement.worker_no_phone", name=w.name, id=w.id_masked),
                _msg(
                    f"agreement.employer_{e.kind}",
                    name=e.name,
                    id=e.id_or_code,
                    phone=e.phone,
                    address=e.address,
                ),
            ),
        ),
        Section(
            "work",
            (
                _msg("agreement.trade", trade=Ref(f"jobtype.{terms.trade_code}")),
                _msg("agreement.content", content=terms.work_content),
                _msg("agreement.place", place=terms.place),
            ),
        ),
        Section(
            "time",
            (
                _msg(
                    "agreement.dates",
                    start=date_ref(terms.start_date),
                    end=date_ref(terms.end_date),
                    days=terms.days,
                ),
                _msg(
                    "agreement.hours",
                    start=terms.start_time.strftime("%H:%M"),
                    end=terms.end_time.strftime("%H:%M"),
                    rest=terms.rest_minutes,
                    hours=f"{terms.hours_per_day:g}",
                ),
            ),
        ),
        Section("pay", (_msg(wage, wage=terms.wage, paid=paid),)),
        Section(
            "provided",
            tuple(
                _msg(f"agreement.{what}", who=Ref(f"agreement.provider.{who.value}"))
                for what, who in zip(
                    PROVIDED, (terms.tools, terms.meals, terms.transport), strict=True
                )
            ),
        ),
        Section("safety", (_msg("agreement.safety"), insurance)),
        Section("ending", (_msg("agreement.ending"),)),
        Section(
            "disputes",
            (
                _msg("agreement.disputes_desk", desk=d.desk, hours=d.desk_hours),
                _msg("agreement.disputes_phones", hotline=d.hotline, phone=d.inspection_phone)
                if d.inspection_phone
                else _msg("agreement.disputes_hotline", hotline=d.hotline),
            ),
        ),
    ]
    if changes:
        out.append(Section("changes", tuple(_change(c) for c in changes)))
    return out


def _change(change: Change) -> Message:
    def shown(value: object) -> object:
        if isinstance(value, dt.date):
            return date_ref(value)
        if isinstance(value, dt.time):
            return value.strftime("%H:%M")
        return value

    return _msg(
        "agreement.change",
        what=Ref(f"agreement.term.{change.name}"),
        before=shown(change.before),
        after=shown(change.after),
    )


def signer_line(agreement: SignedAgreement, role: str) -> Message:
    """Who signed, how their identity was confirmed, and when."""
    signer = agreement.worker if role == "worker" else agreement.employer
    at = signer.at
    return _msg(
        f"agreement.signed_{role}",
        how=Ref(f"agreement.how.{signer.method}"),
        date=date_ref(at.date()),
        time=at.strftime("%H:%M"),
    )
