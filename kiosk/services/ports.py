"""The ports services need; the store and devices implement them, tests fake them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kiosk.domain.calls import StaffCall
from kiosk.domain.dashboard import Dashboard
from kiosk.domain.entities import StationFigures, Worker
from kiosk.domain.pin import PinRecord


class Clock(Protocol):
    """Wall time (for records) and monotonic time (for timeouts)."""

    def now(self) -> dt.datetime:
        """Timezone-aware local time."""
        ...

    def monotonic(self) -> float:
        """Seconds that never go backwards."""
        ...


class PinStore(Protocol):
    """Keeps each role's PIN record across restarts."""

    def load(self, role: str) -> PinRecord:
        """The role's record."""
        ...

    def save(self, role: str, record: PinRecord) -> None:
        """Replace the role's record."""
        ...


class AuditLog(Protocol):
    """Append-only log of actions (never personal data)."""

    def append(self, at: dt.datetime, actor: str, action: str, detail: str = "") -> None:
        """Record one action."""
        ...


class StaffCalls(Protocol):
    """Workers' calls for staff (kiosk.store.calls)."""

    def open(self, kiosk: str, screen: str, now: dt.datetime) -> StaffCall:
        """A new open call."""
        ...

    def open_calls(self) -> list[StaffCall]:
        """Calls nobody has closed, oldest first."""
        ...

    def close(self, call_id: int, now: dt.datetime) -> bool:
        """Close a call; False when it was closed already."""
        ...


class FiguresReader(Protocol):
    """Today's counts."""

    def figures(self) -> StationFigures:
        """Counts for the staff screen."""
        ...

    def days(self, today: dt.date) -> Dashboard:
        """Today and the six days before, counted per day (the staff's dashboard)."""
        ...


class WorkerReader(Protocol):
    """Finds registered workers."""

    def by_id_hash(self, id_hash: str) -> Worker | None:
        """The worker with this keyed hash, if any."""
        ...

    def by_chip_hash(self, chip_hash: str) -> Worker | None:
        """The worker whose card chip has this keyed hash, if bound."""
        ...


class Printer(Protocol):
    """The station's printer (``kiosk.printing.cups.CupsPrinter`` fits); its failures are
    ``kiosk.printing.cups.PrintError`` with a reason."""

    def print_pdf(
        self, pdf: Path, *, copies: int = 1, title: str = "", wait_s: float | None = None
    ) -> object:
        """Print ``pdf`` and wait until it has printed."""
        ...


@dataclass(frozen=True)
class ReaderCheck:
    """What a live read test found: a catalog message and its values (masked), and whether
    the reader read a card."""

    message_id: str
    fmt: dict[str, str]
    ok: bool = False


class SettingsDesk(Protocol):
    """The technician's settings: read, tested live, saved to the config file (the app's
    ``kiosk.settings_desk`` implements it). Every call but ``applied`` may wait on a device
    or the disk: run them off the GUI thread."""

    tone: Path  # the test tone for the volume

    def current(self) -> dict[str, object]:
        """The values in force, as ``"section.key": value``."""
        ...

    def save(self, changes: dict[str, object]) -> object:
        """Write ``changes`` (the file kept if they fail: ``SettingsError``) and swap the
        card reader; the new configuration, handed to ``applied`` on the GUI thread."""
        ...

    def applied(self, saved: object) -> None:
        """Put a saved configuration in force (volume, language, idle time, printer)."""
        ...

    def test_reader(self, backend: str, port: str, timeout_s: float) -> ReaderCheck:
        """Wait up to ``timeout_s`` for one card on ``backend``; what it read, masked."""
        ...

    def printer_for(self, queue_name: str) -> Printer | None:
        """The printer on CUPS queue ``queue_name`` (None: no queue)."""
        ...
