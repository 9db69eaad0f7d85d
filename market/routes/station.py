"""A kiosk's days for its station's figures (``market.station``): the kiosk sends its own
counts of its last days and gets back the station's sums. Signed: only an enrolled kiosk
reports, and only under its own terminal."""

from __future__ import annotations

import datetime as dt
import json

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, ValidationError

from market import station
from market.db import utcnow
from market.deps import DB, ERRORS, ApiError, Signed, terminal

router = APIRouter(prefix="/v1", tags=["station"])


class DayReport(BaseModel):
    """One local day's counts at the reporting kiosk (``kiosk.domain.dashboard``)."""

    day: dt.date
    counts: dict[str, int]


class StationReport(BaseModel):
    """A kiosk's last days, under the code of the station it stands in."""

    station: str = Field(pattern=r"^[a-z0-9_-]{1,32}$")
    days: list[DayReport] = Field(min_length=1, max_length=14)


class StationDayOut(BaseModel):
    """One day of the station: each measure summed over its kiosks."""

    day: dt.date
    counts: dict[str, int]


class KioskSeen(BaseModel):
    """A kiosk whose counts are in the sums, and when it last reported."""

    name: str
    reported_at: dt.datetime


class StationFigures(BaseModel):
    """The station's days, the same days the kiosk reported, oldest first."""

    station: str
    days: list[StationDayOut]
    kiosks: list[KioskSeen]
    mine_online: dict[str, int]  # ISO day -> the asking kiosk's online hires
    server_time: float


@router.post("/station/days", response_model=StationFigures, responses=ERRORS)
def report(request: Request, s: DB, sig: Signed) -> StationFigures:
    """Keep this kiosk's days (in place of its earlier report of them) and answer the
    station's sums; 400 ``invalid_request`` with a reason when the report is not sound."""
    cred = terminal(request, s, sig)
    try:
        body = StationReport.model_validate(json.loads(sig[0]))
    except (ValueError, ValidationError):
        raise ApiError(400, "invalid_request") from None
    days = {d.day: d.counts for d in body.days}
    now = utcnow()
    reason = "duplicate_day" if len(days) < len(body.days) else station.check_report(days, now)
    if reason is not None:
        raise ApiError(400, "invalid_request", {"reason": reason})
    station.keep(s, cred.terminal_id, body.station, days, now)
    found = station.figures(s, body.station, sorted(days), cred.terminal_id)
    return StationFigures(
        station=body.station,
        days=[StationDayOut(day=d, counts=c) for d, c in sorted(found.days.items())],
        kiosks=[KioskSeen(name=name, reported_at=at) for name, at in found.kiosks],
        mine_online={d.isoformat(): n for d, n in found.mine_online.items()},
        server_time=now.timestamp(),
    )
