"""Sharing recorded clips with the market, once per sync cycle, after the feed.

Takes recorded here go up first (so a newer take is never overwritten by the market's older
one); then the manifest is read, and only when its tag changed are the versions this kiosk
lacks fetched, each checked against the manifest's digest and as a playable WAV before it
is kept. A refused upload is kept here (and played) with the market's reason until staff
record it again; a bad download is skipped and named in the cycle's notes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from kiosk.domain.clips import REASONS, BadClipError, valid_name
from kiosk.sync.client import MarketClient
from kiosk.sync.errors import RefusedError

log = logging.getLogger(__name__)


class PendingClip(Protocol):
    """A take to send up (``kiosk.voice.clips.Pending`` fits)."""

    @property
    def name(self) -> str: ...
    @property
    def data(self) -> bytes: ...
    @property
    def sha256(self) -> str: ...


class LocalClip(Protocol):
    """What this kiosk knows of one clip (``kiosk.voice.clips.ClipState`` fits)."""

    @property
    def version(self) -> int: ...
    @property
    def pending(self) -> bool: ...
    @property
    def refused(self) -> str | None: ...


class ClipStore(Protocol):
    """The kiosk's clip library (``kiosk.voice.clips.ClipLibrary`` fits)."""

    def pending(self) -> Sequence[PendingClip]: ...
    def sent(self, name: str, sha256: str, version: int) -> None: ...
    def refused(self, name: str, sha256: str, reason: str) -> None: ...
    def state(self, name: str) -> LocalClip: ...
    def store_pulled(self, name: str, version: int, sha256: str, data: bytes) -> bool: ...
    def market_tag(self) -> str: ...
    def set_market_tag(self, tag: str) -> None: ...


@dataclass
class ClipReport:
    """What one exchange moved."""

    sent: int = 0
    refused: int = 0
    pulled: int = 0
    bad: list[str] = field(default_factory=list)


class ClipShare:
    """Sends takes up and pulls the versions this kiosk lacks."""

    def __init__(self, store: ClipStore) -> None:
        self.store = store

    def exchange(self, client: MarketClient, check: Callable[[], None]) -> ClipReport:
        """One exchange; ``check`` raises when the cycle's time is up (resumed next cycle:
        the tag is kept only once every clip of it is here)."""
        report = ClipReport()
        for take in self.store.pending():
            check()
            try:
                version, _status = client.put_clip(take.name, take.data)
            except RefusedError as exc:
                reason = exc.reason or exc.code
                reason = reason if reason in REASONS else "other"
                log.warning("market refused clip %s: %s", take.name, reason)
                self.store.refused(take.name, take.sha256, reason)
                report.refused += 1
                continue
            self.store.sent(take.name, take.sha256, version)
            report.sent += 1
        known = self.store.market_tag()
        manifest = client.clip_manifest(known)
        if manifest.unchanged:
            return report
        for entry in manifest.entries:
            if not valid_name(entry.name):
                report.bad.append(entry.name[:40])
                continue
            local = self.store.state(entry.name)
            if local.pending or (local.version >= entry.version and not local.refused):
                continue  # our take goes up first; or we have this version already
            check()
            data = client.fetch_clip(entry.name, entry.version)
            try:
                if self.store.store_pulled(entry.name, entry.version, entry.sha256, data):
                    report.pulled += 1
            except BadClipError as exc:
                log.warning(
                    "clip %s v%d from the market refused: %s", entry.name, entry.version, exc.reason
                )
                report.bad.append(f"{entry.name}: {exc.reason}")
        self.store.set_market_tag(manifest.tag)
        return report
