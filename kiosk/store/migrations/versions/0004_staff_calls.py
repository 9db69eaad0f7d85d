"""staff_calls: a worker pressed "call staff"; open until staff close it

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 19:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "staff_calls",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kiosk", sa.String(length=64), nullable=False),
        sa.Column("screen", sa.String(length=32), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("staff_calls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_calls_closed_at"), ["closed_at"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("staff_calls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_calls_closed_at"))
    op.drop_table("staff_calls")
