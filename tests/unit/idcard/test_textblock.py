"""The 256-byte text block: every card type parsed, garbage refused with a typed error only."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.errors import CardErrorKind, CardReadError
from kiosk.domain.identity import CardType
from kiosk.idcard import textblock
from kiosk.idcard.demo import SAMPLES, UNKNOWN_TYPE, sample_block
from kiosk.idcard.tables import nation_name, region_name

TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize("key", list(SAMPLES))
def test_every_sample_card_round_trips(key: str) -> None:
    identity = SAMPLES[key]
    block = textblock.build(identity)
    assert len(block) == 256
    assert textblock.parse(block) == identity


def test_resident_fields_land_at_the_documented_offsets() -> None:
    block = textblock.build(SAMPLES["resident_tibetan"])
    assert block[0:8].decode("utf-16-le") == "次仁卓玛"
    assert block[30:32].decode("utf-16-le") == "2"
    assert block[32:36].decode("utf-16-le") == "04"
    assert block[36:52].decode("utf-16-le") == "19780315"
    assert block[122:158].decode("utf-16-le") == SAMPLES["resident_tibetan"].number
    assert block[248:250].decode("utf-16-le") == " "


def test_long_term_validity_and_expiry() -> None:
    long_term = textblock.parse(textblock.build(SAMPLES["long_term"]))
    assert long_term.valid_to is None
    assert not long_term.expired(dt.date(2099, 1, 1))
    expired = textblock.parse(textblock.build(SAMPLES["expired"]))
    assert expired.expired(TODAY)
    with pytest.raises(CardReadError) as err:
        expired.check(TODAY)
    assert err.value.kind is CardErrorKind.EXPIRED


def test_permit_and_foreign_card_fields() -> None:
    permit = textblock.parse(textblock.build(SAMPLES["hmt_permit"]))
    assert permit.card_type is CardType.HMT_PERMIT
    assert permit.pass_number == "H60123456"
    assert permit.issue_count == "01"
    foreign = textblock.parse(textblock.build(SAMPLES["foreign_permanent"]))
    assert foreign.card_type is CardType.FOREIGN_PERMANENT
    assert foreign.name_en == "SHERPA, PASANG"
    assert foreign.nationality == "NPL"
    foreign.check(TODAY)  # no GB 11643 rule for foreigners' numbers


def test_unknown_marker_is_refused_not_guessed() -> None:
    with pytest.raises(CardReadError) as err:
        textblock.parse(sample_block(UNKNOWN_TYPE))
    assert err.value.kind is CardErrorKind.UNSUPPORTED_TYPE
    assert "'Z'" in err.value.detail


def test_wrong_check_character_is_caught() -> None:
    identity = textblock.parse(textblock.build(SAMPLES["bad_number"]))
    with pytest.raises(CardReadError) as err:
        identity.check(TODAY)
    assert err.value.kind is CardErrorKind.INVALID_NUMBER


def test_identity_never_prints_personal_data() -> None:
    identity = SAMPLES["resident_tibetan"]
    for text in (repr(identity), str(identity), f"{identity}"):
        assert identity.name not in text
        assert identity.number not in text
        assert identity.masked_number in text


def test_tables() -> None:
    assert nation_name("04") == "藏族"
    assert nation_name("54") == "门巴族"
    assert nation_name("55") == "珞巴族"
    assert nation_name("00") == ""
    assert region_name("540102197803150241") == "拉萨市城关区"
    assert region_name("540236197803150241") == "日喀则市"
    assert region_name("110105194912310021") == ""


@settings(max_examples=400)
@given(st.binary(min_size=0, max_size=300))
def test_random_bytes_raise_only_typed_errors(data: bytes) -> None:
    with contextlib.suppress(CardReadError):
        textblock.parse(data)


@settings(max_examples=400)
@given(st.data())
def test_corrupted_real_blocks_raise_only_typed_errors(data: st.DataObject) -> None:
    block = bytearray(textblock.build(SAMPLES[data.draw(st.sampled_from(list(SAMPLES)))]))
    for _ in range(data.draw(st.integers(1, 8))):
        block[data.draw(st.integers(0, 255))] = data.draw(st.integers(0, 255))
    try:
        identity = textblock.parse(bytes(block))
    except CardReadError:
        return
    with contextlib.suppress(CardReadError):
        identity.check(TODAY)
