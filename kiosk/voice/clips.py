"""The recorded clips of one kiosk, and what the market knows of each.

Clips live under ``root/bo/<name>.wav`` (name: a message id, or ``num/<value>``). Beside them
``root/clips.json`` says, for each clip, which market version it is and whether it still has
to go up: a clip recorded here is *pending* until the market has it, one pulled from the
market is that version. A file that appears or changes by hand (no entry, or its size and
time differ from the entry's) counts as recorded here. Every change to the index takes a
file lock, so the recording screen and the sync thread (and ``kiosk-admin``) never lose
each other's updates; every clip is written to a temporary file and renamed into place, so
a player never opens half a file.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.domain.clips import BadClipError, ClipInfo, check_wav, digest, valid_name
from kiosk.domain.files import write_atomic

log = logging.getLogger(__name__)
HEADER = 44  # a WAV header with no samples


@dataclass(frozen=True)
class ClipState:
    """One clip as this kiosk knows it."""

    name: str
    version: int  # the market's version this file is (0: never on the market)
    pending: bool  # recorded here, still to go up to the market
    refused: str | None  # why the market refused this take (until it is recorded again)


@dataclass(frozen=True)
class Pending:
    """A clip to send up: its bytes and their digest."""

    name: str
    data: bytes
    sha256: str


class ClipLibrary:
    """Recorded clips and their sharing state."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.index_path = root / "clips.json"

    # -- playing --------------------------------------------------------------------------

    def path(self, name: str) -> Path:
        """Where the clip ``name`` lives (whether recorded or not)."""
        return self.root / "bo" / f"{name}.wav"

    def has(self, name: str) -> bool:
        """True when the clip is recorded (a non-empty file)."""
        p = self.path(name)
        return p.is_file() and p.stat().st_size > HEADER

    def coverage(self, names: list[str]) -> tuple[int, int]:
        """(recorded, wanted)."""
        return sum(1 for n in names if self.has(n)), len(names)

    def names(self) -> list[str]:
        """Every clip on disk, sorted."""
        bo = self.root / "bo"
        if not bo.is_dir():
            return []
        found = (p.relative_to(bo).with_suffix("").as_posix() for p in bo.rglob("*.wav"))
        return sorted(n for n in found if valid_name(n) and self.has(n))

    # -- recording and pulling ---------------------------------------------------------------

    def record(self, name: str, data: bytes) -> ClipInfo:
        """Keep a take recorded here (checked first: :class:`BadClipError`); it goes up to
        the market at the next sync."""
        info = check_wav(data)
        with self._index() as index:
            self._write(name, data)
            version = int(index["clips"].get(name, {}).get("version", 0))
            index["clips"][name] = self._entry(name, version, info.sha256, pending=True)
        log.info("clip recorded (%.1f s)", info.seconds)
        return info

    def store_pulled(self, name: str, version: int, sha256: str, data: bytes) -> bool:
        """Keep a clip pulled from the market, if it is what the manifest said and playable;
        never over a take recorded here that has not gone up yet. True when kept."""
        if not valid_name(name):
            raise BadClipError("bad_name")
        if digest(data) != sha256:
            raise BadClipError("mismatch")
        check_wav(data)
        with self._index() as index:
            if self._pending(index, name):
                return False
            self._write(name, data)
            index["clips"][name] = self._entry(name, version, sha256, pending=False)
        return True

    # -- what the sync thread asks -----------------------------------------------------------

    def state(self, name: str) -> ClipState:
        """What this kiosk knows of ``name``."""
        with self._index(write=False) as index:
            return self._state(index, name)

    def pending(self) -> list[Pending]:
        """Clips recorded here that the market has not got (refused ones wait for a new
        take)."""
        out = []
        with self._index(write=False) as index:
            for name in self.names():
                if self._pending(index, name):
                    data = self.path(name).read_bytes()
                    out.append(Pending(name, data, digest(data)))
        return out

    def sent(self, name: str, sha256: str, version: int) -> None:
        """The market has ``sha256`` as ``version`` (unless the file changed meanwhile)."""
        with self._index() as index:
            if self._current_sha(name) == sha256:
                index["clips"][name] = self._entry(name, version, sha256, pending=False)

    def refused(self, name: str, sha256: str, reason: str) -> None:
        """The market refused this take; it stays here (and is played) until re-recorded."""
        with self._index() as index:
            if self._current_sha(name) == sha256:
                version = int(index["clips"].get(name, {}).get("version", 0))
                entry = self._entry(name, version, sha256, pending=True)
                index["clips"][name] = {**entry, "refused": reason}

    def market_tag(self) -> str:
        """The manifest tag last pulled in full ("" before the first)."""
        with self._index(write=False) as index:
            return str(index.get("market_tag", ""))

    def set_market_tag(self, tag: str) -> None:
        """Every clip of the manifest ``tag`` is here (or was refused)."""
        with self._index() as index:
            index["market_tag"] = tag

    def summary(self) -> tuple[int, list[ClipState]]:
        """(clips waiting to go up, refused clips) for ``kiosk --check``."""
        with self._index(write=False) as index:  # read once, not once a clip
            states = [self._state(index, n) for n in self.names()]
        return sum(1 for s in states if s.pending), [s for s in states if s.refused]

    # -- the index ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _index(self, *, write: bool = True) -> Iterator[dict[str, Any]]:
        if not write and not self.root.is_dir():
            yield {"clips": {}}  # nothing recorded yet: a reader creates nothing
            return
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "clips.lock", "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX if write else fcntl.LOCK_SH)
            index = self._load()
            yield index
            if write:
                self._atomic(self.index_path, json.dumps(index, sort_keys=True).encode())

    def _load(self) -> dict[str, Any]:
        try:
            index = json.loads(self.index_path.read_bytes())
        except FileNotFoundError:
            index = {}
        except ValueError:
            log.warning("clip index unreadable: every clip counts as recorded here")
            index = {}
        if not isinstance(index, dict) or not isinstance(index.get("clips"), dict):
            index = {"clips": {}}
        return index

    def _entry(self, name: str, version: int, sha256: str, *, pending: bool) -> dict[str, Any]:
        st = self.path(name).stat()
        return {
            "version": version,
            "sha256": sha256,
            "pending": pending,
            "size": st.st_size,
            "mtime_ns": st.st_mtime_ns,
        }

    def _changed(self, entry: dict[str, Any], name: str) -> bool:
        """The file is not the one the entry describes (or there is no entry)."""
        try:
            st = self.path(name).stat()
        except FileNotFoundError:
            return False
        return (entry.get("size"), entry.get("mtime_ns")) != (st.st_size, st.st_mtime_ns)

    def _state(self, index: dict[str, Any], name: str) -> ClipState:
        entry = index["clips"].get(name, {})
        return ClipState(
            name,
            int(entry.get("version", 0)),
            self._pending(index, name),
            self._refusal(entry, name),
        )

    def _pending(self, index: dict[str, Any], name: str) -> bool:
        """Recorded here and still to go up (a refused take waits for a new one)."""
        if not self.has(name):
            return False
        entry = index["clips"].get(name, {})
        if self._changed(entry, name):
            return True
        return bool(entry.get("pending", True)) and not entry.get("refused")

    def _refusal(self, entry: dict[str, Any], name: str) -> str | None:
        """Why this file was refused (None once it is replaced)."""
        reason = entry.get("refused")
        return str(reason) if reason and not self._changed(entry, name) else None

    def _current_sha(self, name: str) -> str | None:
        try:
            return digest(self.path(name).read_bytes())
        except FileNotFoundError:
            return None

    def _write(self, name: str, data: bytes) -> None:
        if not valid_name(name):
            raise BadClipError("bad_name")
        self._atomic(self.path(name), data)

    @staticmethod
    def _atomic(target: Path, data: bytes) -> None:
        write_atomic(target, data, 0o600)


__all__ = ["BadClipError", "ClipLibrary", "ClipState", "Pending"]
