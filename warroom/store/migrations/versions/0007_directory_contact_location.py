"""directory: a contact's own place, inactive vendors and contacts, the SLA clock, absences' calendar

Revision ID: directory_contact_location
Revises: lean_hub_snapshot
Create Date: 2026-11-30 05:55:00
"""

import sqlalchemy as sa
from alembic import op

import warroom.store.types

revision = "directory_contact_location"
down_revision = "lean_hub_snapshot"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("country", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("subdivision", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("holiday_categories", warroom.store.types.JSONText(), nullable=True))
        batch_op.add_column(sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False))
    with op.batch_alter_table("absences", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.Text(), nullable=True))
    with op.batch_alter_table("vendors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sla_clock", sa.String(length=16), server_default="business", nullable=False))
        batch_op.add_column(sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("vendors", schema=None) as batch_op:
        batch_op.drop_column("active")
        batch_op.drop_column("sla_clock")
    with op.batch_alter_table("absences", schema=None) as batch_op:
        batch_op.drop_column("source")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("active")
        batch_op.drop_column("holiday_categories")
        batch_op.drop_column("subdivision")
        batch_op.drop_column("country")
