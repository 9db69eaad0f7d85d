"""voice_clips: Tibetan clips recorded at one kiosk, shared with every kiosk

Each take of a prompt is a new version; the versions before it are kept.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 22:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "voice_clips",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_voice_clips")),
        sa.UniqueConstraint("name", "version", name=op.f("uq_voice_clips_name")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("voice_clips", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_voice_clips_name"), ["name"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("voice_clips", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_voice_clips_name"))
    op.drop_table("voice_clips")
