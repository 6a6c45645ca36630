"""Each row's painted values, worked out once and kept until the entry or the zone changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from warroom.domain.timeline import Entry, EntryKind
from warroom.ui.kit.style import KIND_COLOURS, KIND_LABELS
from warroom.ui.kit.theme import INKS
from warroom.ui.kit.time_display import TimeDisplay
from warroom.ui.timeline.cells import Column
from warroom.ui.timeline.rows import DECORATION, DISPLAY, FOREGROUND, RowCache, RowCells, role_value

AT = datetime(2025, 12, 24, 22, 30, tzinfo=UTC)
GREY = INKS["faint"][0]  # the light theme's faint grey (4.5:1 on the window)


def entry(**changes) -> Entry:
    made = Entry(
        id="e1",
        incident_id="i",
        occurred_at=AT,
        recorded_at=AT,
        created_at=AT,
        author="Ọlá Adéwálé",
        kind=EntryKind.DECISION,
        text="Roll back 東京 🚒\nsecond line",
        milestone="mitigated",
        vendor_id=None,
        contact_id=None,
        vendor_name="Nordvik Nät AB",
        contact_name="Åsa Bergström",
        revision=2,
        retracted=False,
        starred=False,
    )
    return replace(made, **changes)


def colour(cells: RowCells, column: Column) -> str | None:
    value = role_value(cells, column, FOREGROUND)
    return value.name() if value is not None else None


def test_texts_colours_and_icons_of_a_row(qtbot):
    cells = RowCells(entry(), TimeDisplay("Europe/Stockholm"))
    assert role_value(cells, Column.TEXT, DISPLAY) == "Roll back 東京 🚒 …"
    assert role_value(cells, Column.KIND, DISPLAY) == KIND_LABELS[EntryKind.DECISION]
    assert role_value(cells, Column.VENDOR, DISPLAY) == "Nordvik Nät AB · Åsa Bergström"
    assert role_value(cells, Column.EDITED, DISPLAY) == "edited"
    assert cells.time_text(False) == "23:30" and cells.time_text(True) == "Wed 24 Dec 23:30"
    assert cells.day.isoformat() == "2025-12-24"
    assert colour(cells, Column.KIND) == KIND_COLOURS[EntryKind.DECISION].lower()
    assert colour(cells, Column.AUTHOR) == GREY and colour(cells, Column.TEXT) is None
    assert role_value(cells, Column.KIND, DECORATION) is not None
    assert role_value(cells, Column.STAR, DECORATION) is None
    assert role_value(cells, Column.TEXT, 12345) is None and role_value(cells, 99, DISPLAY) is None


def test_a_retracted_starred_row_is_grey_and_starred(qtbot):
    cells = RowCells(entry(retracted=True, starred=True), TimeDisplay("UTC"))
    assert role_value(cells, Column.TEXT, DISPLAY).startswith("[retracted] ")
    assert colour(cells, Column.TEXT) == GREY and colour(cells, Column.KIND) != GREY
    assert role_value(cells, Column.STAR, DECORATION) is not None
    assert cells.day.isoformat() == "2025-12-24" and cells.time_text(False) == "22:30"


def test_the_cache_keeps_cells_for_equal_entries_and_rebuilds_changed_ones(qtbot):
    cache = RowCache(TimeDisplay("UTC"))
    first = cache.cells(entry())
    assert cache.cells(entry()) is first  # read again, same content: the same cells
    edited = cache.cells(entry(text="Rolled back", revision=3))
    assert edited is not first and role_value(edited, Column.TEXT, DISPLAY) == "Rolled back"
    cache.set_display(TimeDisplay("Asia/Tokyo"))
    assert cache.cells(entry(text="Rolled back", revision=3)).time_text(False) == "07:30"


def test_the_cache_starts_afresh_past_its_limit(qtbot):
    cache = RowCache(TimeDisplay("UTC"), limit=3)
    for n in range(3):
        cache.cells(entry(id=f"e{n}"))
    assert len(cache) == 3
    cache.cells(entry(id="e3"))
    assert len(cache) == 1


def test_bidi_controls_in_what_people_typed_are_shown_not_obeyed(qtbot):
    cells = RowCells(
        entry(text="Attached invoice\u202egnp.exe", author="Eve\u202e", contact_name="\u2066Åsa"),
        TimeDisplay("Europe/Stockholm"),
    )
    assert role_value(cells, Column.TEXT, DISPLAY) == "Attached invoice⟨RLO⟩gnp.exe"
    assert role_value(cells, Column.AUTHOR, DISPLAY) == "Eve⟨RLO⟩"
    assert role_value(cells, Column.VENDOR, DISPLAY) == "Nordvik Nät AB · ⟨LRI⟩Åsa"
