"""Logging for technicians: a rotating file in the data folder, and stderr."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
import time
from pathlib import Path

MAX_BYTES, BACKUPS = 2_000_000, 5
RETRY_S = 60.0  # after a failed write, the file is tried again this much later


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """The log file, falling back quietly when it cannot be written (a full or read-only
    disk): one line on stderr the first time, never a traceback per record; records then
    go to stderr alone, and the file is tried again a minute later."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        self.failed_at: float | None = None
        self.told = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.failed_at is not None and time.monotonic() - self.failed_at < RETRY_S:
            return
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        exc = sys.exc_info()[1]
        self.failed_at = time.monotonic()
        stream, self.stream = self.stream, None
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.close()
        if not self.told:
            self.told = True
            why = getattr(exc, "strerror", None) or type(exc).__name__
            sys.stderr.write(
                f"kiosk: cannot write {self.baseFilename} ({why}); logging to stderr\n"
            )


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
        handlers.append(QuietFileHandler(log_dir / "kiosk.log"))
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
