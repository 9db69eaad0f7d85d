"""Diagnostics of sync for ``kiosk --check``: the credential (asked of the server when run
from the command line) and what waits in the outbox."""

from __future__ import annotations

from kiosk import __version__
from kiosk.check import FAIL, OK, WARN, Finding
from kiosk.config import Config, Paths
from kiosk.sync.credentials import Credentials
from kiosk.wiring import Backend


def check_sync(
    config: Config, paths: Paths, backend: Backend, *, ask_server: bool = False
) -> list[Finding]:
    """Enrolment, and what waits in the outbox (a technician's first questions).
    ``ask_server``: whether the server still takes the credential (``kiosk --check``; never
    on the kiosk's own screens, whose DB worker must not wait for the network)."""
    from kiosk.store.sync import SyncRepository  # noqa: PLC0415
    from kiosk.sync import credentials  # noqa: PLC0415

    creds, problem = credentials.read(paths.credentials)
    records = SyncRepository(backend.engine)
    pending, rejected, conflicts = records.waiting()
    cursor = records.feed_cursor()
    if problem is not None:
        enrolled = Finding(
            FAIL, "market server", f"{paths.credentials} {problem}: enrol again (kiosk-admin enrol)"
        )
    elif creds is None:
        enrolled = Finding(WARN, "market server", "not enrolled (kiosk-admin enrol SERVER)")
    elif not config.sync.enabled:
        enrolled = Finding(WARN, "market server", f"{creds.server_url}: sync disabled in config")
    elif ask_server:
        enrolled = credential_finding(config, creds, cursor)
    else:
        enrolled = Finding(OK, "market server", f"{creds.server_url} as {creds.terminal_id}")
    outbox = Finding(
        WARN if rejected else OK,
        "outbox",
        f"{pending} waiting, {rejected} refused, {conflicts} conflicts; "
        f"feed cursor {cursor or 'none (nothing pulled yet)'}",
    )
    total, latest = records.set_aside()
    out = [enrolled, outbox]
    if creds is not None:
        out.append(district_finding(creds))
    if total:
        shown = "; ".join(f"{c} {i} v{v}: {why}" for c, i, v, why in latest)
        out.append(Finding(WARN, "pulled rows set aside", f"{total} (told to the server): {shown}"))
    return out


def district_finding(creds: Credentials) -> Finding:
    """Whether ID numbers hash under the district's key (workers found at every station)."""
    if creds.lookup_key:
        return Finding(OK, "district look-up key", "received: workers are found at every station")
    return Finding(
        WARN,
        "district look-up key",
        "not yet received (the next sync asks for it): workers filed here are found only here",
    )


def credential_finding(config: Config, creds: Credentials, cursor: str | None) -> Finding:
    """Ask the server whether it still takes this kiosk's credential (one signed read)."""
    from kiosk.sync.client import MarketClient  # noqa: PLC0415
    from kiosk.sync.errors import SyncError, UnauthorizedError  # noqa: PLC0415

    who = f"{creds.server_url} as {creds.terminal_id}"
    client = MarketClient(
        creds.server_url,
        creds,
        app_version=__version__,
        ca_bundle=config.sync.ca_bundle or None,
        timeout=(3.05, 5.0),
    )
    try:
        client.changes(("jobs",), cursor, 1)
    except UnauthorizedError as exc:
        if exc.code in {"revoked", "unknown_credential"}:
            return Finding(FAIL, "market server", f"{who}: {exc.code}: enrol again")
        return Finding(WARN, "market server", f"{who}: refused ({exc.code})")
    except SyncError as exc:
        return Finding(WARN, "market server", f"{who}: not reached now ({exc.code})")
    finally:
        client.close()
    return Finding(OK, "market server", f"{who}: answering")
