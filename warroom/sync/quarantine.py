"""Changes from the hub this laptop refused: kept with their reason, never applied, never in the way.

A refused change is written in the same transaction that moves the pull
cursor past it, so it is neither applied nor lost, and the changes after it
arrive as usual. The payload is kept as the hub gave it (it may not even be
JSON), for a person to read in "Sync problems" and an admin to retire on the
hub (`warroom hub quarantine URL CHANGE_ID`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from warroom.store.models import QuarantineRow
from warroom.store.replication import Change
from warroom.store.store import Store
from warroom.sync.local import Tx
from warroom.sync.wire import plan_for

_TABLE = QuarantineRow.__table__
_COLUMNS = ("change_id", "table_name", "row_id", "device", "stamp", "payload", "reason", "refused_at")


@dataclass(frozen=True)
class Problem:
    """One refused change, as the "Sync problems" list and `warroom sync problems` show it."""

    change_id: str
    table_name: str
    row_id: str
    device: str
    stamp: str
    reason: str
    refused_at: datetime
    payload: str

    def as_json(self) -> dict[str, str]:
        return {
            "change_id": self.change_id,
            "table": self.table_name,
            "row_id": self.row_id,
            "device": self.device,
            "stamp": self.stamp,
            "reason": self.reason,
            "refused_at": self.refused_at.isoformat(),
            "payload": self.payload,
        }


def record(tx: Tx, refused: list[tuple[Change, str]]) -> None:
    """Keep refused changes with their reasons (a change refused before is kept once)."""
    if not refused:
        return
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    plan = plan_for(tx.dialect, "sync_quarantine", _COLUMNS)
    sql = plan.sql + " ON CONFLICT (change_id) DO NOTHING"
    rows = [
        plan.values(
            {
                "change_id": _text(c.change_id),
                "table_name": _text(c.table_name),
                "row_id": _text(c.row_id),
                "device": _text(c.device),
                "stamp": _text(c.stamp),
                "payload": payload_text(c.payload),
                "reason": reason,
                "refused_at": now,
            }
        )
        for c, reason in refused
    ]
    tx.many(sql, rows)


def problems(store: Store) -> list[Problem]:
    """Every refused change, newest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(_TABLE).order_by(_TABLE.c.refused_at.desc(), _TABLE.c.change_id)).mappings()
        return [Problem(**{k: row[k] for k in _COLUMNS}) for row in rows]


def count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(_TABLE)).scalar_one())


def payload_text(payload: Any) -> str:
    """The payload as text: JSON when it is JSON, else as it came."""
    if isinstance(payload, str):
        return payload
    try:
        return json.dumps(payload, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        return repr(payload)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else repr(value)
