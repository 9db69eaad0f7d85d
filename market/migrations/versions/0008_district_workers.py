"""One worker across the district: workers.id_hash (filled from what each registration
carried), worker_aliases for workers merged into another, market_settings for the
district's look-up key (made on first use, never here: a migration may be replayed)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 14:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "market_settings",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_market_settings")),
    )
    op.create_table(
        "worker_aliases",
        sa.Column("alias_id", sa.String(length=36), nullable=False),
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("alias_id", name=op.f("pk_worker_aliases")),
    )
    op.create_index(
        op.f("ix_worker_aliases_worker_id"), "worker_aliases", ["worker_id"], unique=False
    )
    with op.batch_alter_table("workers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("id_hash", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_workers_id_hash"), ["id_hash"], unique=True)
    conn = op.get_bind()
    workers = sa.table(
        "workers",
        sa.column("id"),
        sa.column("data", sa.JSON()),
        sa.column("id_hash"),
        sa.column("updated_at"),
    )
    taken: set[str] = set()  # a kiosk set up again with its key may have filed someone twice
    rows = conn.execute(
        sa.select(workers.c.id, workers.c.data).order_by(workers.c.updated_at, workers.c.id)
    ).all()
    for ident, data in rows:
        value = (data or {}).get("id_hash")
        if isinstance(value, str) and len(value) == 64 and value not in taken:
            taken.add(value)
            conn.execute(sa.update(workers).where(workers.c.id == ident).values(id_hash=value))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("workers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workers_id_hash"))
        batch_op.drop_column("id_hash")
    op.drop_index(op.f("ix_worker_aliases_worker_id"), table_name="worker_aliases")
    op.drop_table("worker_aliases")
    op.drop_table("market_settings")
