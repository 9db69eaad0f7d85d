"""Files for staff and technicians on a USB stick: the first mounted, writable stick under
``[storage] usb_dirs``, written whole or not at all (``write_atomic``), so that a stick
pulled out or full mid-write leaves no file that looks finished. Callers run this off the
DB worker: a stick pulled out can hang a write."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path

from kiosk.domain.errors import ExportError, ExportErrorKind
from kiosk.domain.files import write_atomic

log = logging.getLogger(__name__)


def sticks(folders: Iterable[Path]) -> list[Path]:
    """Mounted, writable folders under ``folders`` (a folder itself, its children and
    grandchildren: /media/STICK, /media/USER/STICK), in name order."""
    found: list[Path] = []
    for root in folders:
        candidates = [root]
        try:
            for child in sorted(root.iterdir()):
                candidates.append(child)
                if child.is_dir() and not os.path.ismount(child):
                    candidates += sorted(child.iterdir())
        except OSError:
            continue
        found += [c for c in candidates if os.path.ismount(c) and os.access(c, os.W_OK)]
    return list(dict.fromkeys(found))


def safe_name(terminal: str) -> str:
    """The terminal's name as a file-name part (letters, digits, - and _)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", terminal)[:40] or "kiosk"


def to_stick(folders: Iterable[Path], filename: str, data: bytes) -> Path:
    """Write ``data`` as ``filename`` on the first stick found; its path. ExportError when
    there is no stick, or when the write fails (then no file of it stays on the stick)."""
    found = sticks(folders)
    if not found:
        raise ExportError(ExportErrorKind.NO_STICK)
    target = found[0] / filename
    try:
        write_atomic(target, data, mode=None)
    except OSError as exc:
        log.warning("export to a stick failed: %s", exc.strerror or type(exc).__name__)
        raise ExportError(ExportErrorKind.FAILED, exc.strerror or "") from None
    log.info("written to a stick (%d bytes)", len(data))
    return target
