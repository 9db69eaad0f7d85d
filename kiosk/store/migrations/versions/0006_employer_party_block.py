"""employers: the phone, address and credit code (or masked ID number) an agreement names

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 01:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("employers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("phone", sa.String(length=16), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("address", sa.String(length=128), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("id_or_code", sa.String(length=24), server_default="", nullable=False)
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("employers", schema=None) as batch_op:
        batch_op.drop_column("id_or_code")
        batch_op.drop_column("address")
        batch_op.drop_column("phone")
