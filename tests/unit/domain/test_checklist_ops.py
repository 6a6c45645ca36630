"""Fractional positions, skip reasons and the timeline wording of ticks."""

from __future__ import annotations

import math

import pytest

from warroom.domain.checklist import ItemState
from warroom.domain.checklist_ops import (
    PositionsExhausted,
    position_for_index,
    positions_between,
    spaced_positions,
    tick_entry_text,
    validate_skip_reason,
)
from warroom.domain.errors import ValidationError


def test_positions_at_the_ends_and_in_the_middle() -> None:
    assert positions_between(None, None) == 1.0
    assert positions_between(None, 1.0) == 0.0
    assert positions_between(3.0, None) == 4.0
    assert positions_between(1.0, 2.0) == 1.5
    assert positions_between(-2.0, -1.0) == -1.5


def test_moving_repeatedly_into_the_same_gap_keeps_strict_order_until_exhausted() -> None:
    low, high = 1.0, 2.0
    moves = 0
    with pytest.raises(PositionsExhausted, match="renumber"):
        while True:
            middle = positions_between(low, high)
            assert low < middle < high
            high = middle
            moves += 1
    assert moves >= 50


def test_positions_refuse_wrong_order_and_non_finite_numbers() -> None:
    with pytest.raises(ValueError, match="must sort before"):
        positions_between(2.0, 2.0)
    with pytest.raises(ValueError, match="finite"):
        positions_between(math.nan, None)
    with pytest.raises(ValueError, match="finite"):
        positions_between(None, math.inf)


def test_position_for_index_inserts_at_top_between_and_end() -> None:
    positions = [1.0, 2.0, 3.0]
    assert position_for_index(positions, 0) == 0.0
    assert position_for_index(positions, 1) == 1.5
    assert position_for_index(positions, 3) == 4.0
    assert position_for_index([], 0) == 1.0
    with pytest.raises(ValueError, match="outside 0..3"):
        position_for_index(positions, 4)


def test_moving_an_item_up_one_place_sorts_it_there() -> None:
    items = dict(zip("abcd", spaced_positions(4)))
    others = sorted(p for name, p in items.items() if name != "d")
    items["d"] = position_for_index(others, 1)  # d goes between a and b
    assert sorted(items, key=items.__getitem__) == ["a", "d", "b", "c"]
    assert spaced_positions(3) == (1.0, 2.0, 3.0)


def test_skip_reason_is_trimmed_and_required() -> None:
    assert validate_skip_reason("  internal system only\n no customers  ") == "internal system only no customers"
    for empty in (None, "", "  \n\t "):
        with pytest.raises(ValidationError, match="^Skip reason is empty: say why"):
            validate_skip_reason(empty)
    with pytest.raises(ValidationError, match="1,001 characters"):
        validate_skip_reason("x" * 1001)


def test_tick_text_for_done_skipped_and_unticked() -> None:
    item = "Announce the outage in the team channel"
    assert tick_entry_text(item, ItemState.DONE, "Åsa") == f"✓ {item} (by Åsa)"
    assert (
        tick_entry_text("Start the status page", ItemState.SKIPPED, "Paweł Wiśniewski", reason="internal only")
        == "Skipped: Start the status page (by Paweł Wiśniewski) — reason: internal only"
    )
    assert tick_entry_text(item, ItemState.OPEN, "Ọlá Adéwálé") == f"Un-ticked: {item} (by Ọlá Adéwálé)"
    assert (
        tick_entry_text(item, ItemState.OPEN, "Åsa", reason="ticked by mistake")
        == f"Un-ticked: {item} (by Åsa) — reason: ticked by mistake"
    )


def test_tick_text_appends_a_note_keeps_unicode_and_flattens_line_breaks() -> None:
    text = tick_entry_text("اتصل بمدير\nالمناوبة", "done", "東京 on-call", note="שלום 🔔\nticket #4411")
    assert text == "✓ اتصل بمدير المناوبة (by 東京 on-call) — note: שלום 🔔 ticket #4411"
    assert tick_entry_text("Read the logs", ItemState.DONE, None) == "✓ Read the logs"


def test_skipping_without_a_reason_is_refused() -> None:
    with pytest.raises(ValidationError, match="Skip reason is empty"):
        tick_entry_text("Read the logs", ItemState.SKIPPED, "Åsa", reason="  ")
