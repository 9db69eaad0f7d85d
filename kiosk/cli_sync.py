"""``kiosk-admin enrol`` and ``kiosk-admin sync``: enrolment and headless sync."""

from __future__ import annotations

import argparse
import sys
import time

from kiosk import __version__
from kiosk.config import Config, Paths
from kiosk.sync import credentials
from kiosk.sync.client import MarketClient
from kiosk.sync.enrol import EnrolmentFailedError, wait_for_approval
from kiosk.sync.errors import SyncError
from kiosk.sync.status import SyncStatus

EXIT_FAILED = 1


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the two commands."""
    enrol = sub.add_parser("enrol", help="enrol this kiosk with a market server")
    enrol.add_argument("server", help="server address, e.g. https://market.example.cn")
    enrol.add_argument("--name", default=None, help="name shown to the administrator")
    enrol.add_argument("--force", action="store_true", help="replace an existing enrolment")
    sync = sub.add_parser("sync", help="sync with the market server without the screen")
    sync.add_argument("--once", action="store_true", help="one cycle, then print what moved")


def enrol(args: argparse.Namespace, config: Config, paths: Paths) -> int:
    """Device-grant enrolment: print the code, wait for approval, save the credential."""
    existing = credentials.load(paths.credentials)
    if existing is not None and not args.force:
        print(
            f"kiosk-admin: already enrolled with {existing.server_url} as "
            f"{existing.terminal_id}; add --force to enrol again",
            file=sys.stderr,
        )
        return EXIT_FAILED
    client = MarketClient(
        args.server, None, app_version=__version__, ca_bundle=config.sync.ca_bundle or None
    )
    name = args.name or config.terminal_label
    try:
        start = client.enrol(name)
        print(f"Enrolment code: {start.user_code}", flush=True)
        print(f"Approve it on the server: market-admin approve {start.user_code}", flush=True)
        creds = wait_for_approval(client, start)
    except (EnrolmentFailedError, SyncError) as exc:
        print(f"kiosk-admin: enrolment failed: {exc.code}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        client.close()
    credentials.save(paths.credentials, creds)
    print(f"enrolled as terminal {creds.terminal_id}")
    return 0


def _line(status: SyncStatus) -> str:
    w = status.waiting
    when = status.last_sync.strftime("%H:%M:%S") if status.last_sync else "never"
    problem = f" ({status.problem})" if status.problem and status.state != "online" else ""
    skew = " CLOCK SKEW" if status.skew_warning else ""
    return (
        f"{status.state}{problem}: last sync {when}, waiting {w.pending}, rejected {w.rejected}, "
        f"conflicts {w.conflicts}{skew}"
    )


def sync(args: argparse.Namespace, config: Config, paths: Paths) -> int:
    """Run sync headless: one cycle with ``--once``, else until interrupted."""
    from kiosk.store.sync import SyncRepository  # noqa: PLC0415
    from kiosk.wiring import build_sync, open_backend, refresh_catalogue  # noqa: PLC0415

    backend = open_backend(config, paths)
    worker = build_sync(
        config,
        paths,
        backend,
        on_status=lambda _s: None,
        on_pulled=lambda n: refresh_catalogue(backend, n),
    )
    if worker is None:
        print(
            "kiosk-admin: not enrolled (kiosk-admin enrol SERVER) or sync disabled", file=sys.stderr
        )
        return EXIT_FAILED
    try:
        if args.once:
            report = worker.run_once()
            print(_line(worker.status))
            if report is not None:
                print(
                    f"pushed {report.pushed}, rejected {report.rejected}, conflicts "
                    f"{report.conflicts}, deferred {report.retry}; pulled {report.pulled} in "
                    f"{report.pages} page(s){' after a full resync' if report.resynced else ''}"
                )
            for kind, reason, when in SyncRepository(backend.engine).rejected():
                print(f"rejected: {kind} ({reason}) captured {when:%Y-%m-%d %H:%M}")
            return 0 if report is not None else EXIT_FAILED
        worker.on_status = lambda s: print(_line(s), flush=True)
        worker.start()
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    finally:
        worker.stop()
        backend.engine.dispose()
