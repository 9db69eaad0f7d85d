"""The ``kiosk`` command's options, and the config they select."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

from kiosk.config import Config, Paths, load_config, resolve_paths, with_overrides


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options of ``kiosk``."""
    p = argparse.ArgumentParser(prog="kiosk", description="Gig-station self-service kiosk")
    p.add_argument(
        "--config",
        type=Path,
        default=None,
        help="TOML config file (default: $KIOSK_CONFIG or none)",
    )
    p.add_argument(
        "--demo", action="store_true", help="demo mode: demo data, demo card panel, exit button"
    )
    p.add_argument(
        "--check", action="store_true", help="print diagnostics and exit (non-zero on failure)"
    )
    p.add_argument(
        "--windowed", action="store_true", help="a window instead of full screen (development)"
    )
    p.add_argument("--measure-startup", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def load(args: argparse.Namespace) -> tuple[Config, Paths]:
    """Config from ``--config`` or ``$KIOSK_CONFIG``, with ``--demo`` applied."""
    path = args.config or (
        Path(os.environ["KIOSK_CONFIG"]) if os.environ.get("KIOSK_CONFIG") else None
    )
    config = load_config(path)
    if args.demo:
        config = with_overrides(config, terminal={"demo": True})
    return config, resolve_paths(config)
