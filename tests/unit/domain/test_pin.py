"""PINs: hashed, compared in constant time, locked after repeated failures."""

from __future__ import annotations

import pytest

from kiosk.domain.errors import AuthError, AuthErrorKind
from kiosk.domain.pin import LockoutPolicy, PinRecord, attempt, hash_pin, pin_matches

POLICY = LockoutPolicy(max_failures=3, lockout_seconds=60)


def test_hash_is_salted_and_verifies() -> None:
    a, b = hash_pin("2468"), hash_pin("2468")
    assert a != b
    assert "2468" not in a
    assert pin_matches("2468", a)
    assert not pin_matches("2469", a)


@pytest.mark.parametrize("bad", ["", "123", "123456789", "12a4", "１２３４"])
def test_malformed_pins_are_refused(bad: str) -> None:
    with pytest.raises(AuthError) as err:
        hash_pin(bad)
    assert err.value.kind is AuthErrorKind.BAD_FORMAT


def test_garbage_stored_value_never_matches() -> None:
    assert not pin_matches("2468", "not-a-hash")
    assert not pin_matches("2468", "md5$00$00")


def test_wrong_pins_count_down_then_lock() -> None:
    record = PinRecord(hash_pin("2468"))
    record, err = attempt(record, "1111", 0.0, POLICY)
    assert err is not None
    assert err.kind is AuthErrorKind.WRONG_PIN
    assert err.remaining == 2
    record, err = attempt(record, "1111", 1.0, POLICY)
    assert err is not None
    assert err.remaining == 1
    record, err = attempt(record, "1111", 2.0, POLICY)
    assert err is not None
    assert err.kind is AuthErrorKind.LOCKED_OUT
    assert err.retry_after_s == 60


def test_locked_role_refuses_even_the_right_pin_until_the_lock_ends() -> None:
    record = PinRecord(hash_pin("2468"), locked_until=100.0)
    _, err = attempt(record, "2468", 50.0, POLICY)
    assert err is not None
    assert err.kind is AuthErrorKind.LOCKED_OUT
    assert err.retry_after_s == 51
    record, err = attempt(record, "2468", 100.0, POLICY)
    assert err is None
    assert record.failures == 0


def test_right_pin_clears_failures() -> None:
    record = PinRecord(hash_pin("2468"), failures=2)
    record, err = attempt(record, "2468", 0.0, POLICY)
    assert err is None
    assert record.failures == 0


def test_no_pin_set_is_its_own_error() -> None:
    _, err = attempt(PinRecord(None), "2468", 0.0, POLICY)
    assert err is not None
    assert err.kind is AuthErrorKind.NO_PIN_SET
