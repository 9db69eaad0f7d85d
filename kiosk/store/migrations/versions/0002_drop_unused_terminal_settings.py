"""drop the unused terminal_settings table

Settings live in the config file (kiosk/config.py); nothing ever read or wrote this table.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 17:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.drop_table("terminal_settings")


def downgrade() -> None:
    """Downgrade schema."""
    op.create_table(
        "terminal_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_terminal_settings")),
    )
