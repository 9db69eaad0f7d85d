"""Starts pcscd for the tests when none runs, and stops only the one it started (by pid)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def vpcd_listening(port: int = 35963) -> bool:
    """Asks the kernel (ss), never connects: a connection would insert a card."""
    out = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True, check=False).stdout
    return any(
        line.split()[3].endswith(f":{port}") for line in out.splitlines() if len(line.split()) > 3
    )


VPCD_PORTS = (35963, 35964)  # vpcd's two slots; either taken and pcscd drops the reader
_RESERVED = Path("/proc/sys/net/ipv4/ip_local_reserved_ports")


def reserve_vpcd_ports() -> str | None:
    """Keep the kernel from handing vpcd's ports to outgoing connections.

    They lie in Linux's ephemeral range (32768-60999): a test's client socket (PostgreSQL,
    uvicorn) that happens to get local port 35964 makes vpcd's second slot fail with
    "Address already in use", and pcscd then drops the whole reader (a clean-clone CI run
    failed so). As root, add them to ``ip_local_reserved_ports`` and return the previous
    value for ``restore_reserved_ports``; otherwise None (the start then waits for them)."""
    try:
        before = _RESERVED.read_text().strip()
        wanted = f"{VPCD_PORTS[0]}-{VPCD_PORTS[-1]}"
        _RESERVED.write_text(f"{before},{wanted}" if before else wanted)
    except OSError:
        return None
    return before


def restore_reserved_ports(before: str | None) -> None:
    """Put back what ``reserve_vpcd_ports`` found."""
    if before is not None:
        with contextlib.suppress(OSError):
            _RESERVED.write_text(before or "\n")


def ports_held() -> list[str]:
    """The sockets bound to vpcd's ports, as ``ss`` prints them; TIME-WAIT left out (vpcd
    binds with SO_REUSEADDR, and its own closed connections linger so for 60 s)."""
    out = subprocess.run(["ss", "-tanpH"], capture_output=True, text=True, check=False).stdout
    held = []
    for line in out.splitlines():
        fields = line.split()
        if len(fields) < 4 or fields[0] == "TIME-WAIT":
            continue
        if any(fields[3].endswith(f":{port}") for port in VPCD_PORTS):
            held.append(" ".join(fields))
    return held


def _wait_for_free_ports(timeout_s: float) -> None:
    """Until no other socket holds vpcd's ports (an outgoing connection given one of them
    before the reservation, or on a machine where we may not reserve)."""
    deadline = time.monotonic() + timeout_s
    while ports_held() and time.monotonic() < deadline:
        time.sleep(0.2)


def _wait_for_vpcd(timeout_s: float) -> bool:
    """vpcd listens before pcscd answers its clients ("Service not available" for a moment
    after a start on a busy machine): wait for both."""
    deadline = time.monotonic() + timeout_s
    while not (vpcd_listening() and serves_readers()):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _wait_until_gone(timeout_s: float) -> None:
    """Until no pcscd runs and vpcd's port is free (a stopped pcscd takes a moment)."""
    deadline = time.monotonic() + timeout_s
    while (pcscd_running() or vpcd_listening()) and time.monotonic() < deadline:
        time.sleep(0.1)


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
    log: Path | None = None  # our pcscd's --debug log (kept only when it failed to start)

    @classmethod
    def ensure(cls, timeout_s: float = 45.0, attempts: int = 3) -> Pcscd:
        """Reuse a running pcscd or start one in the foreground; wait for vpcd. A pcscd of
        ours that is alive but has not loaded vpcd after a while is stopped and started
        again (seen in clean-clone runs on a busy machine); its log says why if none does."""
        if not shutil.which("pcscd") or not Path("/etc/reader.conf.d/vpcd").exists():
            raise RuntimeError(
                "pcscd or vsmartcard-vpcd is not installed (make test installs them)"
            )
        if pcscd_running():
            if _wait_for_vpcd(timeout_s):
                return cls(None)
            raise RuntimeError(
                "a running pcscd (not ours) did not serve the vpcd reader (port 35963) "
                f"within {timeout_s:.0f} s (vpcd listening {vpcd_listening()})"
            )
        log = Path(tempfile.mkdtemp(prefix="pcscd-")) / "pcscd.log"
        for attempt in range(1, attempts + 1):
            _wait_for_free_ports(65.0)
            with log.open("ab") as out:
                process = subprocess.Popen(
                    ["pcscd", "--foreground", "--debug"], stdout=out, stderr=subprocess.STDOUT
                )
            if _wait_for_vpcd(timeout_s / attempts):
                return cls(process, log)
            alive = process.poll() is None
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            _wait_until_gone(5.0)
            if attempt == attempts:
                tail = log.read_text(errors="replace").splitlines()[-15:]
                raise RuntimeError(
                    f"pcscd did not serve the vpcd reader (port 35963) in {attempts} starts "
                    f"of {timeout_s / attempts:.0f} s (the last alive {alive}, vpcd listening "
                    f"{vpcd_listening()}; sockets on its ports {ports_held()}); its log {log} "
                    "ends:\n" + "\n".join(tail)
                )
        raise AssertionError("unreachable")

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
        if self.log is not None:
            shutil.rmtree(self.log.parent, ignore_errors=True)
