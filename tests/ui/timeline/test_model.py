"""The timeline model: a lazy, thin adapter over TimelineService, checked by qtmodeltester."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from warroom.domain.clock import utc_now
from warroom.domain.timeline import EntryFilter
from warroom.ui.kit.time_display import TimeDisplay
from warroom.ui.timeline.model import ENTRY_ROLE, PAGE, Column, TimelineModel


def loaded_model(qtbot, services, tasks, wait_idle, incident) -> TimelineModel:
    model = TimelineModel(services, tasks)
    model.set_incident(incident.id)
    wait_idle(tasks)
    return model


def test_qtmodeltester_passes_on_a_real_timeline(qtmodeltester, qtbot, services, tasks, wait_idle, incident):
    services.timeline.add(
        incident.id,
        "Firewall drops packages over 64 KiB 🔥",
        kind="action",
        milestone="detected",
        vendor_name="Baltic Perimeter Sp. z o.o.",
        contact_name="Ọlá Adéwálé",
    )
    services.timeline.add(incident.id, "مرحبا — שלום — 東京", at=utc_now() - timedelta(days=1, hours=1))
    model = loaded_model(qtbot, services, tasks, wait_idle, incident)
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)


def test_rows_are_fetched_a_page_at_a_time_newest_first(qtbot, services, tasks, wait_idle, incident, add_many):
    add_many(incident, 3000)
    model = loaded_model(qtbot, services, tasks, wait_idle, incident)
    assert model.total == 3000
    assert model.rowCount() == PAGE  # the newest page: where a live incident happens
    assert model.index(PAGE - 1, Column.TEXT).data() == "entry 02999"
    assert not model.canFetchMore()  # nothing newer
    assert model.can_fetch_older()
    model.fetch_older()
    assert not model.can_fetch_older()  # one read in flight at a time
    wait_idle(tasks)
    assert model.rowCount() == 2 * PAGE
    assert model.index(0, Column.TEXT).data() == f"entry {3000 - 2 * PAGE:05d}"
    while model.can_fetch_older():
        model.fetch_older()
        wait_idle(tasks)
    assert model.rowCount() == 3000
    assert [model.entry_at(r).text for r in (0, 1, 2999)] == ["entry 00000", "entry 00001", "entry 02999"]


def test_a_refresh_far_from_the_bottom_forgets_rows_below_and_fetches_them_again(
    qtbot, services, tasks, wait_idle, incident, add_many
):
    add_many(incident, 2000)
    model = loaded_model(qtbot, services, tasks, wait_idle, incident)
    while model.can_fetch_older():
        model.fetch_older()
        wait_idle(tasks)
    model.set_first_visible(0)  # the reader went back to the start
    services.timeline.add(incident.id, "new at the end")
    model.refresh()
    wait_idle(tasks)
    assert model.rowCount() == 2 * PAGE and model.total == 2001
    assert model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
        wait_idle(tasks)
    assert model.rowCount() == 2001
    assert model.entry_at(2000).text == "new at the end"
    assert len({model.entry_at(r).id for r in range(2001)}) == 2001


def test_a_refresh_shows_new_entries_without_a_reset(qtbot, services, tasks, wait_idle, incident):
    services.timeline.add(incident.id, "first")
    model = loaded_model(qtbot, services, tasks, wait_idle, incident)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    services.timeline.add(incident.id, "second, from another laptop")
    with qtbot.waitSignal(model.rowsInserted, timeout=3000):
        model.refresh()
    assert [model.entry_at(r).text for r in range(model.rowCount())] == ["first", "second, from another laptop"]
    assert resets == []


def test_filters_run_in_the_store(qtbot, services, tasks, wait_idle, incident):
    services.timeline.add(incident.id, "Called the NOC", kind="contact", vendor_name="Nordvik Nät AB")
    services.timeline.add(incident.id, "Rolled back the release", kind="action")
    model = loaded_model(qtbot, services, tasks, wait_idle, incident)
    model.set_filter(EntryFilter(kinds=("action",)))
    wait_idle(tasks)
    assert [model.entry_at(r).text for r in range(model.rowCount())] == ["Rolled back the release"]
    model.set_filter(EntryFilter(vendor="nordvik"))
    wait_idle(tasks)
    assert model.total == 1 and model.index(0, Column.VENDOR).data() == "Nordvik Nät AB"


def test_cells_show_day_changes_zones_and_long_text_shortened(qtbot, services, tasks, wait_idle, incident):
    long_text = "x" * 1_000_000
    services.timeline.add(incident.id, "yesterday", at=utc_now() - timedelta(days=1))
    services.timeline.add(incident.id, long_text)
    services.timeline.add(incident.id, "same day")
    model = loaded_model(qtbot, services, tasks, wait_idle, incident)
    first, second, third = (model.index(r, Column.TIME) for r in range(3))
    assert len(first.data()) > len("14:15") and first.data(Qt.ItemDataRole.FontRole).bold()
    assert len(second.data()) > len("14:15")  # a new day starts
    assert len(third.data()) == len("14:15") and third.data(Qt.ItemDataRole.FontRole) is None
    assert "UTC" in third.data(Qt.ItemDataRole.ToolTipRole)
    text = model.index(1, Column.TEXT)
    assert len(text.data()) < 300 and text.data().endswith("…")
    assert text.data(ENTRY_ROLE).text == long_text  # kept whole
    assert model.headerData(Column.TIME, Qt.Orientation.Horizontal) == "Time (Stockholm)"
    model.set_time_display(TimeDisplay("UTC"))
    assert model.headerData(Column.TIME, Qt.Orientation.Horizontal) == "Time (UTC)"
    assert third.data() == model.entry_at(2).occurred_at.strftime("%H:%M")
