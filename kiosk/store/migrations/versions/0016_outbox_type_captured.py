"""outbox (type, captured_at_local) index: the staff's dashboard counts a week (issue 16)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 07:20:00

"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_index("ix_outbox_type_captured", "outbox", ["type", "captured_at_local"])


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index("ix_outbox_type_captured", table_name="outbox")
