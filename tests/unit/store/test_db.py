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
