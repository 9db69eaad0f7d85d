"""The dashboard's counting: by Lhasa calendar day, seven days ending today, and its CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from kiosk.domain.dashboard import MEASURES, first_moment, tally, to_csv
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
    by_date = {r[1]: dict(zip(MEASURES, map(int, r[2:]), strict=True)) for r in rows[1:]}
    assert by_date["2026-12-03"]["applications"] == 2
    assert by_date["2026-12-01"]["applications"] == 1
    assert by_date["2026-12-02"]["applications"] == 0
    assert by_date["total"]["applications"] == 3
    assert by_date["total"]["visits"] == 1
    assert {r[0] for r in rows[1:]} == {"gongdelin-1"}
