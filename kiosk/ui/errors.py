"""The one place a typed error becomes what a person is told, on screen and by voice.

STYLE.md 6: typed core errors, one function that turns a kind into a bilingual, spoken
message. Anything unexpected is "something went wrong" for the person (never a traceback)
and its type name for the log (never its text, which may hold personal data).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.domain.errors import (
    AlreadyAppliedError,
    AuthError,
    AuthErrorKind,
    CardReadError,
    KioskError,
)
from kiosk.ui.texts import Message

log = logging.getLogger(__name__)

GENERIC = "error.generic"


@dataclass(frozen=True)
class Notice:
    """What to tell the person: a catalog message (with its plural count) and its kind."""

    message_id: str
    count: int | None = None
    kind: str = "error"  # "error" (red) or "info"

    @property
    def message(self) -> Message:
        """As ``Texts.compose`` takes it; a plural message's count is also its ``{n}``."""
        fmt = {} if self.count is None else {"n": self.count}
        return (self.message_id, self.count, fmt)


def notice_for(exc: BaseException) -> Notice:
    """The notice for ``exc``; logs what a technician needs and nothing personal."""
    if isinstance(exc, AuthError):
        counts = {
            AuthErrorKind.WRONG_PIN: exc.remaining,
            AuthErrorKind.LOCKED_OUT: exc.retry_after_s,
        }
        return Notice(exc.message_id, counts.get(exc.kind))
    if isinstance(exc, CardReadError):
        log.info("card not accepted: %s (%s)", exc.kind.value, exc.detail)
        return Notice(exc.message_id)
    if isinstance(exc, AlreadyAppliedError):
        return Notice(exc.message_id, kind="info")  # a friendly confirmation
    if isinstance(exc, KioskError):
        return Notice(exc.message_id)
    log.error("unexpected failure: %s", type(exc).__name__)
    return Notice(GENERIC)
