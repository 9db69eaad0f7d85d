"""login_tickets: the kiosk's QR code for a phone to confirm (issue 15)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 17:45:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "login_tickets",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("station", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("worker_id", sa.String(length=36), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_login_tickets")),
    )
    op.create_index(op.f("ix_login_tickets_terminal_id"), "login_tickets", ["terminal_id"])


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_login_tickets_terminal_id"), table_name="login_tickets")
    op.drop_table("login_tickets")
