"""What a phone's camera would read off a printout: the PDF rendered by poppler's
pdftoppm, each page scanned by zbarimg."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path


def qr_codes(pdf: Path, dpi: int = 150) -> set[str]:
    """Every QR code on every page of ``pdf``."""
    found: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="kiosk-qr-") as tmp:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", str(pdf), f"{tmp}/p"],
            check=True,
            capture_output=True,
        )
        for png in sorted(Path(tmp).glob("p-*.png")):
            out = subprocess.run(
                ["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True, check=False
            )
            found.update(line for line in out.stdout.splitlines() if line)
    return found
