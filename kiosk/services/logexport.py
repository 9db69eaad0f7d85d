"""Exporting the kiosk's logs to a USB stick for a technician (issue 16), with nothing
personal in them: the log files (already free of personal data by rule) pass a scrubber
that masks anything shaped like an ID number or a mobile number, in case; with them the
diagnostics report. The archive is written whole or not at all (``kiosk.services.usbstick``):
a stick pulled out or full mid-export leaves no file that looks finished, and the screen
says so.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from kiosk.services.usbstick import safe_name, to_stick

ID_NUMBER = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)")
MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
MAX_LOG_BYTES = 20_000_000  # the rotating log holds 6 x 2 MB at most


def scrub(text: str) -> str:
    """Mask what looks like an ID number (18 digits) or a mobile number (11 digits)."""
    text = ID_NUMBER.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text)
    return MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)


def archive(log_dir: Path, report: str) -> bytes:
    """The zip: each log file scrubbed, and the diagnostics report."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        total = 0
        for path in sorted(log_dir.glob("kiosk.log*")):
            try:
                raw = path.read_bytes()
            except OSError:
                continue
            total += len(raw)
            if total > MAX_LOG_BYTES:
                break
            z.writestr(path.name, scrub(raw.decode("utf-8", errors="replace")))
        z.writestr("diagnostics.txt", scrub(report))
    return buffer.getvalue()


def export_logs(
    log_dir: Path, folders: Iterable[Path], terminal: str, report: str, now: dt.datetime
) -> Path:
    """Write the archive to the first stick found; its path. ExportError when there is no
    stick, or when the write fails (then no file of this export stays on the stick)."""
    name = f"kiosk-logs-{safe_name(terminal)}-{now:%Y%m%d-%H%M%S}.zip"
    return to_stick(folders, name, archive(log_dir, report))
