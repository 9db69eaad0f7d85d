"""agreements: the code, the canonical signed document, its sync status, what it corrects

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 22:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("code", sa.String(length=9), nullable=True))
        batch_op.add_column(sa.Column("document", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("status", sa.String(length=16), server_default="pending", nullable=False)
        )
        batch_op.add_column(sa.Column("supersedes_code", sa.String(length=9), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_agreements_code"), ["code"])


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_agreements_code"), type_="unique")
        batch_op.drop_column("supersedes_code")
        batch_op.drop_column("status")
        batch_op.drop_column("document")
        batch_op.drop_column("code")
