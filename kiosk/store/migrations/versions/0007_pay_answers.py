"""pay_answers: what workers said about an agreement's pay (paid, partly, unpaid)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 02:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
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
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["workers.id"], name=op.f("fk_pay_answers_worker_id_workers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pay_answers")),
    )
    with op.batch_alter_table("pay_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pay_answers_agreement_code"), ["agreement_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_pay_answers_worker_id"), ["worker_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("pay_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pay_answers_worker_id"))
        batch_op.drop_index(batch_op.f("ix_pay_answers_agreement_code"))
    op.drop_table("pay_answers")
