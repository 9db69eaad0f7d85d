"""Printing for ``market-admin``: what kiosks and the web chose (a terminal's name, an
employer's name) is shown, never obeyed. Control and format characters (newlines, terminal
escapes, bidirectional overrides) are printed as ``\\xNN`` / ``\\uNNNN``, so no name can
fake a row or move the cursor (issue 17)."""

from __future__ import annotations

import sys
import unicodedata


def escaped(text: object) -> str:
    """``text`` with every control and format character written as an escape."""
    out = []
    for ch in str(text):
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def say(*lines: object, err: bool = False) -> None:
    """Print each of ``lines`` on its own line, escaped."""
    stream = sys.stderr if err else sys.stdout
    for line in lines:
        print(escaped(line), file=stream)
