"""Migrations: empty -> head builds the models' schema exactly, and runs again harmlessly."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from kiosk.store.db import alembic_config, current_revision, head_revision, make_engine, migrate
from kiosk.store.models import Base


def test_empty_database_migrates_to_head_with_every_table(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "k.sqlite3")
    migrate(engine)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_models_and_migrations_do_not_drift(tmp_path: Path) -> None:
    """The same as ``alembic check``: autogenerate finds nothing to add."""
    engine = make_engine(tmp_path / "k.sqlite3")
    migrate(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "k.sqlite3")
    migrate(engine)
    migrate(engine)
    assert current_revision(engine) == head_revision()


def test_downgrade_to_base_and_back(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "k.sqlite3")
    migrate(engine)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert "jobs" not in inspect(engine).get_table_names()
    migrate(engine)
    assert "jobs" in inspect(engine).get_table_names()
