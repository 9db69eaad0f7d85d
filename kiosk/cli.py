"""``kiosk-admin``: technician commands (seed, PINs, enrol, sync, diagnostics, screenshots)."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import Config, ConfigError, Paths, example_toml
from kiosk.domain.errors import AuthError, KioskError
from kiosk.domain.storage import storage_error

if TYPE_CHECKING:
    from kiosk.wiring import Backend

EXIT_USAGE, EXIT_FAILED = 2, 1
MAX_SEED_JOBS = 100_000


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kiosk-admin", description="Technician commands for the gig-station kiosk"
    )
    p.add_argument(
        "--config",
        type=Path,
        default=None,
        help="TOML config file (default: $KIOSK_CONFIG or none)",
    )
    p.add_argument("--demo", action="store_true", help="act on the demo data folder")
    sub = p.add_subparsers(dest="command", required=True)
    seed = sub.add_parser("seed", help="replace the job catalogue with generated demo data")
    seed.add_argument(
        "--jobs", type=int, default=2000, help="number of jobs (default 2000, up to 100000)"
    )
    seed.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same data)")
    seed.add_argument("--replace", action="store_true", help="allowed to replace existing jobs")
    pin = sub.add_parser(
        "set-pin", help="set the staff or technician PIN (read from the terminal or stdin)"
    )
    pin.add_argument("--role", choices=("staff", "technician"), required=True)
    card = sub.add_parser("read-card", help="wait for one card and print it (masked)")
    card.add_argument("--backend", choices=("pcsc", "sam", "demo"), default=None)
    card.add_argument("--port", default=None, help="serial port for the sam backend")
    card.add_argument("--timeout", type=float, default=20.0, help="seconds to wait (default 20)")
    card.add_argument(
        "--demo-card", default="resident_tibetan", help="sample card for --backend demo"
    )
    sub.add_parser("diagnose", help="print the diagnostics report (same as kiosk --check)")
    sub.add_parser("config-example", help="print a documented example config file")
    from kiosk.cli_sync import add_parsers  # noqa: PLC0415

    add_parsers(sub)
    pdf = sub.add_parser(
        "agreement-pdf", help="write a signed sample agreement from the demo data (needs --demo)"
    )
    pdf.add_argument("path", type=Path)
    pdf.add_argument("--paper", choices=("a4", "receipt80"), default=None)
    pdf.add_argument("--print", action="store_true", help="also print it on [printer] queue")
    sub.add_parser("print-test", help="print a test page on the configured printer ([printer])")
    again = sub.add_parser("reprint", help="print a signed agreement again, exactly as signed")
    again.add_argument("code", help="the agreement code on the printout (K7PD-3XQM)")
    again.add_argument("--copies", type=int, default=None, help="default: [printer] copies")
    again.add_argument("--out", type=Path, default=None, help="also keep the PDF here")
    export = sub.add_parser(
        "export-key", help="copy the installation key to FILE (a USB stick): keep it safe"
    )
    export.add_argument("file", type=Path)
    restore = sub.add_parser(
        "import-key", help="put back the installation key that export-key wrote to FILE"
    )
    restore.add_argument("file", type=Path)
    shots = sub.add_parser("screenshots", help="render every screen to PNG (offscreen)")
    shots.add_argument("out_dir", type=Path)
    shots.add_argument("--modes", default="both,bo,zh,en", help="comma-separated display modes")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``kiosk-admin``."""
    args = _parser().parse_args(argv)
    if args.command == "config-example":
        print(example_toml(), end="")
        return 0
    from kiosk.check import run_check  # noqa: PLC0415
    from kiosk.cli_args import load  # noqa: PLC0415
    from kiosk.logsetup import setup_logging  # noqa: PLC0415

    try:
        config, paths = load(args)
    except ConfigError as exc:
        print(f"kiosk-admin: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    setup_logging(paths.logs, "WARNING")
    if args.command == "diagnose":
        return run_check(config, paths)
    if args.command == "read-card":
        from kiosk.readcard import read_one  # noqa: PLC0415

        return read_one(
            config.idcard,
            backend=args.backend,
            port=args.port,
            timeout_s=args.timeout,
            demo_card=args.demo_card,
        )
    return _guarded(args, config, paths)


def _guarded(args: argparse.Namespace, config: Config, paths: Paths) -> int:
    """Run the command; a failure is one line on stderr (a fault of the disk named as one,
    even from deep in a library), never a traceback."""
    try:
        return _run(args, config, paths)
    except Exception as exc:
        fault = storage_error(exc, paths.data_dir)
        if fault is None and not isinstance(exc, KioskError | OSError | ValueError):
            raise
        print(f"kiosk-admin: {args.command} failed: {fault or exc}", file=sys.stderr)
        return EXIT_FAILED


def _run(args: argparse.Namespace, config: Config, paths: Paths) -> int:
    if args.command in ("enrol", "sync"):
        from kiosk import cli_sync  # noqa: PLC0415

        return (
            cli_sync.enrol(args, config, paths)
            if args.command == "enrol"
            else (cli_sync.sync(args, config, paths))
        )
    if args.command in ("agreement-pdf", "print-test", "reprint"):
        from kiosk import cli_print  # noqa: PLC0415

        if args.command == "print-test":
            return cli_print.print_test(config, paths)
        run = cli_print.agreement_pdf if args.command == "agreement-pdf" else cli_print.reprint
        return run(args, config, paths)
    if args.command in ("export-key", "import-key"):
        return _key(args, paths)
    if args.command == "screenshots":
        from kiosk.screenshots import render_all  # noqa: PLC0415

        for path in render_all(config, paths, args.out_dir, args.modes.split(",")):
            print(path)
        return 0
    from kiosk.wiring import open_backend  # noqa: PLC0415

    backend = open_backend(config, paths)
    try:
        handler = {"seed": _seed, "set-pin": _set_pin}[args.command]
        return handler(args, paths, backend)
    finally:
        backend.engine.dispose()


def _seed(args: argparse.Namespace, paths: Paths, backend: Backend) -> int:
    from kiosk.store.repositories import DemoRepository  # noqa: PLC0415
    from kiosk.wiring import seed_demo  # noqa: PLC0415

    if not 1 <= args.jobs <= MAX_SEED_JOBS:
        print(f"kiosk-admin: --jobs must be between 1 and {MAX_SEED_JOBS}", file=sys.stderr)
        return EXIT_USAGE
    if DemoRepository(backend.engine).has_jobs() and not args.replace:
        print("kiosk-admin: the database already has jobs; add --replace", file=sys.stderr)
        return EXIT_FAILED
    n = seed_demo(backend, paths, args.jobs, backend.clock.now().date(), args.seed)
    print(f"seeded {n} jobs into {paths.database}")
    return 0


def _key(args: argparse.Namespace, paths: Paths) -> int:
    """Export the installation key, or put an exported one back (see kiosk.store.secret)."""
    from kiosk.store.db import open_database  # noqa: PLC0415
    from kiosk.store.secret import export_key, import_key  # noqa: PLC0415

    if args.command == "export-key":
        check = export_key(paths.secret, args.file)
        print(f"installation key written to {args.file} (check {check}); keep it locked away")
        return 0
    engine, _ = open_database(paths.database)
    try:
        check = import_key(args.file, paths.secret, engine)
    finally:
        engine.dispose()
    print(f"installation key restored as {paths.secret} (check {check})")
    return 0


def _set_pin(args: argparse.Namespace, paths: Paths, backend: Backend) -> int:
    from kiosk.services.admin_auth import Role  # noqa: PLC0415

    tty = sys.stdin.isatty()
    pin = getpass.getpass("new PIN: ") if tty else sys.stdin.readline().strip()
    try:
        backend.auth.set_pin(Role(args.role), pin)
    except AuthError:
        print("kiosk-admin: a PIN has 4 to 8 digits", file=sys.stderr)
        return EXIT_USAGE
    print(f"{args.role} PIN set")
    return 0
