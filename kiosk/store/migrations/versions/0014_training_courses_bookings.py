"""Training courses in full (end, Tibetan title, seats waiting, subsidy, who may enrol,
what to bring, language); bookings without foreign keys (made here or pulled from the
market); the trade each worker would like to learn (asked once); and the unused
training_bookings table goes (nothing ever wrote to it)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 18:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("trainings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("title_bo", sa.String(length=128), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("ends_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("waiting", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("subsidised", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("who", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("bring", sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column("language", sa.String(length=8), nullable=False, server_default="both")
        )
    with op.batch_alter_table("training_bookings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_bookings_worker_id"))
    op.drop_table("training_bookings")
    op.create_table(
        "bookings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("training_id", sa.String(length=36), nullable=False),
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=True),
        sa.Column("booked_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
    )
    op.create_index(op.f("ix_bookings_training_id"), "bookings", ["training_id"], unique=False)
    op.create_index(op.f("ix_bookings_worker_id"), "bookings", ["worker_id"], unique=False)
    op.create_table(
        "training_wishes",
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("job_type_code", sa.String(length=32), nullable=True),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("worker_id", name=op.f("pk_training_wishes")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("training_wishes")
    op.drop_index(op.f("ix_bookings_worker_id"), table_name="bookings")
    op.drop_index(op.f("ix_bookings_training_id"), table_name="bookings")
    op.drop_table("bookings")
    op.create_table(
        "training_bookings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("training_id", sa.String(length=36), nullable=False),
        sa.Column("worker_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["training_id"],
            ["trainings.id"],
            name=op.f("fk_training_bookings_training_id_trainings"),
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["workers.id"], name=op.f("fk_training_bookings_worker_id_workers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_bookings")),
        sa.UniqueConstraint(
            "worker_id", "training_id", name=op.f("uq_training_bookings_worker_id")
        ),
    )
    with op.batch_alter_table("training_bookings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_bookings_worker_id"), ["worker_id"], unique=False
        )
    with op.batch_alter_table("trainings", schema=None) as batch_op:
        for name in ("language", "bring", "who", "subsidised", "waiting", "ends_at", "title_bo"):
            batch_op.drop_column(name)
