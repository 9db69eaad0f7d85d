"""Logging for technicians: a rotating file in the data folder, and stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

MAX_BYTES, BACKUPS = 2_000_000, 5


def setup_logging(log_dir: Path, level: str) -> Path | None:
    """Log to ``log_dir/kiosk.log`` (5 x 2 MB) and stderr; never personal data (callers' duty).

    When the folder cannot be written, logging goes to stderr only and says so once, so
    that ``kiosk --check`` can still run and report the folder.
    """
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if handler.get_name() == "kiosk":
            root.removeHandler(handler)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    path: Path | None = log_dir / "kiosk.log"
    problem = ""
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_dir / "kiosk.log", maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
        )
    except OSError as exc:
        path, problem = None, f"{type(exc).__name__}: {exc.strerror or exc}"
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.set_name("kiosk")
        root.addHandler(handler)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if problem:
        logging.getLogger("kiosk").warning("cannot write logs in %s (%s)", log_dir, problem)
    return path
