"""The market's migrations build exactly its models' schema (as ``alembic check`` would
say), on SQLite: a table or column added to a model without its migration fails here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Float

from market.db import make_engine, migrate
from market.models import Base


def _same_on_sqlite(change: Any) -> bool:
    """SQLite reflects a Double column as FLOAT: the one difference it cannot tell."""
    if not isinstance(change, list):
        return False
    (kind, *rest) = change[0]
    return kind == "modify_type" and all(isinstance(t, Float) for t in rest[-2:])


def test_models_and_migrations_do_not_drift(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrate(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert [d for d in diff if not _same_on_sqlite(d)] == []
