"""Starts pcscd for the tests when none runs, and stops only the one it started (by pid)."""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


def vpcd_listening(port: int = 35963) -> bool:
    """Asks the kernel (ss), never connects: a connection would insert a card."""
    out = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True, check=False).stdout
    return any(
        line.split()[3].endswith(f":{port}") for line in out.splitlines() if len(line.split()) > 3
    )


def pcscd_running() -> bool:
    """True when some pcscd serves the machine."""
    return (
        subprocess.run(["pgrep", "-x", "pcscd"], capture_output=True, check=False).returncode == 0
    )


def serves_readers() -> bool:
    """pcscd answers a client and lists a reader (never connects to a card)."""
    from smartcard.scard import (
        SCARD_S_SUCCESS,
        SCARD_SCOPE_USER,
        SCardEstablishContext,
        SCardListReaders,
        SCardReleaseContext,
    )

    result, context = SCardEstablishContext(SCARD_SCOPE_USER)
    if result != SCARD_S_SUCCESS:
        return False
    try:
        result, readers = SCardListReaders(context, [])
        return result == SCARD_S_SUCCESS and bool(readers)
    finally:
        SCardReleaseContext(context)


@dataclass
class Pcscd:
    """A pcscd the tests started (``process``) or found running (``process`` None)."""

    process: subprocess.Popen[bytes] | None

    @classmethod
    def ensure(cls, timeout_s: float = 30.0) -> Pcscd:
        """Reuse a running pcscd or start one in the foreground; wait for vpcd."""
        if not shutil.which("pcscd") or not Path("/etc/reader.conf.d/vpcd").exists():
            raise RuntimeError(
                "pcscd or vsmartcard-vpcd is not installed (make test installs them)"
            )
        process = None
        if not pcscd_running():
            process = subprocess.Popen(
                ["pcscd", "--foreground"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        deadline = time.monotonic() + timeout_s
        # vpcd listens before pcscd answers its clients ("Service not available" for a
        # moment after a start on a busy machine): wait for both.
        while not (vpcd_listening() and serves_readers()):
            if time.monotonic() > deadline:
                ours = "started by the test" if process is not None else "found running"
                alive = process is None or process.poll() is None
                if process is not None:
                    process.kill()
                    process.wait()
                raise RuntimeError(
                    "pcscd did not serve the vpcd reader (port 35963) within "
                    f"{timeout_s:.0f} s (pcscd {ours}, alive {alive}, "
                    f"vpcd listening {vpcd_listening()})"
                )
            time.sleep(0.1)
        return cls(process)

    def stop(self) -> None:
        """Stop the pcscd we started, by pid; leave anyone else's alone."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        # pcscd removes its socket on exit; wait until vpcd is gone too
        deadline = time.monotonic() + 5
        while self.process is not None and vpcd_listening() and time.monotonic() < deadline:
            time.sleep(0.1)
