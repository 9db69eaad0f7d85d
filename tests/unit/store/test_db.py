"""Durability: WAL, synchronous=FULL, foreign keys; damaged files kept, never lost."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from kiosk.store.db import open_database, pragma
from kiosk.store.secret import load_or_create_secret

NOW = dt.datetime(2026, 11, 24, 9, 30)


def test_every_connection_has_the_durability_settings(tmp_path: Path) -> None:
    engine, _ = open_database(tmp_path / "k.sqlite3", NOW)
    assert pragma(engine, "journal_mode") == "wal"
    assert pragma(engine, "synchronous") == 2  # FULL
    assert pragma(engine, "foreign_keys") == 1


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    engine, _ = open_database(tmp_path / "k.sqlite3", NOW)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO worker_skills (worker_id, job_type_code, years) "
                "VALUES ('nobody', 'none', 1)"
            )
        )


def test_damaged_file_is_kept_and_a_fresh_database_started(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    engine, report = open_database(path, NOW)
    assert report.damaged_copy == tmp_path / "k.sqlite3.damaged-20261124-093000"
    assert report.damaged_copy.read_bytes().startswith(b"this is not a database")
    assert pragma(engine, "journal_mode") == "wal"


def test_sound_database_is_opened_in_place(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    engine, _ = open_database(path, NOW)
    engine.dispose()
    _, report = open_database(path, NOW)
    assert report.damaged_copy is None
    assert not list(tmp_path.glob("*.damaged-*"))


def test_secret_is_private_and_stable(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "installation.key"
    first = load_or_create_secret(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_secret(path) == first
    assert len(first) == 32


def test_truncated_secret_is_an_error_not_a_silent_new_one(tmp_path: Path) -> None:
    path = tmp_path / "installation.key"
    path.write_bytes(b"short")
    with pytest.raises(ValueError, match="expected 32"):
        load_or_create_secret(path)


def _with_work(path: Path, n: int = 13) -> set[str]:
    """A database with a worker and ``n`` mutations waiting to be sent."""
    from kiosk.domain.registry import WorkerBindCard
    from kiosk.store.outbox import queue_mutation

    engine, _ = open_database(path, NOW)
    ids = set()
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO workers (id, id_hash, id_masked, name, gender, nation_code, "
                "birth_year, preferred_lang, availability, registered_at, version) VALUES "
                "('w-1', 'h1', '5401**********0011', 'Tashi', 1, '02', 1978, 'both', '{}', "
                "'2026-11-24 09:00:00', 0)"
            )
        )
        for i in range(n):
            ids.add(queue_mutation(conn, WorkerBindCard("w-1", f"{i:064x}"), NOW))
        conn.execute(
            text(
                "INSERT INTO audit_log (at, actor, action, detail) "
                "VALUES ('2026-11-24 09:00:00', 'system', 'x', '')"
            )
        )
    engine.dispose()
    return ids


def _outbox(engine: object) -> set[str]:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return set(conn.execute(text("SELECT mutation_uuid FROM outbox")).scalars())


def _root_page(path: Path, table: str) -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(
            conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[
                0
            ]
        )
    finally:
        conn.close()


def test_a_damaged_file_gives_up_its_waiting_work_to_the_fresh_one(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    waiting = _with_work(path)
    page = _root_page(path, "audit_log")  # one table's pages wrecked, the rest intact
    with path.open("r+b") as fh:
        fh.seek((page - 1) * 4096)
        fh.write(b"\xa5" * 4096)
    engine, report = open_database(path, NOW)
    assert report.damaged_copy is not None
    assert report.damage
    assert report.salvaged["outbox"] == len(waiting)
    assert report.salvaged["workers"] == 1
    assert _outbox(engine) == waiting
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM workers")).scalars().all() == ["Tashi"]
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        # the feed cursor is not carried: the next pull starts again and sweeps
        assert conn.execute(text("SELECT count(*) FROM sync_state")).scalar() == 0


def test_an_empty_file_is_kept_and_said_not_taken_as_new(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    path.write_bytes(b"")
    _, report = open_database(path, NOW)
    assert report.damage == "empty file (0 bytes)"
    assert report.damaged_copy is not None
    assert report.damaged_copy.stat().st_size == 0


def test_a_locked_file_is_unavailable_not_damaged(tmp_path: Path) -> None:
    import sqlite3

    from kiosk.domain.errors import StoreError, StoreErrorKind

    path = tmp_path / "k.sqlite3"
    _with_work(path, 2)
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("PRAGMA journal_mode=DELETE")  # an exclusive lock that the check meets
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError) as caught:
            open_database(path, NOW)
        assert caught.value.kind is StoreErrorKind.UNAVAILABLE
    finally:
        holder.rollback()
        holder.close()
    assert not list(tmp_path.glob("*.damaged-*"))
