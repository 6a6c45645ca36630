"""The hub's compaction point (see compaction.py): the newest row of hub_compactions, read as 'TXID:SEQ'."""

from __future__ import annotations

# Plain SQL that PostgreSQL and SQLite both read; also embedded in the PostgreSQL pull (hub_pg.PULL).
LAST_POINT = (
    "SELECT CAST(txid AS text) || ':' || CAST(seq AS text) FROM hub_compactions ORDER BY txid DESC, seq DESC LIMIT 1"
)


def parse_point(raw: str | None) -> tuple[int, int] | None:
    if not raw:
        return None
    txid, _, seq = raw.partition(":")
    return int(txid), int(seq)
