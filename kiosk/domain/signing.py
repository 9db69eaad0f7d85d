"""What staff pick to sign and what an agreement is drafted from (the store fills them;
the signing screens and the desk read them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.domain.entities import Employer, Job


@dataclass(frozen=True)
class Signable:
    """An application with no agreement yet, as staff pick it (the name as on its card)."""

    application_id: str
    worker_name: str
    worker_masked: str
    employer_name: str
    trade_code: str
    starts_at: dt.datetime
    ends_at: dt.datetime


@dataclass(frozen=True)
class Parties:
    """What an agreement for one application is drafted from, and how its worker's card is
    recognised (keyed hashes only)."""

    application_id: str
    job: Job
    employer: Employer
    worker_id: str
    worker_name: str
    worker_masked: str
    worker_phone: str
    worker_id_hash: str
    worker_chip_hash: str | None
