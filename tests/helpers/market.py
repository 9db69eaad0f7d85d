"""The reference market server for tests: uvicorn on loopback in a subprocess, stopped by pid;
plus in-process ``market-admin`` calls against the same database."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from market import admin
from tests.helpers.postgres import free_port
from tests.helpers.process import end

ROOT = Path(__file__).resolve().parents[2]


def market_admin(database: str, *args: str) -> str:
    """Run ``market-admin --database DATABASE ARGS``; return stdout (raise on failure)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = admin.main(["--database", database, *args])
    if code != 0:
        raise RuntimeError(f"market-admin {' '.join(args)} failed: {err.getvalue().strip()}")
    return out.getvalue()


@dataclass
class MarketServer:
    """A running ``python -m market`` on 127.0.0.1."""

    database: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        """The base address."""
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    def start(
        cls,
        database: str,
        log: Path,
        port: int | None = None,
        env: dict[str, str] | None = None,
        workers: int = 1,
    ) -> MarketServer:
        """Start (``workers`` processes) and wait until ``/v1/status`` answers."""
        port = port or free_port()
        args = ["--port", str(port), "--database", database, "--workers", str(workers)]
        process = subprocess.Popen(
            [sys.executable, "-m", "market", *args],
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env={**os.environ, "MARKET_ENROL_INTERVAL_S": "1", **(env or {})},
        )
        server = cls(database, port, process, log)
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{server.url}/v1/status", timeout=1).ok:
                    return server
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                server.stop()
                raise RuntimeError(f"market server did not start: {log.read_text()[-2000:]}")
            time.sleep(0.1)

    def worker_pids(self) -> list[int]:
        """The worker processes this server started (its children that serve requests)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                cmdline = (stat.parent / "cmdline").read_bytes()
            except OSError:
                continue  # gone meanwhile
            if int(fields[1]) == self.process.pid and b"spawn_main" in cmdline:
                found.append(int(stat.parent.name))
        return sorted(found)

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        """Stop by pid (TERM, then KILL)."""
        end(self.process)

    def restart(self) -> None:
        """Start again on the same port and database."""
        self.stop()
        fresh = MarketServer.start(self.database, self.log, self.port)
        self.process = fresh.process


def server_rows(database: str, table: type[Any], *where: Any) -> int:
    """Rows in a server table (read directly, as an auditor would)."""
    engine = create_engine(database)
    with Session(engine) as s:
        n = int(s.scalar(select(func.count()).select_from(table).where(*where)) or 0)
    engine.dispose()
    return n
