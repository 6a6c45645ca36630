"""How a freshly read list of timeline entries differs from the one on screen.

A plan is one removal, one insertion and a range of rows whose content changed, so the
model emits a handful of signals however many rows it re-read. Plain Python, no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from warroom.domain.timeline import Entry


@dataclass(frozen=True)
class RowDiff:
    prefix: int  # rows identical by id at the start
    removed: int  # old rows removed at `prefix`
    inserted: int  # new rows inserted at `prefix`
    changed: tuple[int, int] | None  # first and last row (new numbering) whose content changed


def diff_rows(old: Sequence[Entry], new: Sequence[Entry]) -> RowDiff:
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix].id == new[prefix].id:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix].id == new[len(new) - 1 - suffix].id:
        suffix += 1
    removed = len(old) - prefix - suffix
    inserted = len(new) - prefix - suffix
    changed = [i for i in range(prefix) if old[i] != new[i]]
    shift = inserted - removed
    changed += [i + shift for i in range(len(old) - suffix, len(old)) if old[i] != new[i + shift]]
    if inserted or removed:
        # The row after a change may now start a new day (its date label changes).
        after = prefix + inserted
        if after < len(new):
            changed.append(after)
    span = (min(changed), max(changed)) if changed else None
    return RowDiff(prefix, removed, inserted, span)


def touches_milestones(old: Sequence[Entry], new: Sequence[Entry], plan: RowDiff) -> bool:
    """Whether applying `plan` adds, removes or changes an entry that marks a milestone."""
    removed = old[plan.prefix : plan.prefix + plan.removed]
    inserted = new[plan.prefix : plan.prefix + plan.inserted]
    before = {e.id: e for e in old}
    changed = [
        e for e in (new[plan.changed[0] : plan.changed[1] + 1] if plan.changed else []) if e != before.get(e.id, e)
    ]
    return any(e.milestone for e in (*removed, *inserted)) or any(
        e.milestone or before[e.id].milestone for e in changed
    )
