"""Merging one person filed twice (issue 17), on the market's own tables (SQLite): what the
merged worker keeps, what moves to them, and the race of two server processes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.registry import WorkerRegister, WorkerRekey
from kiosk.sync import wire
from market import district
from market.db import make_engine, migrate
from market.handlers import worker_register, worker_rekey
from market.handlers.base import Context, Item
from market.models import Application, Record, Worker, WorkerAlias

NOW = dt.datetime(2026, 12, 2, 8, tzinfo=dt.UTC)
HASH = "ab" * 32


@pytest.fixture
def s(tmp_path: Path) -> Iterator[Session]:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrate(engine)
    with Session(engine) as session:
        yield session
    engine.dispose()


def worker(s: Session, ident: str, id_hash: str | None, **data: Any) -> Worker:
    w = Worker(
        id=ident,
        terminal_id="t-a",
        data={"name": "扎西", "skills": {}, **data},
        field_versions={},
        version=1,
        updated_at=NOW,
        id_hash=id_hash,
    )
    s.add(w)
    s.flush()
    return w


def register(ident: str, id_hash: str, **fields: Any) -> Item[WorkerRegister]:
    payload = WorkerRegister(worker_id=ident, id_hash=id_hash, name="扎西", **fields)
    return Item(1, "m-" + ident, ident, None, payload)


def test_a_second_registration_of_the_same_person_becomes_an_alias(s: Session) -> None:
    worker(s, "w-a", HASH, skills={"banyun": 3}, phone=None)
    item = register("w-b", HASH, skills={"banyun": 5, "niwa": 2}, phone="13812345678")
    out = worker_register.handle(Context(s, "t-b", NOW), item)
    assert (out.status, out.detail) == (wire.APPLIED, {"worker_id": "w-a"})
    one = s.get(Worker, "w-a")
    assert one is not None
    assert one.data["skills"] == {"banyun": 5, "niwa": 2}  # both, the most years
    assert one.data["phone"] == "13812345678"  # a gap filled, nothing overwritten
    assert s.get(Worker, "w-b") is None
    assert district.canonical(s, "w-b") == "w-a"
    assert district.filed_by_station(s) == {"t-a": 1, "t-b": 1}  # figures stay per station


def test_two_server_processes_filing_the_same_person_at_once_end_with_one(
    s: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = district.by_hash
    calls = iter([None])  # the first look finds nothing: the other process had not committed

    def racing(session: Session, id_hash: str) -> Worker | None:
        found = next(calls, "real")
        return real(session, id_hash) if found == "real" else None

    worker(s, "w-a", HASH)
    monkeypatch.setattr(district, "by_hash", racing)
    out = worker_register.handle(Context(s, "t-b", NOW), register("w-b", HASH))
    assert out.detail == {"worker_id": "w-a"}
    assert s.scalar(select(func.count()).select_from(Worker)) == 1


def test_a_rekey_onto_someone_else_s_hash_merges_and_moves_everything(s: Session) -> None:
    first = worker(s, "w-a", HASH)
    worker(s, "w-old", "cd" * 32, skills={"niwa": 7})
    for ident, who, job in (("a1", "w-a", "j1"), ("a2", "w-old", "j1"), ("a3", "w-old", "j2")):
        s.add(Application(id=ident, worker_id=who, job_id=job, terminal_id="t", created_at=NOW))
    s.add(WorkerAlias(alias_id="w-older", worker_id="w-old", terminal_id="t-c", filed_at=NOW))
    s.flush()
    item = Item(1, "m-1", "w-old", None, WorkerRekey(worker_id="w-old", id_hash=HASH))
    out = worker_rekey.handle(Context(s, "t-b", NOW), item)
    assert out.detail == {"worker_id": "w-a"}
    apps = {a.id: a.worker_id for a in s.scalars(select(Application))}
    assert apps == {"a1": "w-a", "a3": "w-a"}  # the same job applied for twice: kept once
    assert first.data["skills"] == {"niwa": 7}
    assert district.canonical(s, "w-old") == "w-a"
    assert district.canonical(s, "w-older") == "w-a"  # an alias of the merged one follows
    ratings = s.get(Record, ("worker_ratings", "w-a"))
    assert ratings is not None  # kiosks learn the counts under the one id
    gone = s.get(Record, ("worker_ratings", "w-old"))
    assert gone is None or gone.deleted


def test_a_rekey_onto_a_free_hash_keeps_the_worker(s: Session) -> None:
    worker(s, "w-old", "cd" * 32)
    item = Item(1, "m-1", "w-old", None, WorkerRekey(worker_id="w-old", id_hash=HASH))
    out = worker_rekey.handle(Context(s, "t-b", NOW), item)
    assert (out.status, out.server_version, out.detail) == (wire.APPLIED, 2, {})
    assert district.by_hash(s, HASH) is s.get(Worker, "w-old")


def test_the_district_key_is_made_once(s: Session) -> None:
    key = district.lookup_key(s)
    assert len(bytes.fromhex(key)) == 32
    assert district.lookup_key(s) == key
