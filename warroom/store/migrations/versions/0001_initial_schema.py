"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 20:32:30.200382
"""
from alembic import op
import sqlalchemy as sa
import warroom.store.types


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('checklist_templates',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('items', warroom.store.types.JSONText(), nullable=False),
    sa.Column('builtin', sa.Boolean(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_templates'))
    )
    with op.batch_alter_table('checklist_templates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checklist_templates_name'), ['name'], unique=False)

    op.create_table('hub_changes',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('payload', warroom.store.types.JSONText(), nullable=False),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('device', sa.String(length=64), nullable=False),
    sa.Column('txid', warroom.store.types.Xid8().with_variant(sa.BigInteger(), 'sqlite'), nullable=True),
    sa.Column('pushed_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_hub_changes')),
    sa.UniqueConstraint('change_id', name=op.f('uq_hub_changes_change_id'))
    )
    with op.batch_alter_table('hub_changes', schema=None) as batch_op:
        batch_op.create_index('ix_hub_changes_txid_seq', ['txid', 'seq'], unique=False)

    op.create_table('incidents',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('severity', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('commander', sa.Text(), nullable=False),
    sa.Column('started_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('zone', sa.String(length=64), nullable=False),
    sa.Column('impacted_services', warroom.store.types.JSONText(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('impact', sa.Text(), nullable=False),
    sa.Column('classification', sa.Text(), nullable=False),
    sa.Column('root_cause', sa.Text(), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=False),
    sa.Column('workaround', sa.Text(), nullable=False),
    sa.Column('went_wrong', sa.Text(), nullable=False),
    sa.Column('went_well', sa.Text(), nullable=False),
    sa.Column('lessons', sa.Text(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents'))
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_number'), ['number'], unique=False)

    op.create_table('local_meta',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_local_meta'))
    )
    op.create_table('sync_merge_history',
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('value', warroom.store.types.JSONText(), nullable=True),
    sa.PrimaryKeyConstraint('table_name', 'row_id', 'field', 'stamp', name=op.f('pk_sync_merge_history'))
    )
    op.create_table('sync_outbox',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('payload', warroom.store.types.JSONText(), nullable=False),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_outbox')),
    sa.UniqueConstraint('change_id', name=op.f('uq_sync_outbox_change_id'))
    )
    op.create_table('sync_row_clocks',
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('stamps', warroom.store.types.JSONText(), nullable=False),
    sa.PrimaryKeyConstraint('table_name', 'row_id', name=op.f('pk_sync_row_clocks'))
    )
    op.create_table('vendors',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('layers', warroom.store.types.JSONText(), nullable=False),
    sa.Column('country', sa.String(length=8), nullable=False),
    sa.Column('subdivision', sa.String(length=16), nullable=True),
    sa.Column('holiday_categories', warroom.store.types.JSONText(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('hours', sa.Text(), nullable=False),
    sa.Column('sla_response_min', sa.Integer(), nullable=True),
    sa.Column('contract_ref', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendors'))
    )
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendors_name'), ['name'], unique=False)

    op.create_table('absences',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('vendor_id', sa.String(length=36), nullable=False),
    sa.Column('contact_id', sa.String(length=36), nullable=True),
    sa.Column('starts_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('source_uid', sa.Text(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_absences_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_absences'))
    )
    with op.batch_alter_table('absences', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_absences_source_uid'), ['source_uid'], unique=False)
        batch_op.create_index(batch_op.f('ix_absences_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('action_items',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner', sa.Text(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('tracker_url', sa.Text(), nullable=False),
    sa.Column('entry_id', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_action_items_incident_id_incidents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_items'))
    )
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_items_incident_id'), ['incident_id'], unique=False)

    op.create_table('checklists',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('template_name', sa.Text(), nullable=True),
    sa.Column('created_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_checklists_incident_id_incidents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklists'))
    )
    with op.batch_alter_table('checklists', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checklists_incident_id'), ['incident_id'], unique=False)

    op.create_table('contact_attempts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('vendor_id', sa.String(length=36), nullable=True),
    sa.Column('contact_id', sa.String(length=36), nullable=True),
    sa.Column('at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('ticket', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('author', sa.Text(), nullable=False),
    sa.Column('entry_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_contact_attempts_incident_id_incidents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_attempts'))
    )
    with op.batch_alter_table('contact_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_attempts_incident_id'), ['incident_id'], unique=False)

    op.create_table('contacts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('vendor_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('role', sa.Text(), nullable=False),
    sa.Column('phones', warroom.store.types.JSONText(), nullable=False),
    sa.Column('email', sa.Text(), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=True),
    sa.Column('hours', sa.Text(), nullable=True),
    sa.Column('always_on_call', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_contacts_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contacts'))
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contacts_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('duration_defs',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('start_milestone', sa.String(length=80), nullable=False),
    sa.Column('end_milestone', sa.String(length=80), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_duration_defs_incident_id_incidents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duration_defs'))
    )
    with op.batch_alter_table('duration_defs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duration_defs_incident_id'), ['incident_id'], unique=False)

    op.create_table('escalation_levels',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('vendor_id', sa.String(length=36), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('contact_ids', warroom.store.types.JSONText(), nullable=False),
    sa.Column('wait_min', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_escalation_levels_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalation_levels'))
    )
    with op.batch_alter_table('escalation_levels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_escalation_levels_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('status_updates',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('audience', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('channel', sa.Text(), nullable=False),
    sa.Column('posted_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('author', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_status_updates_incident_id_incidents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_updates'))
    )
    with op.batch_alter_table('status_updates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_updates_incident_id'), ['incident_id'], unique=False)

    op.create_table('timeline_entries',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('created_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('starred', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_timeline_entries_incident_id_incidents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timeline_entries'))
    )
    with op.batch_alter_table('timeline_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timeline_entries_incident_id'), ['incident_id'], unique=False)

    op.create_table('checklist_items',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('checklist_id', sa.String(length=36), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('hint', sa.Text(), nullable=False),
    sa.Column('position', sa.Float(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('assignee', sa.Text(), nullable=True),
    sa.Column('done_at', warroom.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('done_by', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['checklist_id'], ['checklists.id'], name=op.f('fk_checklist_items_checklist_id_checklists')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_items'))
    )
    with op.batch_alter_table('checklist_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checklist_items_checklist_id'), ['checklist_id'], unique=False)

    op.create_table('entry_revisions',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('occurred_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('author', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('milestone', sa.String(length=80), nullable=True),
    sa.Column('vendor_id', sa.String(length=36), nullable=True),
    sa.Column('contact_id', sa.String(length=36), nullable=True),
    sa.Column('vendor_name', sa.Text(), nullable=True),
    sa.Column('contact_name', sa.Text(), nullable=True),
    sa.Column('retracted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['timeline_entries.id'], name=op.f('fk_entry_revisions_entry_id_timeline_entries')),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_entry_revisions_incident_id_incidents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entry_revisions'))
    )
    with op.batch_alter_table('entry_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entry_revisions_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index('ix_entry_revisions_incident_occurred', ['incident_id', 'occurred_at'], unique=False)

    op.create_table('timeline_heads',
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('stamp', sa.String(length=80), nullable=False),
    sa.Column('revision_count', sa.Integer(), nullable=False),
    sa.Column('occurred_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_at', warroom.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('author', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('milestone', sa.String(length=80), nullable=True),
    sa.Column('vendor_id', sa.String(length=36), nullable=True),
    sa.Column('contact_id', sa.String(length=36), nullable=True),
    sa.Column('vendor_name', sa.Text(), nullable=True),
    sa.Column('contact_name', sa.Text(), nullable=True),
    sa.Column('retracted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['timeline_entries.id'], name=op.f('fk_timeline_heads_entry_id_timeline_entries')),
    sa.PrimaryKeyConstraint('entry_id', name=op.f('pk_timeline_heads'))
    )
    with op.batch_alter_table('timeline_heads', schema=None) as batch_op:
        batch_op.create_index('ix_timeline_heads_incident_occurred', ['incident_id', 'occurred_at', 'entry_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('timeline_heads', schema=None) as batch_op:
        batch_op.drop_index('ix_timeline_heads_incident_occurred')

    op.drop_table('timeline_heads')
    with op.batch_alter_table('entry_revisions', schema=None) as batch_op:
        batch_op.drop_index('ix_entry_revisions_incident_occurred')
        batch_op.drop_index(batch_op.f('ix_entry_revisions_entry_id'))

    op.drop_table('entry_revisions')
    with op.batch_alter_table('checklist_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checklist_items_checklist_id'))

    op.drop_table('checklist_items')
    with op.batch_alter_table('timeline_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timeline_entries_incident_id'))

    op.drop_table('timeline_entries')
    with op.batch_alter_table('status_updates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_updates_incident_id'))

    op.drop_table('status_updates')
    with op.batch_alter_table('escalation_levels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalation_levels_vendor_id'))

    op.drop_table('escalation_levels')
    with op.batch_alter_table('duration_defs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duration_defs_incident_id'))

    op.drop_table('duration_defs')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contacts_vendor_id'))

    op.drop_table('contacts')
    with op.batch_alter_table('contact_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_attempts_incident_id'))

    op.drop_table('contact_attempts')
    with op.batch_alter_table('checklists', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checklists_incident_id'))

    op.drop_table('checklists')
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_items_incident_id'))

    op.drop_table('action_items')
    with op.batch_alter_table('absences', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_absences_vendor_id'))
        batch_op.drop_index(batch_op.f('ix_absences_source_uid'))

    op.drop_table('absences')
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendors_name'))

    op.drop_table('vendors')
    op.drop_table('sync_row_clocks')
    op.drop_table('sync_outbox')
    op.drop_table('sync_merge_history')
    op.drop_table('local_meta')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_number'))

    op.drop_table('incidents')
    with op.batch_alter_table('hub_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_hub_changes_txid_seq')

    op.drop_table('hub_changes')
    with op.batch_alter_table('checklist_templates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checklist_templates_name'))

    op.drop_table('checklist_templates')
