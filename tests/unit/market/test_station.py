"""A station's figures on the market's own tables (SQLite): each kiosk's report replaces its
last one of the same days, the sums are per station, a hire counts as "online" only when it
was made on the market's side, by the Lhasa day it was made, and a report that cannot be
sound is refused with its reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from kiosk.domain.timeutil import LHASA_TZ
from market import station
from market.db import make_engine, migrate
from market.models import Application, Terminal

NOW = dt.datetime(2026, 12, 3, 6, tzinfo=dt.UTC)  # 14:00 in Lhasa
TODAY = dt.date(2026, 12, 3)
YESTERDAY = TODAY - dt.timedelta(days=1)


@pytest.fixture
def s(tmp_path: Path) -> Iterator[Session]:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrate(engine)
    with Session(engine) as session:
        for ident in ("t-1", "t-2", "t-j"):
            session.add(Terminal(id=ident, name=f"kiosk {ident}", created_at=NOW))
        session.flush()
        yield session
    engine.dispose()


def hired(s: Session, ident: str, terminal: str, at: dt.datetime | None, by: str | None) -> None:
    s.add(
        Application(
            id=ident,
            worker_id=f"w-{ident}",
            job_id="j",
            terminal_id=terminal,
            created_at=NOW,
            hired_at=at,
            hired_by=by,
        )
    )
    s.flush()


def test_a_report_replaces_the_last_and_stations_stay_apart(s: Session) -> None:
    station.keep(s, "t-1", "gongdelin", {TODAY: {"visits": 2}, YESTERDAY: {"visits": 7}}, NOW)
    station.keep(s, "t-2", "gongdelin", {TODAY: {"visits": 3, "registrations": 1}}, NOW)
    station.keep(s, "t-j", "jinzhuxilu", {TODAY: {"visits": 50}}, NOW)
    later = NOW + dt.timedelta(minutes=10)
    station.keep(s, "t-1", "gongdelin", {TODAY: {"visits": 4}}, later)  # grown, sent again
    found = station.figures(s, "gongdelin", [YESTERDAY, TODAY], "t-1")
    assert found.days[TODAY]["visits"] == 7  # 4 + 3, the first report of t-1 replaced
    assert found.days[YESTERDAY]["visits"] == 7  # not in the later report: kept as it was
    assert found.days[TODAY]["registrations"] == 1
    assert found.days[TODAY]["calls"] == 0
    assert [name for name, _ in found.kiosks] == ["kiosk t-1", "kiosk t-2"]
    assert dict(found.kiosks)["kiosk t-1"] == later
    alone = station.figures(s, "jinzhuxilu", [TODAY], "t-j")
    assert alone.days[TODAY]["visits"] == 50


def test_online_hires_by_the_lhasa_day_and_only_those_made_online(s: Session) -> None:
    station.keep(s, "t-1", "gongdelin", {YESTERDAY: {}, TODAY: {}}, NOW)
    station.keep(s, "t-2", "gongdelin", {TODAY: {}}, NOW)
    station.keep(s, "t-j", "jinzhuxilu", {TODAY: {}}, NOW)
    # 15:30 UTC (the market keeps UTC, as its clock gives it)
    late = dt.datetime.combine(YESTERDAY, dt.time(23, 30), LHASA_TZ).astimezone(dt.UTC)
    hired(s, "a1", "t-1", late, "online")  # yesterday in Lhasa
    hired(s, "a2", "t-1", NOW, "online")
    hired(s, "a3", "t-2", NOW, "online")
    hired(s, "a4", "t-1", NOW, "kiosk")  # an agreement signed at the kiosk: not online
    hired(s, "a5", "t-1", None, None)  # applied, not hired
    hired(s, "a6", "t-j", NOW, "online")  # another station's
    found = station.figures(s, "gongdelin", [YESTERDAY, TODAY], "t-1")
    assert (found.days[YESTERDAY]["hired_online"], found.days[TODAY]["hired_online"]) == (1, 2)
    assert found.mine_online == {YESTERDAY: 1, TODAY: 1}
    assert station.figures(s, "gongdelin", [TODAY], "t-2").mine_online == {TODAY: 1}


@pytest.mark.parametrize(
    ("days", "reason"),
    [
        ({TODAY - dt.timedelta(days=40): {"visits": 1}}, "day_out_of_range"),
        ({TODAY + dt.timedelta(days=3): {"visits": 1}}, "day_out_of_range"),
        ({TODAY: {"visitors": 1}}, "unknown_measure"),
        ({TODAY: {"hired_online": 1}}, "unknown_measure"),  # the market counts those itself
        ({TODAY: {"visits": -1}}, "count_out_of_range"),
    ],
)
def test_an_unsound_report_is_refused(days: dict[dt.date, dict[str, int]], reason: str) -> None:
    assert station.check_report(days, NOW) == reason


def test_a_sound_report_passes() -> None:
    assert station.check_report({TODAY: {"visits": 3}, YESTERDAY: {}}, NOW) is None
