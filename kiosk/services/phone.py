"""A worker signs in on their own phone (the market's ``/worker/`` pages) with a one-time
code the kiosk shows during their visit: there is no SMS gateway, so the kiosk's screen
stands in for the text message. The kiosk asks the market on its own connection, off the
GUI thread, once it is enrolled."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.domain.errors import KioskError
from kiosk.sync.errors import RefusedError, SyncError
from kiosk.sync.tickets import TicketKeeper

log = logging.getLogger(__name__)


class CodeAsker(Protocol):
    """The market's side (``MarketClient.phone_code``)."""

    def phone_code(self, worker_id: str) -> dict[str, Any]:
        """A new code for the worker: ``{code, expires_at, url}``."""
        ...

    def scan_login(self, payload: str) -> dict[str, Any]:
        """The worker whose phone showed ``payload``: ``{worker_id, id_hash}``."""
        ...


@dataclass(frozen=True)
class PhoneCode:
    """What the kiosk shows: the code, until when, and the page to open."""

    code: str
    expires_at: dt.datetime
    url: str

    def minutes_left(self, now: dt.datetime) -> int:
        """Whole minutes the code still lasts (at least 1 while it lasts)."""
        return max(1, round((self.expires_at - now).total_seconds() / 60))


class PhoneCodeError(KioskError):
    """Why no code: ``phone.no_phone``, ``phone.not_yet`` (the market has not got the worker
    yet), ``phone.offline`` (not enrolled, or the market cannot be reached)."""

    def __init__(self, message_id: str) -> None:
        super().__init__(message_id)
        self.message_id = message_id


# What the phone's login code starts with (``market.phones.SCAN_PREFIX``): anything else a
# scanner reads is another app's code, refused without asking the market.
SCAN_PREFIX = "LHGIG1:"
SCAN_REFUSALS = {
    "used": "qr.used",
    "expired": "qr.expired",
    "unknown_code": "error.card.qr_unknown",
}


def is_login_code(payload: str) -> bool:
    """Whether a scanned text is the market's phone login code (not another app's)."""
    return payload.startswith(SCAN_PREFIX) and 8 <= len(payload) <= 200


class PhoneLink:
    """Filled in by ``kiosk.wiring.build_sync``; empty while the kiosk is not enrolled."""

    def __init__(self) -> None:
        self.client: CodeAsker | None = None
        # The attract screen's login ticket (kiosk.sync.tickets), once syncing with waits;
        # what it says goes to the screen's two hooks (called on the keeper's thread).
        self.keeper: TicketKeeper | None = None
        self.on_ticket: Callable[[str | None], None] = lambda _url: None
        self.on_login: Callable[[str], None] = lambda _hash: None
        self._wanted = False

    def attach_keeper(self, keeper: TicketKeeper) -> None:
        """Sync is built: its ticket keeper reports through this link's hooks."""
        keeper.on_ticket, keeper.on_login = self._ticket, self._login
        keeper.want(self._wanted)
        self.keeper = keeper

    def _ticket(self, url: str | None) -> None:
        self.on_ticket(url)  # the hook set now, not the one set when the keeper came

    def _login(self, id_hash: str) -> None:
        self.on_login(id_hash)

    def want_ticket(self, wanted: bool) -> None:
        """Whether the attract screen is showing: a login ticket is kept open only then."""
        self._wanted = wanted
        if self.keeper is not None:
            self.keeper.want(wanted)

    def connect(self, client: CodeAsker) -> None:
        """Sync is built: a client of the kiosk's asking thread."""
        self.client = client

    def ask(self, worker_id: str, phone: str | None) -> PhoneCode:
        """A code for the worker at the kiosk (PhoneCodeError when there can be none)."""
        if not phone:
            raise PhoneCodeError("phone.no_phone")
        if self.client is None:
            raise PhoneCodeError("phone.offline")
        try:
            got = self.client.phone_code(worker_id)
            return PhoneCode(
                code=str(got["code"]),
                expires_at=dt.datetime.fromisoformat(str(got["expires_at"])),
                url=str(got["url"]),
            )
        except RefusedError as exc:
            log.info("phone code refused: %s", exc.code)
            reason = {"unknown_worker": "phone.not_yet", "no_phone": "phone.no_phone"}
            raise PhoneCodeError(reason.get(exc.code, "phone.offline")) from None
        except (SyncError, KeyError, ValueError) as exc:
            log.info("phone code not answered: %s", type(exc).__name__)
            raise PhoneCodeError("phone.offline") from None

    def scanned(self, payload: str) -> str:
        """The look-up hash of the worker whose phone showed ``payload`` (checked once by
        the market, within its minute); PhoneCodeError says why not."""
        if self.client is None:
            raise PhoneCodeError("qr.offline")
        try:
            got = self.client.scan_login(payload)
        except RefusedError as exc:
            log.info("scanned code refused: %s", exc.code)
            raise PhoneCodeError(SCAN_REFUSALS.get(exc.code, "error.card.qr_unknown")) from None
        except SyncError as exc:
            log.info("scanned code not checked: %s", type(exc).__name__)
            raise PhoneCodeError("qr.offline") from None
        id_hash = got.get("id_hash")
        if not isinstance(id_hash, str) or not id_hash:
            raise PhoneCodeError("qr.first_time")
        return id_hash
