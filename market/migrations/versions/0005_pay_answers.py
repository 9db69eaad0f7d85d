"""pay_answers: workers' answers about an agreement's pay

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 02:00:00

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
    op.create_table(
        "pay_answers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("agreement_code", sa.String(length=9), nullable=False),
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pay_answers")),
    )
    with op.batch_alter_table("pay_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pay_answers_agreement_code"), ["agreement_code"], unique=False
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("pay_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pay_answers_agreement_code"))
    op.drop_table("pay_answers")
