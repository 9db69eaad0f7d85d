"""employer_accounts, employer_sessions, held_jobs: employers on the market's pages
(issue 15): sign-up, sessions, jobs held until staff verify the employer

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 15:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "employer_accounts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("id_or_code", sa.String(length=32), nullable=False),
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employer_accounts")),
        sa.UniqueConstraint("phone", name=op.f("uq_employer_accounts_phone")),
        sa.UniqueConstraint("id_hash", name=op.f("uq_employer_accounts_id_hash")),
    )
    op.create_table(
        "employer_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("employer_id", sa.String(length=36), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_employer_sessions")),
    )
    op.create_index(op.f("ix_employer_sessions_employer_id"), "employer_sessions", ["employer_id"])
    op.create_table(
        "held_jobs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("employer_id", sa.String(length=36), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_jobs")),
    )
    op.create_index(op.f("ix_held_jobs_employer_id"), "held_jobs", ["employer_id"])


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_held_jobs_employer_id"), table_name="held_jobs")
    op.drop_table("held_jobs")
    op.drop_index(op.f("ix_employer_sessions_employer_id"), table_name="employer_sessions")
    op.drop_table("employer_sessions")
    op.drop_table("employer_accounts")
