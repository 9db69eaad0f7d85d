"""``market-server``: run the reference market server with uvicorn."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence

import uvicorn

from market.api import create_app
from market.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the v1 API; ``--database`` overrides ``$MARKET_DATABASE_URL``."""
    p = argparse.ArgumentParser(prog="market-server", description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8800)
    p.add_argument("--database", help="database URL (default: $MARKET_DATABASE_URL)")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--log-level", default="warning")
    args = p.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s %(message)s")
    settings = Settings.from_env(**({"database_url": args.database} if args.database else {}))
    uvicorn.run(
        create_app(settings),
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        access_log=False,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
