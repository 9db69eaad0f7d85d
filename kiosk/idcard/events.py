"""What readers report, and the one interface every backend implements.

Events are plain values; a backend calls its sink from its own thread, and the UI bridge
turns them into Qt signals. Nothing here keeps a card's data after handing it on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from kiosk.domain.errors import CardReadError
from kiosk.domain.identity import Identity


class ReaderState(Enum):
    """Whether the reader can be used."""

    CONNECTED = "connected"
    MISSING = "missing"
    ERROR = "error"


@dataclass(frozen=True, repr=False)
class CardPresented:
    """A card was tapped: its chip serial, and the identity when the reader can read it."""

    chip_serial: str  # hex
    identity: Identity | None

    def __repr__(self) -> str:
        """No serial or identity in logs."""
        return f"CardPresented(identity={'yes' if self.identity else 'no'})"


@dataclass(frozen=True)
class CardRemoved:
    """The card left the reader."""


@dataclass(frozen=True)
class CardFailed:
    """A card was there but could not be read or accepted."""

    error: CardReadError


@dataclass(frozen=True)
class ReaderStatus:
    """The reader's state changed; ``reason`` is technical, for the log and technicians."""

    state: ReaderState
    reason: str = ""


@dataclass(frozen=True, repr=False)
class ScanReceived:
    """A QR code or barcode scanner delivered a payload."""

    payload: str

    def __repr__(self) -> str:
        """No payload in logs."""
        return f"ScanReceived({len(self.payload)} chars)"


ReaderEvent = CardPresented | CardRemoved | CardFailed | ReaderStatus | ScanReceived
Sink = Callable[[ReaderEvent], None]


class Reader(Protocol):
    """A card-reader backend: ``start`` begins reporting to the sink, ``stop`` ends it."""

    name: str

    def start(self, sink: Sink) -> None:
        """Begin watching (own thread); safe to call once."""
        ...

    def stop(self) -> None:
        """Stop watching and release the device; returns within a second."""
        ...
