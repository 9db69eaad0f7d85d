"""worker_aliases: the market's one id for a worker this kiosk filed under another

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 15:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "worker_aliases",
        sa.Column("market_id", sa.String(length=36), nullable=False),
        sa.Column("local_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("market_id", name=op.f("pk_worker_aliases")),
    )
    op.create_index(
        op.f("ix_worker_aliases_local_id"), "worker_aliases", ["local_id"], unique=False
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_worker_aliases_local_id"), table_name="worker_aliases")
    op.drop_table("worker_aliases")
