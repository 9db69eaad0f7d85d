"""What readers report, and the one interface every backend implements.

Events are plain values; a backend calls its sink from its own thread, and the UI bridge
turns them into Qt signals. Nothing here keeps a card's data after handing it on.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
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


class ThreadedReader(ABC):
    """A backend that watches its device from one daemon thread until ``stop``."""

    name = "reader"
    join_timeout_s = 3.0

    def __init__(self) -> None:
        self.stop_event = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, sink: Sink) -> None:
        """Begin watching in a daemon thread."""
        self._thread = threading.Thread(
            target=self._run, args=(sink,), name=f"{self.name}-reader", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Ask the thread to finish and wait for it (it checks at least once a poll)."""
        self.stop_event.set()
        if self._thread is not None:
            self._thread.join(timeout=self.join_timeout_s)

    @abstractmethod
    def _run(self, sink: Sink) -> None:
        """The backend's watching loop; returns soon after ``stop_event`` is set."""
