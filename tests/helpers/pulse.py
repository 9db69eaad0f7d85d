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

SINK, MIC = "kiosk_speaker", "kiosk_mic"


@dataclass
class Pulse:
    """A running server; ``server`` is the PULSE_SERVER value for clients."""

    process: subprocess.Popen[bytes]
    runtime: Path

    @property
    def server(self) -> str:
        """The client address."""
        return f"unix:{self.runtime / 'native'}"

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
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.runtime, ignore_errors=True)
