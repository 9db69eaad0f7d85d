"""``market-server``: run the reference market server with uvicorn, in N worker processes.

The schema is migrated once, here, before any worker starts; each worker then builds its own
app from the environment (``market.api:app_from_env``), so workers share nothing but the
database: nonces, idempotency records and the change feed all live there.
"""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Sequence

import uvicorn

from market.db import make_engine, migrate
from market.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the v1 API; ``--database`` overrides ``$MARKET_DATABASE_URL``."""
    p = argparse.ArgumentParser(prog="market-server", description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8800)
    p.add_argument("--database", help="database URL (default: $MARKET_DATABASE_URL)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--log-level", default="warning")
    args = p.parse_args(argv)
    if args.workers < 1:
        p.error("--workers must be at least 1")
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s %(message)s")
    if args.database:  # the workers read it from the environment they inherit
        os.environ["MARKET_DATABASE_URL"] = args.database
    settings = Settings.from_env()
    engine = make_engine(settings.database_url)
    migrate(engine)
    engine.dispose()
    uvicorn.run(
        "market.api:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        access_log=False,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
