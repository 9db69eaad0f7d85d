"""A private CUPS server for the tests, with a virtual PDF printer (cups-pdf): its own
config, spool and log folders, a socket of its own, stopped by its pid. The system's CUPS
(if any) is never touched; cups-pdf reads its per-queue settings from
``/etc/cups/cups-pdf-<instance>.conf`` only, so that one file is written for the session
and removed at the end."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.process import end

PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")


def available() -> str | None:
    """Why a private CUPS with cups-pdf cannot run here (None: it can)."""
    if shutil.which("cupsd") is None or shutil.which("lpadmin") is None:
        return "cups is not installed (make test-services installs it)"
    if not PPD.exists() or not BACKEND.exists():
        return "printer-driver-cups-pdf is not installed"
    if os.geteuid() != 0:
        return "cups-pdf runs as root only"
    return None


@dataclass
class Cups:
    """A running private cupsd; ``server`` is what ``lp -h`` and [printer] server take."""

    root: Path
    process: subprocess.Popen[bytes]
    instance_conf: list[Path]

    @property
    def server(self) -> str:
        """The scheduler's socket."""
        return str(self.root / "cups.sock")

    @classmethod
    def start(cls, timeout_s: float = 15.0) -> Cups:
        """Write the config, start ``cupsd -f``, wait for its socket."""
        root = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
        root.chmod(0o755)  # the filters run as lp and read the spool below it
        for sub in ("etc/ppd", "spool/tmp", "cache", "run/certs", "log"):
            (root / sub).mkdir(parents=True)
        (root / "etc/cups-files.conf").write_text(
            "\n".join(
                [
                    f"ServerRoot {root}/etc",
                    f"RequestRoot {root}/spool",
                    f"TempDir {root}/spool/tmp",
                    f"CacheDir {root}/cache",
                    f"StateDir {root}/run",
                    f"ErrorLog {root}/log/error_log",
                    f"AccessLog {root}/log/access_log",
                    f"PageLog {root}/log/page_log",
                    "ServerBin /usr/lib/cups",
                    "DataDir /usr/share/cups",
                    "User lp",
                    "Group lp",
                    "SystemGroup root",
                    "FileDevice No",
                    "Sandboxing Relaxed",
                    "",
                ]
            )
        )
        (root / "etc/cupsd.conf").write_text(
            f"Listen {root}/cups.sock\nLogLevel info\nBrowsing No\nWebInterface No\n"
            "DefaultAuthType None\nMaxJobs 50\nPreserveJobHistory Yes\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
        )
        process = subprocess.Popen(
            [
                "cupsd",
                "-f",
                "-c",
                str(root / "etc/cupsd.conf"),
                "-s",
                str(root / "etc/cups-files.conf"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        cups = cls(root, process, [])
        deadline = time.monotonic() + timeout_s
        while not (root / "cups.sock").exists():
            if process.poll() is not None or time.monotonic() > deadline:
                cups.stop()
                raise RuntimeError("cupsd did not start: " + cups.log()[-500:])
            time.sleep(0.05)
        return cups

    def lp(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        """A CUPS client command against this server."""
        return subprocess.run(
            [tool, "-h", self.server, *args], capture_output=True, text=True, check=False
        )

    def add_pdf_printer(self, queue: str) -> Path:
        """A cups-pdf queue whose printouts land in the folder returned."""
        out = self.root / f"out-{queue}"
        out.mkdir(mode=0o777)
        instance = f"kiosktest{uuid.uuid4().hex[:8]}"
        conf = Path(f"/etc/cups/cups-pdf-{instance}.conf")
        conf.write_text(f"Out {out}\nAnonDirName {out}\nLabel 0\nGrp root\n")
        self.instance_conf.append(conf)
        added = subprocess.run(
            [
                *("lpadmin", "-h", self.server, "-p", queue, "-E"),
                *("-v", f"cups-pdf:/{instance}", "-P", str(PPD)),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if added.returncode != 0:
            raise RuntimeError(f"lpadmin: {added.stderr}")
        return out

    def log(self) -> str:
        """The scheduler's error log."""
        path = self.root / "log/error_log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        """Stop our cupsd by pid; remove its folder and the cups-pdf files we wrote."""
        end(self.process)
        for conf in self.instance_conf:
            conf.unlink(missing_ok=True)
        shutil.rmtree(self.root, ignore_errors=True)


needs_cups = pytest.mark.skipif(available() is not None, reason=str(available()))
