"""Logging for technicians: a rotating file in the data folder, and stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path


def setup_logging(log_dir: Path, level: str) -> Path:
    """Log to ``log_dir/kiosk.log`` (5 x 2 MB); never personal data (callers' duty)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "kiosk.log"
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if handler.get_name() == "kiosk":
            root.removeHandler(handler)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    stream = logging.StreamHandler()
    for handler in (file_handler, stream):
        handler.setFormatter(fmt)
        handler.set_name("kiosk")
        root.addHandler(handler)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return path
