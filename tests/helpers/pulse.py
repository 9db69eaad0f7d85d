"""A private PulseAudio server for the tests: a null output (the kiosk's speaker) and a
virtual microphone that hears what is played into it. Started once per test session,
stopped by its pid; other sound servers are left alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.process import end

SINK, MIC = "kiosk_speaker", "kiosk_mic"


@dataclass
class Pulse:
    """A running server; ``server`` is the PULSE_SERVER value for clients."""

    process: subprocess.Popen[bytes] | None  # None: attached to a server not ours
    runtime: Path

    @property
    def server(self) -> str:
        """The client address."""
        return f"unix:{self.runtime / 'native'}"

    @classmethod
    def attach(cls, server: str) -> Pulse:
        """A server someone else started (``unix:<runtime>/native``): never stopped here."""
        runtime = Path(server.removeprefix("unix:")).parent
        return cls(None, runtime)

    @classmethod
    def start(cls, timeout_s: float = 10.0, *, microphone: bool = True) -> Pulse:
        """Start ``pulseaudio`` with the null sink and (unless told not) the microphone."""
        exe = shutil.which("pulseaudio")
        if exe is None:
            raise RuntimeError("pulseaudio is not installed (make test installs it)")
        runtime = Path(tempfile.mkdtemp(prefix="kiosk-pulse-"))
        env = {**os.environ, "HOME": str(runtime), "PULSE_RUNTIME_PATH": str(runtime)}
        modules = [f"module-null-sink sink_name={SINK}"]
        if microphone:
            modules.append(f"module-virtual-source source_name={MIC} master={SINK}.monitor")
        modules.append(f"module-native-protocol-unix socket={runtime / 'native'} auth-anonymous=1")
        flags = ["--daemonize=no", "-n", "--exit-idle-time=-1", "--disallow-exit"]
        flags += ["--use-pid-file=no", "--disable-shm=yes", "--log-target=stderr"]
        process = subprocess.Popen(
            [exe, *flags, *[arg for m in modules for arg in ("-L", m)]],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        pulse = cls(process, runtime)
        deadline = time.monotonic() + timeout_s
        while not (runtime / "native").exists():
            if process.poll() is not None or time.monotonic() > deadline:
                pulse.stop()
                raise RuntimeError("pulseaudio did not start")
            time.sleep(0.05)
        return pulse

    def stop(self) -> None:
        """Stop our server by pid; remove its folder."""
        if self.process is None:
            return  # not ours
        end(self.process, 5)
        shutil.rmtree(self.runtime, ignore_errors=True)


class Listener:
    """Records the speaker's monitor with ``parec`` and says when sound began: the time a
    person in front of the kiosk would hear it, not when a player says it started.

    Each chunk read is stamped with ``time.perf_counter()`` on arrival; a sample's time is
    its chunk's stamp less the samples after it (``parec``'s own buffering, ~10 ms, is
    not subtracted: the figures err on the slow side)."""

    RATE = 16000
    CHUNK = 160  # samples: 10 ms

    def __init__(self, pulse: Pulse, threshold: int = 300) -> None:
        import threading

        exe = shutil.which("parec")
        if exe is None:
            raise RuntimeError("parec is not installed (pulseaudio-utils)")
        self.threshold = threshold
        self.chunks: list[tuple[float, bytes]] = []
        self._lock = threading.Lock()
        self.process = subprocess.Popen(
            [
                exe,
                f"--device={SINK}.monitor",
                "--format=s16le",
                f"--rate={self.RATE}",
                "--channels=1",
                "--latency-msec=10",
                "--raw",
            ],
            env={**os.environ, "PULSE_SERVER": pulse.server},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._thread = threading.Thread(target=self._read, name="listener", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        out = self.process.stdout
        assert out is not None
        while True:
            data = out.read(self.CHUNK * 2)
            if not data:
                return
            with self._lock:
                self.chunks.append((time.perf_counter(), data))

    def onset_after(self, since: float) -> float | None:
        """The time of the first sample louder than the threshold heard after ``since``."""
        import array

        with self._lock:
            chunks = [c for c in self.chunks if c[0] > since]
        for stamp, data in chunks:
            samples = array.array("h", data[: len(data) // 2 * 2])
            for i, value in enumerate(samples):
                if abs(value) > self.threshold:
                    at = stamp - (len(samples) - i) / self.RATE
                    if at >= since:
                        return at
        return None

    def forget(self) -> None:
        """Drop what was recorded so far (a long run stays small)."""
        with self._lock:
            self.chunks.clear()

    def stop(self) -> None:
        """Stop ``parec`` (our own process, by pid)."""
        end(self.process, 5)
        self._thread.join(timeout=5)
