"""checkins and employers.card_hash: fast recruitment at the station (issue 15)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 22:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "checkins",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("called_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("called_for", sa.String(length=36), nullable=True),
        sa.Column("hired_for", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["workers.id"], name=op.f("fk_checkins_worker_id_workers")
        ),
        sa.PrimaryKeyConstraint("day", "number", name=op.f("pk_checkins")),
        sa.UniqueConstraint("day", "worker_id", name=op.f("uq_checkins_day")),
    )
    op.create_index(op.f("ix_checkins_worker_id"), "checkins", ["worker_id"], unique=False)
    with op.batch_alter_table("employers") as batch:
        batch.add_column(sa.Column("card_hash", sa.String(length=64), nullable=True))
        batch.create_index(batch.f("ix_employers_card_hash"), ["card_hash"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("employers") as batch:
        batch.drop_index(batch.f("ix_employers_card_hash"))
        batch.drop_column("card_hash")
    op.drop_index(op.f("ix_checkins_worker_id"), table_name="checkins")
    op.drop_table("checkins")
