"""This kiosk's days, reported to the market, and its station's figures in answer
(``market.station``; the dashboard's ``kiosk.domain.dashboard``).

The sync worker reports at most every ``every_s`` (so the station's other kiosks see this
one's figures even when nobody opens its dashboard), and the dashboard asks afresh when it
opens. A report replaces the last one of the same days at the market: sent twice, it counts
once. Only counts travel, never a person.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from kiosk.domain.dashboard import LOCAL_MEASURES, MEASURES, Dashboard, DayCounts, StationDays
from kiosk.sync.errors import BadResponseError

REPORT_EVERY_S = 600.0


class StationAsker(Protocol):
    """The one request (``kiosk.sync.client.MarketClient`` fits)."""

    def station_days(self, report: dict[str, Any]) -> dict[str, Any]:
        """Report the days; the station's sums."""
        ...


def report_body(station: str, mine: Dashboard) -> dict[str, Any]:
    """What travels: the station's code and this kiosk's counted measures per day."""
    return {
        "station": station,
        "days": [
            {"day": d.day.isoformat(), "counts": {m: d[m] for m in LOCAL_MEASURES}}
            for d in mine.days
        ],
    }


def _stamp(raw: Any) -> dt.datetime:
    at = dt.datetime.fromisoformat(str(raw))
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


def parse_answer(answer: Mapping[str, Any], mine: Dashboard) -> StationDays:
    """The station's days, the same days as ``mine``; BadResponseError when the answer is
    not of that shape (nothing of it is shown)."""
    try:
        by_day = {
            dt.date.fromisoformat(str(d["day"])): {m: int(d["counts"].get(m, 0)) for m in MEASURES}
            for d in answer["days"]
        }
        days = tuple(DayCounts(d.day, by_day[d.day]) for d in mine.days)
        kiosks = tuple(sorted((str(k["name"]), _stamp(k["reported_at"])) for k in answer["kiosks"]))
        online = {dt.date.fromisoformat(str(k)): int(v) for k, v in answer["mine_online"].items()}
        code = str(answer["station"])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BadResponseError("station_shape") from None
    if any(n < 0 for day in days for n in day.counts.values()):
        raise BadResponseError("station_shape")
    return StationDays(code, Dashboard(days), kiosks, online)


class StationReporter:
    """Reports the kiosk's days and keeps the station's last answer (``last``, read by the
    dashboard from the GUI thread: one reference, replaced whole)."""

    def __init__(
        self,
        station: str,
        mine: Callable[[], Dashboard],
        *,
        every_s: float = REPORT_EVERY_S,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.station, self.mine, self.every_s, self.monotonic = station, mine, every_s, monotonic
        self.last: StationDays | None = None
        self._next = 0.0
        self._lock = threading.Lock()  # the sync thread and the dashboard's asker

    def due(self) -> bool:
        """Whether the periodic report is due."""
        return self.monotonic() >= self._next

    def postpone(self) -> None:
        """Not before ``every_s`` from now (the market refused the last report)."""
        with self._lock:
            self._next = self.monotonic() + self.every_s

    def report(self, client: StationAsker, mine: Dashboard | None = None) -> StationDays:
        """Send this kiosk's days (counted now unless given) and keep the answer."""
        days = mine if mine is not None else self.mine()
        answer = parse_answer(client.station_days(report_body(self.station, days)), days)
        with self._lock:
            self.last = answer
            self._next = self.monotonic() + self.every_s
        return answer
