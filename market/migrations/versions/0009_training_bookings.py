"""bookings: training seats and the waiting list; training_wishes: the trade each worker
would like to learn (issue 16)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 18:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "bookings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("training_id", sa.String(length=36), nullable=False),
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
    )
    op.create_index(op.f("ix_bookings_training_id"), "bookings", ["training_id"], unique=False)
    op.create_index(op.f("ix_bookings_worker_id"), "bookings", ["worker_id"], unique=False)
    op.create_table(
        "training_wishes",
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("job_type_code", sa.String(length=32), nullable=True),
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("said_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("worker_id", name=op.f("pk_training_wishes")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("training_wishes")
    op.drop_index(op.f("ix_bookings_worker_id"), table_name="bookings")
    op.drop_index(op.f("ix_bookings_training_id"), table_name="bookings")
    op.drop_table("bookings")
