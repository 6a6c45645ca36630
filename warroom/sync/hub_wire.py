"""Changes as the hub's log holds them: the row pushed, and the change read back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from warroom.store.replication import Change
from warroom.sync.hub_pg import WireRow


def to_wire_row(change: Change) -> WireRow:
    payload = json.dumps(change.payload, ensure_ascii=False, sort_keys=True)  # as JSONText stores it
    return (change.change_id, change.table_name, change.row_id, payload, change.stamp, change.device)


_raw_decode = json.JSONDecoder().raw_decode


def _payload(payload: Any) -> Any:
    """A payload as json.loads reads it, or its text if it is not JSON (validation refuses that).

    Straight to the scanner: the payloads the app writes have no surrounding whitespace, and
    json.loads's own wrapper (two regex matches per call) is a third of decoding a snapshot.
    Anything else goes through json.loads itself, so every payload decodes exactly as before."""
    if not isinstance(payload, str):
        return payload
    try:
        value, end = _raw_decode(payload)
        if end == len(payload):
            return value
    except ValueError:
        pass
    try:
        return json.loads(payload)
    except ValueError:
        return payload


def decode_row(row: Sequence[Any]) -> Change:
    """A change from a row as `read_snapshot_rows` returns it (see `read_change`)."""
    return read_change(row)


def read_change(row: Sequence[Any]) -> Change:
    """A change from a read row: (txid, seq, change_id, table, row_id, stamp, device, payload).

    A payload that is not JSON is kept as its text: validation refuses it (and
    quarantine keeps it), so one junk row never stops a pull.
    """
    return Change(row[2], row[3], row[4], _payload(row[7]), row[5], row[6])
