"""The station's figures for the staff's dashboard (``kiosk.sync.station``): there once the
kiosk is enrolled and syncing; the dashboard asks on its own connection, off the GUI thread."""

from __future__ import annotations

from kiosk.domain.dashboard import Dashboard, StationDays
from kiosk.sync.errors import OfflineError
from kiosk.sync.station import StationAsker, StationReporter


class StationLink:
    """Filled in by ``kiosk.wiring.build_sync``; empty while the kiosk is not enrolled."""

    def __init__(self) -> None:
        self.reporter: StationReporter | None = None
        self.client: StationAsker | None = None

    def connect(self, reporter: StationReporter, client: StationAsker) -> None:
        """Sync is built: the reporter it runs and a client of the dashboard's own."""
        self.reporter, self.client = reporter, client

    @property
    def linked(self) -> bool:
        """Whether the market can be asked (the kiosk is enrolled and syncing)."""
        return self.reporter is not None and self.client is not None

    @property
    def last(self) -> StationDays | None:
        """The station's figures as last answered (by the dashboard or the sync worker)."""
        return self.reporter.last if self.reporter is not None else None

    def ask(self, mine: Dashboard) -> StationDays:
        """Report ``mine`` and answer the station's days (``kiosk.sync.errors`` types when
        the market cannot be asked or refuses)."""
        if self.reporter is None or self.client is None:
            raise OfflineError("not_enrolled")
        return self.reporter.report(self.client, mine)
