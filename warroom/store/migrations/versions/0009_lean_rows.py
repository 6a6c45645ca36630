"""lean rows: an entry is its revisions; its star lives in entry_marks (issue #17)

Before, each entry also had a mutable, replicated `timeline_entries` row (its
identity, creation instant and star) with its own field clocks and outbox
change. Now the revisions are the whole record: `timeline_heads` (local,
derived) carries the creation instant, and a star is an `entry_marks` row,
kept only for entries that were ever starred (with the star's own stamp and
merge history, so last-writer-wins still sees every earlier write).

Revision ID: lean_rows
Revises: hubjoin_policy
Create Date: 2026-11-30 08:10:00
"""

import json

import sqlalchemy as sa
from alembic import op

import warroom.store.types

revision = "lean_rows"
down_revision = "hubjoin_policy"
branch_labels = None
depends_on = None

_MARK_FIELDS = ("incident_id", "starred")


def upgrade() -> None:
    op.create_table(
        "entry_marks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("incident_id", sa.String(length=36), nullable=False),
        sa.Column("starred", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name=op.f("fk_entry_marks_incident_id_incidents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry_marks")),
    )
    with op.batch_alter_table("entry_marks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_marks_incident_id"), ["incident_id"], unique=False)
    _move_stars()
    with op.batch_alter_table("timeline_heads", schema=None) as batch_op:
        batch_op.add_column(sa.Column("created_at", warroom.store.types.UTCDateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE timeline_heads SET created_at = "
        "(SELECT e.created_at FROM timeline_entries e WHERE e.id = timeline_heads.entry_id)"
    )
    with op.batch_alter_table("timeline_heads", schema=None) as batch_op:
        batch_op.alter_column(
            "created_at", existing_type=warroom.store.types.UTCDateTime(timezone=True), nullable=False
        )
        batch_op.drop_constraint("fk_timeline_heads_entry_id_timeline_entries", type_="foreignkey")
    with op.batch_alter_table("entry_revisions", schema=None) as batch_op:
        batch_op.drop_constraint("fk_entry_revisions_entry_id_timeline_entries", type_="foreignkey")
    with op.batch_alter_table("timeline_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_timeline_entries_incident_id"))
    op.drop_table("timeline_entries")


def _move_stars() -> None:
    """Every entry ever starred or unstarred keeps its star, its stamps and its history as a mark."""
    conn = op.get_bind()
    clocks = {
        row_id: json.loads(stamps) if isinstance(stamps, str) else stamps
        for row_id, stamps in conn.execute(
            sa.text("SELECT row_id, stamps FROM sync_row_clocks WHERE table_name = 'timeline_entries'")
        )
    }
    marks, mark_clocks = [], []
    for entry_id, incident_id, starred in conn.execute(
        sa.text("SELECT id, incident_id, starred FROM timeline_entries")
    ):
        stamps = clocks.get(entry_id) or {}
        touched = stamps.get("starred") not in (None, stamps.get("incident_id"))  # written after the entry's creation
        if not (starred or touched):
            continue
        marks.append({"id": entry_id, "incident_id": incident_id, "starred": bool(starred)})
        kept = {f: stamps[f] for f in _MARK_FIELDS if f in stamps}
        if kept:
            mark_clocks.append({"row_id": entry_id, "stamps": json.dumps(kept, ensure_ascii=False, sort_keys=True)})
    if marks:
        conn.execute(sa.text("INSERT INTO entry_marks (id, incident_id, starred) VALUES (:id, :incident_id, :starred)"), marks)
    if mark_clocks:
        conn.execute(
            sa.text("INSERT INTO sync_row_clocks (table_name, row_id, stamps) VALUES ('entry_marks', :row_id, :stamps)"),
            mark_clocks,
        )
    op.execute("DELETE FROM sync_row_clocks WHERE table_name = 'timeline_entries'")
    op.execute(
        "UPDATE sync_merge_history SET table_name = 'entry_marks' "
        "WHERE table_name = 'timeline_entries' AND field IN ('incident_id', 'starred')"
    )


def downgrade() -> None:
    op.create_table(
        "timeline_entries",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("incident_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", warroom.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("starred", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_timeline_entries_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timeline_entries")),
    )
    with op.batch_alter_table("timeline_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_timeline_entries_incident_id"), ["incident_id"], unique=False)
    op.execute(
        "INSERT INTO timeline_entries (id, incident_id, created_at, starred) "
        "SELECT h.entry_id, h.incident_id, h.created_at, COALESCE(m.starred, false) "
        "FROM timeline_heads h LEFT JOIN entry_marks m ON m.id = h.entry_id"
    )
    _restore_entry_clocks()
    with op.batch_alter_table("entry_revisions", schema=None) as batch_op:
        batch_op.create_foreign_key(
            "fk_entry_revisions_entry_id_timeline_entries", "timeline_entries", ["entry_id"], ["id"]
        )
    with op.batch_alter_table("timeline_heads", schema=None) as batch_op:
        batch_op.create_foreign_key("fk_timeline_heads_entry_id_timeline_entries", "timeline_entries", ["entry_id"], ["id"])
        batch_op.drop_column("created_at")
    op.execute(
        "UPDATE sync_merge_history SET table_name = 'timeline_entries' "
        "WHERE table_name = 'entry_marks' AND field IN ('incident_id', 'starred')"
    )
    op.execute("DELETE FROM sync_row_clocks WHERE table_name = 'entry_marks'")
    with op.batch_alter_table("entry_marks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_marks_incident_id"))
    op.drop_table("entry_marks")


def _restore_entry_clocks() -> None:
    """Each entry's fields stamped by its first revision; a star by its mark's own stamp."""
    conn = op.get_bind()
    marks = {
        row_id: json.loads(stamps) if isinstance(stamps, str) else stamps
        for row_id, stamps in conn.execute(
            sa.text("SELECT row_id, stamps FROM sync_row_clocks WHERE table_name = 'entry_marks'")
        )
    }
    rows = []
    for entry_id, first in conn.execute(sa.text("SELECT entry_id, MIN(stamp) FROM entry_revisions GROUP BY entry_id")):
        stamps = {"created_at": first, "incident_id": first, "starred": first, **marks.get(entry_id, {})}
        rows.append({"row_id": entry_id, "stamps": json.dumps(stamps, ensure_ascii=False, sort_keys=True)})
    if rows:
        conn.execute(
            sa.text(
                "INSERT INTO sync_row_clocks (table_name, row_id, stamps) VALUES ('timeline_entries', :row_id, :stamps)"
            ),
            rows,
        )
