"""hub_incident_numbers: the hub gives out incident numbers, each once

Revision ID: lean_incident_numbers
Revises: comms_channels
"""
from alembic import op
import sqlalchemy as sa


revision = 'lean_incident_numbers'
down_revision = 'comms_channels'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hub_incident_numbers',
    sa.Column('number', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('number', name=op.f('pk_hub_incident_numbers')),
    sa.UniqueConstraint('incident_id', name=op.f('uq_hub_incident_numbers_incident_id'))
    )


def downgrade() -> None:
    op.drop_table('hub_incident_numbers')
