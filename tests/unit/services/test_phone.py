"""The kiosk's side of the phone page and the phone's login code (``kiosk.services.phone``):
the market's refusals become the lines a worker reads; offline or not enrolled, the same
clear line; no phone number on file asks nothing of the market."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.services.phone import PhoneCodeError, PhoneLink, is_login_code
from kiosk.sync.errors import OfflineError, RefusedError


class Market:
    """Answers as the market would, or raises what it is given."""

    def __init__(self, answer: dict[str, Any] | Exception) -> None:
        self.answer, self.asked = answer, 0

    def _reply(self) -> dict[str, Any]:
        self.asked += 1
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer

    def phone_code(self, worker_id: str) -> dict[str, Any]:
        return self._reply()

    def scan_login(self, payload: str) -> dict[str, Any]:
        return self._reply()


def linked(answer: dict[str, Any] | Exception) -> tuple[PhoneLink, Market]:
    link, market = PhoneLink(), Market(answer)
    link.connect(market)
    return link, market


def test_a_code_for_the_phone_page() -> None:
    link, _ = linked(
        {"code": "482913", "expires_at": "2026-12-03T10:10:00+00:00", "url": "http://m/worker/"}
    )
    code = link.ask("w", "13988887777")
    assert (code.code, code.url) == ("482913", "http://m/worker/")


@pytest.mark.parametrize(
    ("answer", "phone", "said"),
    [
        ({}, None, "phone.no_phone"),
        (RefusedError("unknown_worker"), "13988887777", "phone.not_yet"),
        (RefusedError("no_phone"), "13988887777", "phone.no_phone"),
        (OfflineError("timeout"), "13988887777", "phone.offline"),
        ({"code": "1"}, "13988887777", "phone.offline"),  # an answer of the wrong shape
    ],
)
def test_no_code_is_said_in_one_line(
    answer: dict[str, Any] | Exception, phone: str | None, said: str
) -> None:
    link, market = linked(answer)
    with pytest.raises(PhoneCodeError) as caught:
        link.ask("w", phone)
    assert caught.value.message_id == said
    if phone is None:
        assert market.asked == 0  # nothing asked of the market without a number to check


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (RefusedError("used"), "qr.used"),
        (RefusedError("expired"), "qr.expired"),
        (RefusedError("unknown_code"), "error.card.qr_unknown"),
        (OfflineError("timeout"), "qr.offline"),
        ({"worker_id": "w", "id_hash": None}, "qr.first_time"),
    ],
)
def test_a_scanned_code_refused_says_why(answer: dict[str, Any] | Exception, said: str) -> None:
    link, _ = linked(answer)
    with pytest.raises(PhoneCodeError) as caught:
        link.scanned("LHGIG1:abcdefghijklmnop")
    assert caught.value.message_id == said


def test_a_scan_is_checked_only_when_it_is_a_login_code_of_ours() -> None:
    link, _ = linked({"worker_id": "w", "id_hash": "ab" * 32})
    assert link.scanned("LHGIG1:abcdefghijklmnop") == "ab" * 32
    assert is_login_code("LHGIG1:abcdefghijklmnop")
    assert not is_login_code("https://weixin.qq.com/r/abc")
    assert not is_login_code("K7Q2M9X4")
    with pytest.raises(PhoneCodeError) as caught:
        PhoneLink().scanned("LHGIG1:abcdefghijklmnop")  # not enrolled
    assert caught.value.message_id == "qr.offline"
