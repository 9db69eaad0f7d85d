"""Staff and technician sign-in by PIN, with lockout that survives restarts."""

from __future__ import annotations

from enum import Enum

from kiosk.domain.errors import AuthError, AuthErrorKind
from kiosk.domain.pin import LockoutPolicy, PinRecord, attempt, hash_pin
from kiosk.services.ports import AuditLog, Clock, PinStore


class Role(Enum):
    """Who may leave the worker screens."""

    STAFF = "staff"
    TECHNICIAN = "technician"


class AdminAuth:
    """Checks a PIN against every role; the first role it opens wins.

    One PIN pad serves both roles, so nobody has to say which role they are at a public
    screen. Lockout is per role and counts every failed entry against each role that has
    a PIN, so guessing cannot try the roles one after another.
    """

    def __init__(
        self, store: PinStore, clock: Clock, policy: LockoutPolicy, audit: AuditLog
    ) -> None:
        self.store, self.clock, self.policy, self.audit = store, clock, policy, audit

    def set_pin(self, role: Role, pin: str) -> None:
        """Set a role's PIN (clears its failures and lock)."""
        self.store.save(role.value, PinRecord(pin_hash=hash_pin(pin)))
        self.audit.append(self.clock.now(), "technician", "pin_set", role.value)

    def has_pin(self, role: Role) -> bool:
        """True when the role can be opened at all."""
        return self.store.load(role.value).pin_hash is not None

    def sign_in(self, pin: str) -> Role:
        """The role ``pin`` opens, or the most telling AuthError."""
        now = self.clock.now().timestamp()
        records = {role: self.store.load(role.value) for role in Role}
        if all(r.pin_hash is None for r in records.values()):
            raise AuthError(AuthErrorKind.NO_PIN_SET)
        locks = [r.locked_until - now for r in records.values() if r.locked_until > now]
        if locks and len(locks) == sum(r.pin_hash is not None for r in records.values()):
            raise AuthError(AuthErrorKind.LOCKED_OUT, retry_after_s=int(max(locks)) + 1)
        errors: list[AuthError] = []
        for role, record in records.items():
            if record.pin_hash is None:
                continue
            new, error = attempt(record, pin, now, self.policy)
            self.store.save(role.value, new)
            if error is None:
                self.audit.append(self.clock.now(), role.value, "signed_in")
                return role
            errors.append(error)
        self.audit.append(self.clock.now(), "unknown", "pin_refused")
        locked = [e for e in errors if e.kind is AuthErrorKind.LOCKED_OUT]
        if locked:
            raise max(locked, key=lambda e: e.retry_after_s)
        raise min(errors, key=lambda e: e.remaining)
