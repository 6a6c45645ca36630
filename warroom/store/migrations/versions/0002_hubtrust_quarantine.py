"""quarantine of refused hub changes; admin-retired hub changes

Revision ID: hubtrust_quarantine
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
import warroom.store.types


revision = 'hubtrust_quarantine'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_quarantine',
    sa.Column('change_id', sa.Text(), nullable=False),
    sa.Column('table_name', sa.Text(), nullable=False),
    sa.Column('row_id', sa.Text(), nullable=False),
    sa.Column('device', sa.Text(), nullable=False),
    sa.Column('stamp', sa.Text(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('refused_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('change_id', name=op.f('pk_sync_quarantine'))
    )
    op.create_table('hub_refused',
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('refused_by', sa.Text(), nullable=False),
    sa.Column('refused_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('change_id', name=op.f('pk_hub_refused'))
    )


def downgrade() -> None:
    op.drop_table('hub_refused')
    op.drop_table('sync_quarantine')
