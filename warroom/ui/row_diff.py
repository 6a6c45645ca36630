"""How a freshly read list of timeline entries differs from the one on screen.

Computed on a worker thread so the GUI thread only applies a plan: one removal, one insertion
and a range of rows whose content changed. Plain Python, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

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
    while (suffix < limit - prefix
           and old[len(old) - 1 - suffix].id == new[len(new) - 1 - suffix].id):
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
