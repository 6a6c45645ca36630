"""hub_policy: the admin's automatic compaction policy; hub_compactions says who compacted

Revision ID: hubjoin_policy
Revises: directory_contact_location
Create Date: 2026-11-30 08:05:00
"""

import sqlalchemy as sa
from alembic import op

import warroom.store.types

revision = "hubjoin_policy"
down_revision = "directory_contact_location"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_policy",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("compact_after_days", sa.Float(), nullable=True),
        sa.Column("every_hours", sa.Float(), nullable=False),
        sa.Column("set_by", sa.Text(), nullable=False),
        sa.Column("set_at", warroom.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_run_at", warroom.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_run_by", sa.Text(), nullable=True),
        sa.Column("last_result", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hub_policy")),
    )
    with op.batch_alter_table("hub_compactions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("compacted_by", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("hub_compactions", schema=None) as batch_op:
        batch_op.drop_column("compacted_by")
    op.drop_table("hub_policy")
