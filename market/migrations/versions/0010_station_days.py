"""station_days: each kiosk's reported counts per day, summed into its station's figures;
applications.hired_by: a hire made at a kiosk or online (issue 16, the staff dashboard)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 13:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "station_days",
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("station", sa.String(length=32), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("terminal_id", "day", name=op.f("pk_station_days")),
    )
    op.create_index(op.f("ix_station_days_station"), "station_days", ["station"], unique=False)
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hired_by", sa.String(length=8), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_column("hired_by")
    op.drop_index(op.f("ix_station_days_station"), table_name="station_days")
    op.drop_table("station_days")
