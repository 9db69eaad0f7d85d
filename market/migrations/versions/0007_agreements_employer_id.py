"""agreements.employer_id: the job's employer, kept when the agreement arrives (the
employer's credit events are found by it); filled for the agreements already kept

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 05:00:00

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
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("employer_id", sa.String(length=36), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_agreements_employer_id"), ["employer_id"], unique=False
        )
    conn = op.get_bind()
    agreements = sa.table(
        "agreements", sa.column("code"), sa.column("job_id"), sa.column("employer_id")
    )
    records = sa.table(
        "records", sa.column("collection"), sa.column("id"), sa.column("data", sa.JSON())
    )
    jobs = dict(
        conn.execute(
            sa.select(agreements.c.code, agreements.c.job_id).where(
                agreements.c.employer_id.is_(None)
            )
        ).all()
    )
    for code, job_id in jobs.items():
        data = conn.execute(
            sa.select(records.c.data).where(records.c.collection == "jobs", records.c.id == job_id)
        ).scalar()
        employer = (data or {}).get("employer_id")
        if employer:
            conn.execute(
                sa.update(agreements).where(agreements.c.code == code).values(employer_id=employer)
            )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreements_employer_id"))
        batch_op.drop_column("employer_id")
