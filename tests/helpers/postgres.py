"""A private PostgreSQL cluster for the tests: initdb in a temp dir, its own port, stopped
by its pid when the session ends. Run as the ``postgres`` user when the tests run as root
(PostgreSQL refuses root)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError("PostgreSQL is not installed (make test installs the postgresql package)")


@dataclass
class Postgres:
    """A running private cluster; ``url(db)`` for SQLAlchemy."""

    port: int
    datadir: Path
    process: subprocess.Popen[bytes]
    user: str

    @classmethod
    def start(cls, timeout_s: float = 30.0) -> Postgres:
        """initdb, then postgres in the foreground on 127.0.0.1:<free port>."""
        bindir = _bindir()
        root = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        datadir = root / "data"
        run_as: list[str] = []
        user = pwd.getpwuid(os.getuid()).pw_name
        if os.getuid() == 0:
            user = "postgres"
            shutil.chown(root, user)
            run_as = ["runuser", "-u", user, "--"]
        subprocess.run(
            [
                *run_as,
                str(bindir / "initdb"),
                "-D",
                str(datadir),
                "-A",
                "trust",
                "-U",
                user,
                "--no-sync",
                "-E",
                "UTF8",
            ],
            check=True,
            capture_output=True,
        )
        port = free_port()
        process = subprocess.Popen(
            [
                *run_as,
                str(bindir / "postgres"),
                "-D",
                str(datadir),
                "-p",
                str(port),
                "-h",
                "127.0.0.1",
                "-k",
                str(root),
                "-c",
                "fsync=off",
                "-c",
                "max_connections=300",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        pg = cls(port, datadir, process, user)
        deadline = time.monotonic() + timeout_s
        while True:
            ok = (
                subprocess.run(
                    [str(bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                    capture_output=True,
                    check=False,
                ).returncode
                == 0
            )
            if ok:
                return pg
            if process.poll() is not None or time.monotonic() > deadline:
                pg.stop()
                raise RuntimeError("PostgreSQL did not start")
            time.sleep(0.2)

    def url(self, database: str = "postgres") -> str:
        """A psycopg URL for ``database``."""
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A fresh database; returns its URL."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop our postgres (by its pid; fast shutdown), then remove its files."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.datadir.parent, ignore_errors=True)
