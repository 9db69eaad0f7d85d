"""The pay question's rules: asked the day after the pay date at the earliest; the answer
travels as a payload that checks itself."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.domain.agreement import PayWhen, WageBasis
from kiosk.domain.pay import PayAnswer, PayQuestion, ask, pay_due
from kiosk.domain.registry import PayConfirm, PayloadError
from tests.unit.domain.test_agreement import TODAY, terms

DAY = dt.timedelta(days=1)


def test_same_day_pay_is_asked_about_from_the_next_day() -> None:
    t = terms(end_date=TODAY + DAY)
    assert pay_due(t) == TODAY + DAY
    assert not ask(t, TODAY + DAY)  # the evening of the last day: not yet
    assert ask(t, TODAY + 2 * DAY)


def test_pay_by_a_date_is_asked_about_after_that_date() -> None:
    t = terms(pay_when=PayWhen.BY_DATE, pay_by=TODAY + 10 * DAY)
    assert pay_due(t) == TODAY + 10 * DAY
    assert not ask(t, TODAY + 10 * DAY)
    assert ask(t, TODAY + 11 * DAY)


def test_the_question_names_the_agreement_as_the_worker_knows_it() -> None:
    q = PayQuestion.of(terms(wage_basis=WageBasis.JOB, wage=3000, end_date=TODAY + 14 * DAY))
    assert (q.code, q.employer_name, q.trade_code, q.wage, q.per_day) == (
        "K7PD-3XQM",
        "拉萨吉祥商贸有限公司",
        "banyun",
        3000,
        False,
    )
    assert (q.desk, q.desk_hours) == ("城关区零工市场劳动维权窗口", "09:30-18:00")


@pytest.mark.parametrize(
    ("code", "answer", "field"),
    [("K7PD-3XQ", "paid", "agreement_code"), ("K7PD-3XQM", "maybe", "answer")],
)
def test_a_pay_answer_checks_itself(code: str, answer: str, field: str) -> None:
    with pytest.raises(PayloadError) as err:
        PayConfirm("a1", code, "w1", answer).check()
    assert field in str(err.value)
    PayConfirm("a1", "K7PD-3XQM", "w1", PayAnswer.UNPAID.value).check()
