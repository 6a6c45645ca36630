"""The plan that turns the rows on screen into freshly read ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from warroom.domain.timeline import Entry, EntryKind
from warroom.ui.timeline.row_diff import RowDiff, diff_rows

T0 = datetime(2025, 12, 24, 8, 0, tzinfo=UTC)


def entry(n: int, text: str | None = None) -> Entry:
    at = T0 + timedelta(minutes=n)
    return Entry(
        id=f"e{n:03d}",
        incident_id="i",
        occurred_at=at,
        recorded_at=at,
        created_at=at,
        author="Ọlá Adéwálé",
        kind=EntryKind.OBSERVATION,
        text=text or f"entry {n} 東京",
        milestone=None,
        vendor_id=None,
        contact_id=None,
        vendor_name=None,
        contact_name=None,
        revision=1,
        retracted=False,
        starred=False,
    )


ROWS = [entry(n) for n in range(10)]


def apply(old, new, plan: RowDiff):
    rows = old[: plan.prefix] + old[plan.prefix + plan.removed :]
    return rows[: plan.prefix] + new[plan.prefix : plan.prefix + plan.inserted] + rows[plan.prefix :]


def test_identical_rows_need_nothing():
    assert diff_rows(ROWS, list(ROWS)) == RowDiff(10, 0, 0, None)


def test_an_appended_entry_is_one_insertion_at_the_end():
    new = ROWS + [entry(10)]
    plan = diff_rows(ROWS, new)
    assert plan == RowDiff(10, 0, 1, None)
    assert apply(ROWS, new, plan) == new


def test_a_backdated_entry_lands_in_the_middle_and_the_next_row_is_repainted():
    new = ROWS[:4] + [entry(100)] + ROWS[4:]
    plan = diff_rows(ROWS, new)
    assert (plan.prefix, plan.removed, plan.inserted) == (4, 0, 1)
    assert plan.changed == (5, 5)
    assert apply(ROWS, new, plan) == new


def test_a_retracted_entry_is_one_removal():
    new = ROWS[:3] + ROWS[4:]
    plan = diff_rows(ROWS, new)
    assert (plan.prefix, plan.removed, plan.inserted) == (3, 1, 0)
    assert apply(ROWS, new, plan) == new


def test_an_edited_entry_is_a_change_in_place():
    new = list(ROWS)
    new[7] = replace(ROWS[7], text="edited: שלום عربي 🎄", revision=2)
    plan = diff_rows(ROWS, new)
    assert (plan.removed, plan.inserted, plan.changed) == (0, 0, (7, 7))


def test_from_nothing_everything_is_inserted():
    assert diff_rows([], ROWS) == RowDiff(0, 0, 10, None)
    assert diff_rows(ROWS, []) == RowDiff(0, 10, 0, None)
