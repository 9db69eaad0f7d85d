"""A CUPS print queue, driven by the standard CUPS client commands (``lp``, ``lpstat``),
which every Debian kiosk with ``cups-client`` has; no library binding is needed for "send
this PDF, N copies, and tell me when it is done".

Every failure is a :class:`PrintError` with a short ``reason`` a screen can say in words
(``print.problem.<reason>``): no printer configured, the queue missing, the printer
stopped (offline, out of paper: CUPS stops a queue whose device fails), refusing jobs, the
print server unreachable, or no answer in time. Nothing here ever blocks the GUI thread:
callers run it on a worker.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)
REASONS = ("not_configured", "no_printer", "stopped", "rejecting", "no_server", "timeout", "failed")
JOB_ID = re.compile(r"request id is (\S+)")


class PrintError(Exception):
    """Why a printout did not happen; ``detail`` is for the log and the technician."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class PrinterState:
    """What ``lpstat`` says of the queue."""

    exists: bool
    enabled: bool
    accepting: bool
    message: str  # the printer's last state message ("Paper out", ...), may be empty


@dataclass(frozen=True)
class Printed:
    """A job CUPS has finished: its id and how long from sending to done."""

    job_id: str
    seconds: float


class CupsPrinter:
    """One queue on one CUPS server (``server`` empty: the system's default server)."""

    def __init__(
        self,
        queue: str,
        server: str = "",
        *,
        timeout_s: float = 10.0,
        wait_s: float = 60.0,
        run: Callable[..., subprocess.CompletedProcess[str]] = subprocess.run,
    ) -> None:
        self.queue, self.server = queue, server
        self.timeout_s, self.wait_s = timeout_s, wait_s
        self._run = run

    def _cmd(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        exe = shutil.which(tool)
        if exe is None:
            raise PrintError("no_server", f"{tool} is not installed (apt-get install cups-client)")
        host = ("-h", self.server) if self.server else ()
        try:
            return self._run(
                [exe, *host, *args],
                capture_output=True,
                text=True,
                timeout=self.timeout_s,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PrintError(
                "timeout", f"{tool} did not answer in {self.timeout_s:.0f} s"
            ) from None

    @staticmethod
    def _classify(stderr: str) -> str:
        text = stderr.lower()
        if "does not exist" in text or "invalid destination" in text or "unknown" in text:
            return "no_printer"
        if "not accepting" in text:
            return "rejecting"
        if "unable to connect" in text or "not responding" in text or "connection" in text:
            return "no_server"
        return "failed"

    def state(self) -> PrinterState:
        """The queue's state (raises when the server cannot be asked)."""
        if not self.queue:
            raise PrintError("not_configured")
        running = self._cmd("lpstat", "-r")
        if running.returncode != 0 or "not running" in running.stdout:
            raise PrintError("no_server", self.server or "this machine")
        queue = self._queue()
        if queue is None:
            return PrinterState(exists=False, enabled=False, accepting=False, message="")
        enabled, message = queue
        accepting = self._cmd("lpstat", "-a", self.queue)
        return PrinterState(
            exists=True,
            enabled=enabled,
            accepting=accepting.returncode == 0 and "not accepting" not in accepting.stdout,
            message=message,
        )

    def _queue(self) -> tuple[bool, str] | None:
        """(enabled, the printer's last message) from ``lpstat -p``; None: no such queue."""
        shown = self._cmd("lpstat", "-l", "-p", self.queue)
        if shown.returncode != 0:
            reason = self._classify(shown.stderr)
            if reason == "no_printer":
                return None
            raise PrintError(reason, shown.stderr.strip()[:200])
        first = shown.stdout.splitlines()[0] if shown.stdout else ""
        lines = [ln.strip() for ln in shown.stdout.splitlines()[1:] if ln.strip()]
        message = next((ln for ln in lines if not ln.endswith(":") and ":" not in ln[:12]), "")
        return " disabled" not in first, message[:120]

    def ready(self) -> PrinterState:
        """The state, or :class:`PrintError` when a job sent now would not print."""
        state = self.state()
        if not state.exists:
            raise PrintError("no_printer", self.queue)
        if not state.accepting:
            raise PrintError("rejecting", state.message)
        if not state.enabled:
            raise PrintError("stopped", state.message)
        return state

    def submit(self, pdf: Path, *, copies: int = 1, title: str = "") -> str:
        """Send ``pdf``; the job id."""
        self.ready()
        copies_args = ["-n", str(max(1, copies)), "-o", "collate=true"]  # whole copies
        args = ["-d", self.queue, *copies_args, "-t", title or pdf.stem, str(pdf)]
        sent = self._cmd("lp", *args)
        if sent.returncode != 0:
            raise PrintError(self._classify(sent.stderr), sent.stderr.strip()[:200])
        found = JOB_ID.search(sent.stdout)
        if found is None:
            raise PrintError("failed", sent.stdout.strip()[:200])
        log.info("print job %s sent (%d copies)", found.group(1), copies)
        return found.group(1)

    def done(self, job_id: str) -> bool:
        """True once CUPS lists the job as completed."""
        listed = self._cmd("lpstat", "-W", "completed", "-o", self.queue)
        return any(line.split()[:1] == [job_id] for line in listed.stdout.splitlines())

    def print_pdf(
        self, pdf: Path, *, copies: int = 1, title: str = "", wait_s: float | None = None
    ) -> Printed:
        """Send ``pdf`` and wait until it has printed; a queue that stops meanwhile (the
        device failed: offline, out of paper) raises ``stopped`` with the printer's words."""
        wait_s = self.wait_s if wait_s is None else wait_s
        start = time.monotonic()
        job = self.submit(pdf, copies=copies, title=title)
        while time.monotonic() - start < wait_s:
            if self.done(job):
                return Printed(job, time.monotonic() - start)
            enabled, message = self._queue() or (False, "")  # the queue only: 2 calls a poll
            if not enabled:
                self._cmd("cancel", job)
                raise PrintError("stopped", message)
            time.sleep(0.25)
        self._cmd("cancel", job)
        raise PrintError("timeout", f"job {job} not printed within {wait_s:.0f} s")
