"""kiosk_settings: the installation key's check value and the last completed sync

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 06:50:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "kiosk_settings",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_kiosk_settings")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("kiosk_settings")
