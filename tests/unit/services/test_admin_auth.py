"""Staff/technician sign-in: one PIN pad, per-role lockout that survives restarts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.domain.errors import AuthError, AuthErrorKind
from kiosk.domain.pin import LockoutPolicy
from kiosk.services.admin_auth import AdminAuth, Role
from kiosk.store.db import open_database
from kiosk.store.repositories import PinRepository
from tests.helpers.fakes import FakeClock, ListAudit, MemoryPins

POLICY = LockoutPolicy(max_failures=3, lockout_seconds=120)


def make(pins: object | None = None) -> tuple[AdminAuth, FakeClock, ListAudit]:
    clock, audit = FakeClock(), ListAudit()
    auth = AdminAuth(pins or MemoryPins(), clock, POLICY, audit)  # type: ignore[arg-type]
    return auth, clock, audit


def test_each_pin_opens_its_role() -> None:
    auth, _, audit = make()
    auth.set_pin(Role.STAFF, "2468")
    auth.set_pin(Role.TECHNICIAN, "1357")
    assert auth.sign_in("2468") is Role.STAFF
    assert auth.sign_in("1357") is Role.TECHNICIAN
    assert ("staff", "signed_in", "") in audit.entries


def test_no_pin_set_says_so() -> None:
    auth, _, _ = make()
    with pytest.raises(AuthError) as err:
        auth.sign_in("2468")
    assert err.value.kind is AuthErrorKind.NO_PIN_SET


def test_wrong_pins_lock_and_the_lock_expires() -> None:
    auth, clock, _ = make()
    auth.set_pin(Role.STAFF, "2468")
    remaining = []
    for _ in range(2):
        with pytest.raises(AuthError) as err:
            auth.sign_in("0000")
        remaining.append(err.value.remaining)
    assert remaining == [2, 1]
    with pytest.raises(AuthError) as err:
        auth.sign_in("0000")
    assert err.value.kind is AuthErrorKind.LOCKED_OUT
    with pytest.raises(AuthError) as err:
        auth.sign_in("2468")
    assert err.value.kind is AuthErrorKind.LOCKED_OUT
    clock.advance(121)
    assert auth.sign_in("2468") is Role.STAFF


def test_lockout_survives_a_restart(tmp_path: Path) -> None:
    engine, _ = open_database(tmp_path / "k.sqlite3")
    auth, clock, _ = make(PinRepository(engine))
    auth.set_pin(Role.STAFF, "2468")
    for _ in range(3):
        with pytest.raises(AuthError):
            auth.sign_in("0000")
    restarted = AdminAuth(PinRepository(engine), clock, POLICY, ListAudit())
    with pytest.raises(AuthError) as err:
        restarted.sign_in("2468")
    assert err.value.kind is AuthErrorKind.LOCKED_OUT
