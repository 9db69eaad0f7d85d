"""A worker's sign-in on a phone with the kiosk's one-time code (SQLite): the code serves
once, for the phone on file, for ten minutes; a newer code voids the older; five wrong
codes void them all; the phone page lists the worker's applications and agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from market import feed, phones
from market.db import make_engine, migrate
from market.models import Agreement, Application, PayAnswer, Worker

NOW = dt.datetime(2026, 12, 3, 6, tzinfo=dt.UTC)
PHONE = "13912345678"


@pytest.fixture
def s(tmp_path: Path) -> Iterator[Session]:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrate(engine)
    with Session(engine) as session:
        for ident, phone in (("w", PHONE), ("nophone", None)):
            session.add(
                Worker(
                    id=ident, terminal_id="t", data={"name": "次仁", "phone": phone},
                    field_versions={}, updated_at=NOW,
                )
            )  # fmt: skip
        session.flush()
        yield session
    engine.dispose()


def test_a_code_signs_in_once_for_the_phone_on_file(s: Session) -> None:
    code, expires = phones.issue_code(s, "w", NOW)
    assert len(code) == 6
    assert code.isdigit()
    assert expires == NOW + dt.timedelta(minutes=10)
    with pytest.raises(phones.PhoneCodeError, match="wrong_code"):
        phones.sign_in(s, "13900000000", code, NOW)  # another phone: no code of theirs
    token, csrf = phones.sign_in(s, PHONE, code, NOW + dt.timedelta(minutes=9))
    session = phones.session_of(s, token, NOW)
    assert session is not None
    assert session.worker_id == "w"
    assert session.csrf == csrf
    with pytest.raises(phones.PhoneCodeError, match="wrong_code"):
        phones.sign_in(s, PHONE, code, NOW)  # replayed
    phones.sign_out(s, token)
    assert phones.session_of(s, token, NOW) is None


def test_an_old_code_an_expired_code_and_bad_input_do_not_sign_in(s: Session) -> None:
    first, _ = phones.issue_code(s, "w", NOW)
    second, _ = phones.issue_code(s, "w", NOW)
    if first != second:  # the older code is void once a newer one is shown
        with pytest.raises(phones.PhoneCodeError, match="wrong_code"):
            phones.sign_in(s, PHONE, first, NOW)
    with pytest.raises(phones.PhoneCodeError, match="wrong_code"):
        phones.sign_in(s, PHONE, second, NOW + dt.timedelta(minutes=11))
    with pytest.raises(phones.PhoneCodeError, match="phone"):
        phones.sign_in(s, "1391234", second, NOW)
    with pytest.raises(phones.PhoneCodeError, match="no_phone"):
        phones.issue_code(s, "nophone", NOW)
    with pytest.raises(phones.PhoneCodeError, match="unknown_worker"):
        phones.issue_code(s, "nobody", NOW)


def test_five_wrong_codes_void_the_phones_codes(s: Session) -> None:
    code, _ = phones.issue_code(s, "w", NOW)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(4):
        with pytest.raises(phones.PhoneCodeError, match="wrong_code"):
            phones.sign_in(s, PHONE, wrong, NOW)
    with pytest.raises(phones.PhoneCodeError, match="too_many"):
        phones.sign_in(s, PHONE, wrong, NOW)
    with pytest.raises(phones.PhoneCodeError, match="wrong_code"):
        phones.sign_in(s, PHONE, code, NOW)  # the right one no longer works either
    again, _ = phones.issue_code(s, "w", NOW)  # a new code at the kiosk does
    assert phones.sign_in(s, PHONE, again, NOW)


def test_the_page_lists_applications_and_agreements_with_their_answers(s: Session) -> None:
    feed.write(s, "employers", "e", {"id": "e", "name": "雪域建筑"}, NOW)
    for ident, day in (("j2", "2026-12-05"), ("j1", "2026-12-04")):
        job = {"id": ident, "employer_id": "e", "job_type_code": "banyun",
               "starts_at": f"{day}T09:00:00+08:00", "address_zh": "功德林"}  # fmt: skip
        feed.write(s, "jobs", ident, job, NOW)
    s.add(Application(id="a1", worker_id="w", job_id="j1", terminal_id="t", created_at=NOW,
                      answer="accepted"))  # fmt: skip
    s.add(Application(id="a2", worker_id="w", job_id="j2", terminal_id="t", created_at=NOW))
    s.add(Application(id="a3", worker_id="other", job_id="j2", terminal_id="t", created_at=NOW))
    s.add(Agreement(code="A1", id="g1", fingerprint="f", document="{}", worker_id="w",
                    job_id="j1", terminal_id="t", received_at=NOW))  # fmt: skip
    for n, answer in enumerate(("unpaid", "paid")):
        s.add(PayAnswer(id=f"p{n}", agreement_code="A1", worker_id="w", answer=answer,
                        terminal_id="t", received_at=NOW + dt.timedelta(days=n)))  # fmt: skip
    s.flush()
    mine = phones.applications_of(s, "w")
    assert [(a.job_id, a.answer, a.employer) for a in mine] == [
        ("j1", "accepted", "雪域建筑"), ("j2", None, "雪域建筑"),
    ]  # fmt: skip
    assert [(a.code, a.pay, a.trade_code) for a in phones.agreements_of(s, "w")] == [
        ("A1", "paid", "banyun")
    ]


def test_a_scan_code_serves_one_scan_within_its_minute(s: Session) -> None:
    payload, expires = phones.scan_code(s, "w", NOW)
    assert payload.startswith(phones.SCAN_PREFIX)
    assert expires == NOW + dt.timedelta(seconds=60)
    assert phones.redeem(s, payload, "kiosk-1", NOW + dt.timedelta(seconds=59)).id == "w"
    with pytest.raises(phones.PhoneCodeError, match="used"):
        phones.redeem(s, payload, "kiosk-2", NOW)  # replayed, even at another kiosk
    late, _ = phones.scan_code(s, "w", NOW)
    with pytest.raises(phones.PhoneCodeError, match="expired"):
        phones.redeem(s, late, "kiosk-1", NOW + dt.timedelta(seconds=61))
    older, _ = phones.scan_code(s, "w", NOW)
    newer, _ = phones.scan_code(s, "w", NOW)  # the phone asked again: the older is void
    with pytest.raises(phones.PhoneCodeError, match="used"):
        phones.redeem(s, older, "kiosk-1", NOW)
    assert phones.redeem(s, newer, "kiosk-1", NOW).id == "w"
    for other in ("https://weixin.qq.com/r/abc", f"{phones.SCAN_PREFIX}made-up"):
        with pytest.raises(phones.PhoneCodeError, match="unknown_code"):
            phones.redeem(s, other, "kiosk-1", NOW)
