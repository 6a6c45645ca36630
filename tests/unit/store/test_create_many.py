"""Bulk creation writes what creating one row at a time writes: rows, field stamps, outbox changes."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from warroom.domain.clock import Stamp
from warroom.domain.ids import new_id
from warroom.store.models import OutboxRow, RowClockRow, metadata
from warroom.store.store import Store


def _vendor(name: str) -> dict:
    return {
        "id": new_id(),
        "name": name,
        "layers": ["network", "東京"],
        "country": "SE",
        "subdivision": None,
        "holiday_categories": ["public"],
        "timezone": "Europe/Stockholm",
        "hours": "Mon-Fri 08:00-17:00",
        "sla_response_min": 30,
        "contract_ref": "",
        "notes": "Åsa's \u202e note",
        "deleted": False,
    }


def _written(store: Store, ids: list[str]) -> list[tuple]:
    vendors = metadata.tables["vendors"]
    with store.unit_of_work() as uow:
        s = uow.session
        rows = {r.id: r for r in s.execute(select(vendors).where(vendors.c.id.in_(ids)))}
        clocks = {c.row_id: c.stamps for c in s.scalars(select(RowClockRow).where(RowClockRow.row_id.in_(ids)))}
        queued = {o.row_id: o for o in s.scalars(select(OutboxRow).where(OutboxRow.row_id.in_(ids)))}
        return [
            (
                {k: v for k, v in rows[i]._mapping.items() if k != "id"},
                sorted(clocks[i]),
                len(set(clocks[i].values())),
                {k: v for k, v in queued[i].payload["row"].items() if k != "id"},
                queued[i].payload["set"],
                queued[i].table_name,
                queued[i].stamp == next(iter(clocks[i].values())),
            )
            for i in ids
        ]


@pytest.mark.parametrize("count", [1, 3])
def test_create_many_writes_what_create_writes(db_url, count):
    store = Store(db_url)
    try:
        one = [_vendor(f"Leverantör {n}") for n in range(count)]
        many = [_vendor(f"Leverantör {n}") for n in range(count)]
        with store.unit_of_work() as uow:
            stamps = [uow.writer.create("vendors", row) for row in one]
            uow.writer.create_many("vendors", many)
            uow.writer.create_many("vendors", [])  # nothing to write: no statement
            uow.commit()
        assert _written(store, [r["id"] for r in many]) == _written(store, [r["id"] for r in one])
        with store.unit_of_work() as uow:
            bulk = sorted(
                uow.session.scalars(select(OutboxRow.stamp).where(OutboxRow.row_id.in_([r["id"] for r in many])))
            )
        assert len(set(bulk)) == count and min(Stamp.decode(s) for s in bulk) > Stamp.decode(stamps[-1])
    finally:
        store.close()


def _stored_text(store: Store, ids: list[str]) -> list[tuple[str, str]]:
    """The JSON text each row's stamps and outbox payload are stored as, its id and stamp blanked."""
    with store.unit_of_work() as uow:
        conn = uow.session.connection()
        out = []
        for row_id in ids:
            stamps = conn.execute(text("SELECT stamps FROM sync_row_clocks WHERE row_id = :r"), {"r": row_id}).scalar()
            payload, stamp = conn.execute(
                text("SELECT payload, stamp FROM sync_outbox WHERE row_id = :r"), {"r": row_id}
            ).one()
            out.append((stamps.replace(stamp, "S"), payload.replace(row_id, "ID")))
        return out


def test_create_many_stores_the_same_json_text_as_create(db_url):
    """The stamps and payloads encoded once per row are the text the JSON columns would store."""
    store = Store(db_url)
    try:
        one, many = [_vendor('Åström "AB" 東京')], [_vendor('Åström "AB" 東京')]
        with store.unit_of_work() as uow:
            uow.writer.create("vendors", one[0])
            uow.writer.create_many("vendors", many)
            uow.commit()
        assert _stored_text(store, [many[0]["id"]]) == _stored_text(store, [one[0]["id"]])
        assert '"東京"' in _stored_text(store, [many[0]["id"]])[0][1]  # UTF-8 text, not \\u escapes
    finally:
        store.close()


def test_a_new_level_row_is_row_of_the_level():
    from warroom.domain.directory import EscalationLevel
    from warroom.store.repositories.base import row_of
    from warroom.store.repositories.directory import new_level_row

    for level in (EscalationLevel("l1", "v1", 1, ("c1", "c2"), 15), EscalationLevel("l2", "v1", 2, (), None)):
        assert new_level_row(level) == row_of(level, deleted=False)
        assert list(new_level_row(level)) == list(row_of(level, deleted=False))  # the same column order
