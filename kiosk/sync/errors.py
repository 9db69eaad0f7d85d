"""What can go wrong talking to the market server, as types the engine acts on."""

from __future__ import annotations


class SyncError(Exception):
    """Base of every sync failure; ``code`` is short, stable and safe to log."""

    def __init__(self, code: str, *, retry_after: float | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.retry_after = retry_after


class OfflineError(SyncError):
    """No connection, or a timeout: try again later."""


class ServerBusyError(SyncError):
    """5xx or 429: try again later, after ``retry_after`` when the server said so."""


class BadResponseError(SyncError):
    """Malformed, oversized, stalled or of the wrong shape: nothing of it is applied."""


class CursorGoneError(SyncError):
    """410: the kiosk's cursor is older than the server's tombstone horizon."""


class UnauthorizedError(SyncError):
    """401/403: unknown or revoked credential, bad signature, clock skew, replay."""

    def __init__(self, code: str, server_time: float | None = None) -> None:
        super().__init__(code)
        self.server_time = server_time


class UpgradeRequiredError(SyncError):
    """426: this kiosk's version is below the server's minimum."""


class RefusedError(SyncError):
    """Any other 4xx: the request itself is wrong; retrying will not help. ``reason`` is
    the server's detail when it gave one (why a clip was refused)."""

    def __init__(self, code: str, reason: str | None = None) -> None:
        super().__init__(code)
        self.reason = reason
