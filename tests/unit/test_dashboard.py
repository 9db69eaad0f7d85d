"""The dashboard's counting: by Lhasa calendar day, seven days ending today, and its CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from kiosk.domain.dashboard import (
    MEASURES,
    Dashboard,
    StationDays,
    first_moment,
    tally,
    to_csv,
)
from kiosk.domain.timeutil import LHASA_TZ

TODAY = dt.date(2026, 12, 3)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=LHASA_TZ)


def test_counts_fall_on_the_local_day_and_the_window_is_seven_days() -> None:
    visits = [
        at(3, 0, 0),  # midnight: today
        at(2, 23, 59),  # a minute before: yesterday
        dt.datetime(2026, 12, 2, 16, 30, tzinfo=dt.UTC),  # 00:30 on the 3rd in Lhasa
        dt.datetime(2026, 11, 27, 8, 0),  # naive: the wall time SQLite kept, six days ago
        dt.datetime(2026, 11, 26, 23, 0),  # seven days ago: outside
    ]
    board = tally(TODAY, {"visits": visits, "calls": [at(3, 10)]})
    assert [d.day for d in board.days] == [TODAY - dt.timedelta(days=n) for n in range(6, -1, -1)]
    assert board.today["visits"] == 2
    assert board.days[-2]["visits"] == 1
    assert board.days[0]["visits"] == 1
    assert board.total("visits") == 4
    assert board.today["calls"] == 1
    assert board.today["registrations"] == 0  # a measure nothing was counted for
    assert first_moment(TODAY) == dt.datetime(2026, 11, 27, tzinfo=LHASA_TZ)


def test_an_unknown_measure_is_refused() -> None:
    with pytest.raises(ValueError, match="visitors"):
        tally(TODAY, {"visitors": [at(3, 9)]})


def test_the_csv_has_a_row_a_day_and_the_totals() -> None:
    board = tally(TODAY, {"applications": [at(3, 9), at(3, 11), at(1, 9)], "visits": [at(3, 9)]})
    rows = list(csv.reader(io.StringIO(to_csv(board, "gongdelin-1"))))
    assert rows[0] == ["terminal", "date", *MEASURES]
    assert len(rows) == 1 + 7 + 1
    by_date = {r[1]: dict(zip(MEASURES, r[2:], strict=True)) for r in rows[1:]}
    assert by_date["2026-12-03"]["hired_online"] == ""  # only the market counts these
    by_date = {
        day: {m: int(v) for m, v in row.items() if m != "hired_online"}
        for day, row in by_date.items()
    }
    assert by_date["2026-12-03"]["applications"] == 2
    assert by_date["2026-12-01"]["applications"] == 1
    assert by_date["2026-12-02"]["applications"] == 0
    assert by_date["total"]["applications"] == 3
    assert by_date["total"]["visits"] == 1
    assert {r[0] for r in rows[1:]} == {"gongdelin-1"}


def _station(board: Dashboard) -> StationDays:
    return StationDays("gongdelin", board, (("gongdelin-1", at(3, 9)),), {})


def test_the_market_s_count_is_unknown_until_it_is_put_in() -> None:
    board = tally(TODAY, {"visits": [at(3, 9)]})
    assert not board.known("hired_online")
    assert board.known("visits")
    hired = board.with_counts("hired_online", {TODAY: 2, dt.date(2026, 12, 1): 1})
    assert hired.known("hired_online")
    assert (hired.today["hired_online"], hired.total("hired_online")) == (2, 3)
    assert hired.today["visits"] == 1  # the rest as it was


def test_the_csv_carries_the_station_s_rows_after_the_kiosk_s() -> None:
    mine = tally(TODAY, {"visits": [at(3, 9)]}).with_counts("hired_online", {TODAY: 1})
    station = tally(TODAY, {"visits": [at(3, 9), at(3, 10), at(2, 8)]})
    station = station.with_counts("hired_online", {TODAY: 4})
    rows = list(csv.reader(io.StringIO(to_csv(mine, "gongdelin-1", _station(station)))))
    assert len(rows) == 1 + 2 * (7 + 1)
    assert [r[0] for r in rows[1:]] == ["gongdelin-1"] * 8 + ["station:gongdelin"] * 8
    visits, online = MEASURES.index("visits") + 2, MEASURES.index("hired_online") + 2
    totals = {r[0]: r for r in rows if r[1] == "total"}
    assert (totals["gongdelin-1"][visits], totals["gongdelin-1"][online]) == ("1", "1")
    assert (totals["station:gongdelin"][visits], totals["station:gongdelin"][online]) == ("3", "4")
