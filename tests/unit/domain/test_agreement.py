"""The agreement's terms and rules: what may be signed, what staff may change (and that each
change shows), and a fingerprint that changes with any term or any stroke."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kiosk.domain.agreement import (
    CODE,
    Disputes,
    EmployerParty,
    PayWhen,
    Provider,
    SignedAgreement,
    SignerRecord,
    Terms,
    WageBasis,
    WorkerParty,
    amend,
    canonical,
    changes,
    fingerprint,
    new_code,
    problems,
    verify_address,
)
from kiosk.domain.signature import NotASignatureError, Point, Signature, check
from kiosk.domain.timeutil import LHASA_TZ

TODAY = dt.date(2026, 12, 2)


def terms(**kw: object) -> Terms:
    base = Terms(
        code="K7PD-3XQM",
        job_id="job-1",
        application_id="app-1",
        worker=WorkerParty("扎西次仁", "540102********1234", "13908901234"),
        employer=EmployerParty(
            "拉萨吉祥商贸有限公司", "company", "91540100MA6T****0X", "13989001122", "金珠西路 88 号"
        ),
        trade_code="banyun",
        work_content="搬家 三楼",
        place="嘎玛贡桑街道纳金路74号",
        start_date=TODAY,
        end_date=TODAY,
        start_time=dt.time(9, 0),
        end_time=dt.time(18, 0),
        rest_minutes=60,
        wage=220,
        wage_basis=WageBasis.DAY,
        pay_when=PayWhen.SAME_DAY,
        pay_by=None,
        tools=Provider.EMPLOYER,
        meals=Provider.NOBODY,
        transport=Provider.NOBODY,
        insurance_policy=None,
        disputes=Disputes("城关区零工市场劳动维权窗口", "09:30-18:00", "0891-0000000"),
        station_code="gongdelin",
        terminal="kiosk-1",
    )
    return dataclasses.replace(base, **kw)  # type: ignore[arg-type]


def codes(t: Terms) -> list[str]:
    return [p.code for p in problems(t, min_hourly=18, today=TODAY)]


def test_a_plain_day_job_may_be_signed() -> None:
    assert codes(terms()) == []
    assert terms().hours_per_day == 8
    assert terms(end_date=TODAY + dt.timedelta(days=2)).days == 3


def test_a_wage_below_the_hourly_minimum_times_the_hours_is_refused_with_the_floor() -> None:
    found = problems(terms(wage=143), min_hourly=18, today=TODAY)
    assert [(p.code, p.values) for p in found] == [("wage_minimum", {"floor": 144, "hourly": 18})]
    assert codes(terms(wage=144)) == []
    # A wage for the whole job covers every day of it.
    three_days = terms(end_date=TODAY + dt.timedelta(days=2), wage_basis=WageBasis.JOB)
    assert codes(dataclasses.replace(three_days, wage=431)) == ["wage_minimum"]
    assert codes(dataclasses.replace(three_days, wage=432)) == []


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"end_date": TODAY - dt.timedelta(days=1)}, "dates_order"),
        ({"end_date": TODAY + dt.timedelta(days=200)}, "dates_span"),
        ({"start_date": TODAY - dt.timedelta(days=8), "end_date": TODAY}, "start_past"),
        ({"end_time": dt.time(8, 0)}, "hours"),
        ({"start_time": dt.time(5, 0), "end_time": dt.time(19, 0)}, "hours"),
        ({"pay_when": PayWhen.BY_DATE, "pay_by": None}, "pay_by"),
        ({"pay_when": PayWhen.BY_DATE, "pay_by": TODAY + dt.timedelta(days=16)}, "pay_by"),
        (
            {"pay_when": PayWhen.ON_COMPLETION, "end_date": TODAY + dt.timedelta(days=20)},
            "pay_cycle",
        ),
        ({"work_content": "  "}, "work_content"),
        ({"insurance_policy": " "}, "insurance_policy"),
    ],
)
def test_each_broken_rule_is_named(change: dict[str, object], code: str) -> None:
    assert code in codes(terms(**change))


def test_parties_need_names_phones_and_an_address() -> None:
    bad = terms(
        worker=dataclasses.replace(terms().worker, name=" ", phone="123"),
        employer=dataclasses.replace(terms().employer, phone="", address="", id_or_code=""),
    )
    assert codes(bad) == [
        "worker_name",
        "worker_phone",
        "employer_id",
        "employer_phone",
        "employer_address",
    ]
    assert codes(terms(pay_when=PayWhen.BY_DATE, pay_by=TODAY + dt.timedelta(days=15))) == []
    no_phone = terms(worker=dataclasses.replace(terms().worker, phone=""))
    assert codes(no_phone) == [], "not every worker has a phone"


def test_staff_change_only_what_was_agreed_differently_and_each_change_shows() -> None:
    posted = terms()
    signed = amend(posted, wage=240, end_time=dt.time(17, 30))
    assert [(c.name, c.before, c.after) for c in changes(posted, signed)] == [
        ("wage", 220, 240),
        ("end_time", dt.time(18, 0), dt.time(17, 30)),
    ]
    with pytest.raises(ValueError, match="place"):
        amend(posted, place="somewhere else")


def sig(points: list[tuple[int, int, int]], width: int = 900) -> Signature:
    return Signature((tuple(Point(x, y, t) for x, y, t in points),), width, 300)


def scribble() -> Signature:
    return sig([(100 + i * 10, 150 + (i % 7) * 12, i * 15) for i in range(40)])


def test_the_fingerprint_changes_with_any_term_or_any_stroke() -> None:
    at = dt.datetime(2026, 12, 2, 9, 30, tzinfo=LHASA_TZ)
    worker = SignerRecord("worker", "card", "a" * 64, scribble().record(), at)
    employer = SignerRecord("employer", "phone", "b" * 64, scribble().record(), at)
    signed = SignedAgreement(terms(), worker, employer)
    again = SignedAgreement(terms(), worker, employer)
    assert signed.document() == again.document()
    assert signed.fingerprint == fingerprint(signed.document())
    assert len(signed.fingerprint) == 64
    assert SignedAgreement(terms(wage=221), worker, employer).fingerprint != signed.fingerprint
    moved = dict(worker.strokes)
    moved["strokes"] = [[[101, 150, 0], *moved["strokes"][0][1:]]]  # type: ignore[index]
    other = dataclasses.replace(worker, strokes=moved)
    assert SignedAgreement(terms(), other, employer).fingerprint != signed.fingerprint
    assert canonical(terms(), []).decode().count("扎西次仁") == 1  # UTF-8, not escaped


def test_codes_are_read_off_paper_and_the_qr_carries_code_and_fingerprint() -> None:
    code = new_code()
    assert CODE.fullmatch(code)
    assert not set(code) & set("01ILO")
    address = verify_address("https://market.example.cn/", code, "f" * 64)
    assert address == f"https://market.example.cn/v1/agreements/{code}?fp={'f' * 64}"


def test_a_signature_is_more_than_a_tap_a_dot_or_a_scratch() -> None:
    assert check(scribble()) is not None
    with pytest.raises(NotASignatureError) as caught:
        check(Signature((), 900, 300))
    assert caught.value.reason == "empty"
    with pytest.raises(NotASignatureError) as caught:
        check(sig([(400, 150, 0), (401, 151, 16), (402, 150, 32)]))
    assert caught.value.reason == "dot"
    with pytest.raises(NotASignatureError) as caught:  # a short line in a corner
        check(sig([(10 + i * 6, 10, i * 10) for i in range(20)]))
    assert caught.value.reason == "too_small"
    with pytest.raises(NotASignatureError) as caught:  # drawn in a flash: a swipe
        check(sig([(100 + i * 20, 150 + (i % 5) * 20, i) for i in range(30)]))
    assert caught.value.reason == "too_small"


def test_every_broken_rule_has_its_message_with_its_values_in_every_language() -> None:
    from pathlib import Path

    from kiosk.i18n import Catalog, Lang

    catalog = Catalog(Path(__file__).resolve().parents[3] / "translations")
    bad = terms(
        wage=100,
        work_content="",
        worker=dataclasses.replace(terms().worker, name="", phone="1"),
        employer=EmployerParty("", "person", "", "", ""),
        pay_when=PayWhen.BY_DATE,
        pay_by=None,
    )
    found = problems(bad, min_hourly=18, today=TODAY)
    assert len(found) >= 8
    for problem in found:
        for lang in Lang:
            text = catalog.text(f"agreement.problem.{problem.code}", lang, **problem.values)
            assert "{" not in text, (problem.code, lang)
            for value in problem.values.values():
                assert str(value) in text, (problem.code, lang)


def test_a_signed_document_reads_back_to_the_same_bytes_and_fingerprint() -> None:
    from kiosk.domain.agreement_doc import DocumentError, read_document

    at = dt.datetime(2026, 12, 2, 9, 30, tzinfo=LHASA_TZ)
    worker = SignerRecord("worker", "card", "a" * 64, scribble().record(), at)
    employer = SignerRecord("employer", "phone", "b" * 64, scribble().record(), at)
    posted = terms(pay_when=PayWhen.BY_DATE, pay_by=TODAY + dt.timedelta(days=3))
    signed_terms = amend(posted, wage=240, start_time=dt.time(8, 30))
    signed = SignedAgreement(signed_terms, worker, employer, tuple(changes(posted, signed_terms)))
    again = read_document(signed.document())
    assert again == signed
    assert again.fingerprint == signed.fingerprint
    assert [c.name for c in again.changes] == ["wage", "start_time"]  # printed, so signed
    spaced = signed.document().replace(b'":', b'": ')
    with pytest.raises(DocumentError):
        read_document(spaced)  # same content, other bytes: never a second fingerprint
    with pytest.raises(DocumentError):
        read_document(b'{"agreement": 1}')
