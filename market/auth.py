"""Per-terminal credentials: device-grant enrolment (RFC 8628) and signed requests."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.sync import wire
from market import district
from market.models import Credential, Enrolment, Nonce, Terminal

# No 0/O, 1/I/L: the code is read off a kiosk screen and typed by an administrator.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class AuthFailureError(Exception):
    """A request that is not from a live, enrolled terminal."""

    def __init__(self, code: str, status: int = 401) -> None:
        super().__init__(code)
        self.code = code
        self.status = status


@dataclass(frozen=True)
class SignedHeaders:
    """The signing headers of one request."""

    token: str
    timestamp: int
    nonce: str
    signature: str


def user_code() -> str:
    """Eight characters in two groups of four (``K7PD-3XQM``), from an unambiguous alphabet."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def start_enrolment(s: Session, name: str, now: dt.datetime, ttl_s: int) -> Enrolment:
    """A new pending request with a fresh device code and user code."""
    enrolment = Enrolment(
        device_code=secrets.token_urlsafe(32),
        user_code=user_code(),
        name=name,
        status="pending",
        created_at=now,
        expires_at=now + dt.timedelta(seconds=ttl_s),
    )
    s.add(enrolment)
    return enrolment


def pending_count(s: Session, now: dt.datetime) -> int:
    """Enrolment requests still waiting for an administrator (not yet expired)."""
    return int(
        s.scalar(
            select(func.count())
            .select_from(Enrolment)
            .where(Enrolment.status == "pending", Enrolment.expires_at > now)
        )
        or 0
    )


def normalise_code(code: str) -> str:
    """Accept ``abcd efgh`` or ``ABCDEFGH`` for ``ABCD-EFGH``."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else code.upper()


def approve(s: Session, code: str, now: dt.datetime) -> Terminal:
    """Approve a pending request: the terminal and its first credential are created."""
    enrolment = s.scalar(select(Enrolment).where(Enrolment.user_code == normalise_code(code)))
    if enrolment is None or enrolment.status != "pending":
        raise LookupError(f"no pending enrolment with code {code}")
    if _aware(enrolment.expires_at) < now:
        raise LookupError(f"enrolment {code} has expired; start again on the kiosk")
    terminal = Terminal(id=str(uuid.uuid4()), name=enrolment.name, created_at=now)
    s.add(terminal)
    s.add(
        Credential(
            token=secrets.token_urlsafe(24),
            terminal_id=terminal.id,
            hmac_key=secrets.token_hex(32),
            created_at=now,
        )
    )
    enrolment.status = "approved"
    enrolment.terminal_id = terminal.id
    return terminal


def poll(s: Session, device_code: str, now: dt.datetime, interval_s: int) -> dict[str, str]:
    """RFC 8628 token poll: credentials once, or an error code to keep polling or stop."""
    enrolment = s.get(Enrolment, device_code, with_for_update=True)
    if enrolment is None or enrolment.status in {"used", "denied"}:
        raise AuthFailureError("access_denied" if enrolment else "invalid_grant", 400)
    if _aware(enrolment.expires_at) < now:
        raise AuthFailureError("expired_token", 400)
    last = enrolment.last_poll_at
    enrolment.last_poll_at = now
    if enrolment.status == "pending":
        if last is not None and (now - _aware(last)).total_seconds() < interval_s * 0.8:
            raise AuthFailureError("slow_down", 400)
        raise AuthFailureError("authorization_pending", 400)
    cred = s.scalar(select(Credential).where(Credential.terminal_id == enrolment.terminal_id))
    if cred is None:
        raise AuthFailureError("access_denied", 400)
    enrolment.status = "used"  # credentials are handed out exactly once
    return {
        "terminal_id": cred.terminal_id,
        "token": cred.token,
        "hmac_key": cred.hmac_key,
        "lookup_key": district.lookup_key(s),
    }


def revoke(s: Session, terminal_id: str) -> int:
    """Revoke every credential of a terminal; returns how many."""
    creds = s.scalars(select(Credential).where(Credential.terminal_id == terminal_id)).all()
    for cred in creds:
        cred.revoked = True
    return len(creds)


def authenticate(
    s: Session,
    h: SignedHeaders,
    *,
    method: str,
    path_qs: str,
    body: bytes,
    now: dt.datetime,
) -> Credential:
    """Check credential, time window, signature and nonce; the nonce is then spent."""
    cred = s.get(Credential, h.token)
    if cred is None:
        raise AuthFailureError("unknown_credential")
    if cred.revoked:
        raise AuthFailureError("revoked", 403)
    if abs(now.timestamp() - h.timestamp) > wire.SIGNATURE_WINDOW_S:
        raise AuthFailureError("clock_skew")
    key = bytes.fromhex(cred.hmac_key)
    if not wire.verify(key, method, path_qs, body, h.timestamp, h.nonce, h.signature):
        raise AuthFailureError("bad_signature")
    window = dt.timedelta(seconds=2 * wire.SIGNATURE_WINDOW_S)
    try:
        with s.begin_nested():
            s.add(Nonce(token=h.token, nonce=h.nonce, at=now))
    except IntegrityError:
        raise AuthFailureError("replayed") from None
    if secrets.randbelow(200) == 0:  # now and then, forget nonces outside the window
        s.execute(delete(Nonce).where(Nonce.at < now - window))
    terminal = s.get(Terminal, cred.terminal_id)
    if terminal is not None:
        terminal.last_seen_at = now
    return cred


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; everything here is written in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
