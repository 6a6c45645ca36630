"""hub_snapshot and hub_compactions: what compaction keeps of the hub's change log before its compaction point

Revision ID: lean_hub_snapshot
Revises: lean_incident_numbers
"""
from alembic import op
import sqlalchemy as sa
import warroom.store.types


revision = 'lean_hub_snapshot'
down_revision = 'lean_incident_numbers'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hub_compactions',
    sa.Column('txid', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('compacted_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('txid', 'seq', name=op.f('pk_hub_compactions'))
    )
    op.create_table('hub_snapshot',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('txid', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('payload', warroom.store.types.JSONText(), nullable=False),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('device', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_hub_snapshot')),
    sa.UniqueConstraint('change_id', name=op.f('uq_hub_snapshot_change_id'))
    )
    with op.batch_alter_table('hub_snapshot', schema=None) as batch_op:
        batch_op.create_index('ix_hub_snapshot_txid_seq', ['txid', 'seq'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('hub_snapshot', schema=None) as batch_op:
        batch_op.drop_index('ix_hub_snapshot_txid_seq')
    op.drop_table('hub_snapshot')
    op.drop_table('hub_compactions')
