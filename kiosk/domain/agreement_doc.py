"""Reading a signed document back into an agreement, for a reprint: the same document,
so the same fingerprint, the same QR code and the same words as the first printout."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from kiosk.domain.agreement import (
    Change,
    Disputes,
    EmployerParty,
    PayWhen,
    Provider,
    SignedAgreement,
    SignerRecord,
    Terms,
    WageBasis,
    WorkerParty,
)


class DocumentError(ValueError):
    """Not a signed document this kiosk wrote (or a damaged one)."""


def _value(name: str, raw: Any) -> Any:
    if raw is None:
        return None
    if name.endswith("_date") or name == "pay_by":
        return dt.date.fromisoformat(raw)
    if name.endswith("_time"):
        return dt.time.fromisoformat(raw)
    return raw


def _terms(raw: dict[str, Any]) -> Terms:
    plain = {k: _value(k, v) for k, v in raw.items()}
    plain["worker"] = WorkerParty(**raw["worker"])
    plain["employer"] = EmployerParty(**raw["employer"])
    plain["disputes"] = Disputes(**raw["disputes"])
    plain["wage_basis"] = WageBasis(raw["wage_basis"])
    plain["pay_when"] = PayWhen(raw["pay_when"])
    for who in ("tools", "meals", "transport"):
        plain[who] = Provider(raw[who])
    return Terms(**plain)


def _signer(raw: dict[str, Any]) -> SignerRecord:
    return SignerRecord(
        raw["role"],
        raw["method"],
        raw["identity_hash"],
        raw["signature"],
        dt.datetime.fromisoformat(raw["at"]),
    )


def read_document(document: bytes) -> SignedAgreement:
    """The agreement ``document`` is; :class:`DocumentError` when it is not one, or when
    read back it would not give the same bytes (so never a different fingerprint)."""
    try:
        raw = json.loads(document)
        worker, employer = (_signer(s) for s in raw["signatures"])
        changed = tuple(
            Change(c["name"], _value(c["name"], c["before"]), _value(c["name"], c["after"]))
            for c in raw["changes"]
        )
        agreement = SignedAgreement(_terms(raw["agreement"]), worker, employer, changed)
    except (ValueError, KeyError, TypeError) as exc:
        raise DocumentError(type(exc).__name__) from None
    if agreement.document() != document:
        raise DocumentError("not canonical")
    return agreement
