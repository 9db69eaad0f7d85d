"""pulled_rejects: pulled rows set aside because they broke a rule (the page still applies)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 07:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "pulled_rejects",
        sa.Column("collection", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("collection", "row_id", name=op.f("pk_pulled_rejects")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("pulled_rejects")
