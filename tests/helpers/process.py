"""Ending a process the tests started, by its pid: TERM, then KILL if it lingers."""

from __future__ import annotations

import subprocess


def end(process: subprocess.Popen[bytes], timeout_s: float = 10.0) -> None:
    """Stop ``process`` (ours) and reap it; a process already gone is left as it is."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
