"""Alembic environment: runs on the connection the kiosk hands in, or on the URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from kiosk.store.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    """Run migrations online; SQLite needs batch mode for ALTER TABLE."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run()
