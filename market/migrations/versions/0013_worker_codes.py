"""worker_codes, worker_sessions, scan_codes: a worker signs in on a phone with a code the
kiosk showed, and the phone shows a code the kiosk's scanner reads (issue 15)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 17:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "worker_codes",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("phone_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_worker_codes")),
    )
    op.create_index(op.f("ix_worker_codes_worker_id"), "worker_codes", ["worker_id"])
    op.create_index(op.f("ix_worker_codes_phone_hash"), "worker_codes", ["phone_hash"])
    op.create_table(
        "worker_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_worker_sessions")),
    )
    op.create_index(op.f("ix_worker_sessions_worker_id"), "worker_sessions", ["worker_id"])
    op.create_table(
        "scan_codes",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_scan_codes")),
    )
    op.create_index(op.f("ix_scan_codes_worker_id"), "scan_codes", ["worker_id"])


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_scan_codes_worker_id"), table_name="scan_codes")
    op.drop_table("scan_codes")
    op.drop_index(op.f("ix_worker_sessions_worker_id"), table_name="worker_sessions")
    op.drop_table("worker_sessions")
    op.drop_index(op.f("ix_worker_codes_phone_hash"), table_name="worker_codes")
    op.drop_index(op.f("ix_worker_codes_worker_id"), table_name="worker_codes")
    op.drop_table("worker_codes")
