"""Pure helpers the checklist service builds on: ordering, skip reasons, timeline wording."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from warroom.domain.checklist import ItemState
from warroom.domain.errors import ValidationError

POSITION_STEP = 1.0
MAX_SKIP_REASON_CHARS = 1000
_LINE_BREAKS = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


class PositionsExhausted(ValueError):
    """No float lies strictly between two neighbours any more: renumber with spaced_positions."""


def positions_between(before: float | None, after: float | None) -> float:
    """A position that sorts strictly between two neighbours, so moving one item renumbers nothing.

    None means "no neighbour on that side" (start or end of the list). Raises
    PositionsExhausted after roughly fifty moves into the same gap; renumber then.
    """
    for value in (before, after):
        if value is not None and not math.isfinite(value):
            raise ValueError(f"Item positions must be finite numbers, not {value!r}.")
    if before is None and after is None:
        return POSITION_STEP
    if before is None:
        return after - POSITION_STEP  # type: ignore[operator]
    if after is None:
        return before + POSITION_STEP
    if not before < after:
        raise ValueError(f"Position {before!r} must sort before {after!r}.")
    middle = before + (after - before) / 2
    if not before < middle < after:
        raise PositionsExhausted(f"No position left between {before!r} and {after!r}; renumber the items.")
    return middle


def position_for_index(positions: Sequence[float], index: int) -> float:
    """The position for an item inserted (or moved) to `index` among items at sorted `positions`.

    `positions` must exclude the item being moved; index 0 is the top, len(positions) the end.
    """
    if not 0 <= index <= len(positions):
        raise ValueError(f"Index {index} is outside 0..{len(positions)}.")
    before = positions[index - 1] if index > 0 else None
    after = positions[index] if index < len(positions) else None
    return positions_between(before, after)


def spaced_positions(count: int) -> tuple[float, ...]:
    """Fresh, evenly spaced positions for `count` items (1.0, 2.0, ...), for a first fill or a renumbering."""
    return tuple(POSITION_STEP * (number + 1) for number in range(count))


def validate_skip_reason(reason: str | None) -> str:
    """The trimmed reason for skipping an item; a skip without a reason is refused."""
    text = _one_line(reason)
    if not text:
        raise ValidationError("Skip reason is empty: say why this item is skipped, e.g. 'no customer-facing impact'.")
    if len(text) > MAX_SKIP_REASON_CHARS:
        raise ValidationError(
            f"Skip reason is {len(text):,} characters; keep it to {MAX_SKIP_REASON_CHARS:,} and put details in a note."
        )
    return text


def tick_entry_text(
    item_text: str,
    state: ItemState,
    by: str | None,
    reason: str | None = None,
    note: str | None = None,
) -> str:
    """The timeline entry text for ticking (DONE), skipping (SKIPPED) or un-ticking (OPEN) an item.

    ✓ Announce the outage in the team channel (by Åsa)
    Skipped: Start the status page (by Åsa) — reason: internal system only
    Un-ticked: Announce the outage in the team channel (by Åsa)
    A note, if any, is appended as " — note: …". SKIPPED requires a reason.
    """
    text = _one_line(item_text) or "(untitled item)"
    who = f" (by {_one_line(by)})" if _one_line(by) else ""
    state = ItemState(state)
    if state is ItemState.DONE:
        line = f"✓ {text}{who}"
    elif state is ItemState.SKIPPED:
        line = f"Skipped: {text}{who} — reason: {validate_skip_reason(reason)}"
    else:
        line = f"Un-ticked: {text}{who}"
        if _one_line(reason):
            line += f" — reason: {_one_line(reason)}"
    if _one_line(note):
        line += f" — note: {_one_line(note)}"
    return line


def _one_line(text: str | None) -> str:
    return _LINE_BREAKS.sub(" ", text or "").strip()
