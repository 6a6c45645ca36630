"""Entries arriving from another thread (as the sync thread applies them) while the window is
open: they appear without a reload, the view follows only if it was at the bottom, and the
GUI thread's work for each one stays small (one read, no count, cells worked out once)."""

from __future__ import annotations

import gc
import threading

import pytest

from warroom.services.timeline import TimelineService
from warroom.ui.kit.time_display import TimeDisplay
from warroom.ui.timeline import rows as timeline_rows
from warroom.ui.timeline.model import PAGE


@pytest.fixture
def live(qtbot, window, incident, tasks, wait_idle, add_many):
    add_many(incident, PAGE + 100, text="Åsa Bergström checked 東京")
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: window.timeline.model.rowCount() == PAGE, timeout=15_000)
    return window


def arrive(services, incident, text: str) -> None:
    """Commit on another thread, the way the sync thread applies a remote entry."""
    writer = threading.Thread(target=lambda: services.timeline.add(incident.id, text))
    writer.start()
    writer.join()


def last_text(window) -> str:
    model = window.timeline.model
    return model.entry_at(model.rowCount() - 1).text


def wait_for(qtbot, window, tasks, wait_idle, text: str) -> None:
    qtbot.waitUntil(lambda: last_text(window) == text, timeout=15_000)
    wait_idle(tasks)
    qtbot.wait(20)  # the view's second scroll, queued after the layout settles


def test_an_arriving_entry_appears_without_a_reset_and_the_view_stays_at_the_bottom(
    qtbot, live, services, incident, tasks, wait_idle
):
    view, model = live.timeline.view, live.timeline.model
    qtbot.waitUntil(view.is_at_bottom, timeout=15_000)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    for text in ("Ọlá Adéwálé: the link is back 🚒", "مرحبا — שלום"):
        arrive(services, incident, text)
        wait_for(qtbot, live, tasks, wait_idle, text)
        assert view.is_at_bottom(), (view.verticalScrollBar().value(), view.verticalScrollBar().maximum())
    assert model.total == PAGE + 102 and resets == [], (model.total, resets)
    assert f"{PAGE + 102:,} entries" in live.timeline.summary.text()


def test_a_reader_scrolled_up_is_not_moved_by_an_arrival(qtbot, live, services, incident, tasks, wait_idle):
    view = live.timeline.view
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    first_row = view.rowAt(0)
    arrive(services, incident, "Paweł Wiśniewski: vendor confirms")
    wait_for(qtbot, live, tasks, wait_idle, "Paweł Wiśniewski: vendor confirms")
    assert view.rowAt(0) == first_row and not view.is_at_bottom()


def test_each_arrival_costs_one_read_and_no_count_of_the_whole_incident(
    qtbot, live, services, incident, tasks, wait_idle, monkeypatch
):
    from warroom.ui.shell.docking import install_panels

    live.panels = install_panels(live, "")  # every panel listens to the store too
    wait_idle(tasks)
    reads, counts = [], []
    real_read, real_count = tasks.read, TimelineService.count
    monkeypatch.setattr(tasks, "read", lambda fn, *a, **k: (reads.append(fn), real_read(fn, *a, **k)))
    monkeypatch.setattr(TimelineService, "count", lambda *a, **k: (counts.append(1), real_count(*a, **k))[1])
    arrive(services, incident, "one more")
    wait_for(qtbot, live, tasks, wait_idle, "one more")
    assert len(reads) == 1 and counts == []  # the panels ignore tables they do not show
    assert live.timeline.model.total == PAGE + 101


def test_a_repaint_reuses_each_rows_cells_until_the_entry_or_zone_changes(
    qtbot, live, services, incident, tasks, wait_idle, monkeypatch
):
    built = []
    real = timeline_rows.cell_text
    monkeypatch.setattr(timeline_rows, "cell_text", lambda *a, **k: (built.append(a[0].id), real(*a, **k))[1])
    viewport, model = live.timeline.view.viewport(), live.timeline.model
    live.timeline.model.set_time_display(TimeDisplay("Asia/Tokyo"))  # forget the cells made so far
    viewport.repaint()
    shown = len(set(built))
    assert 10 < shown < 60  # the rows on screen, not the page
    viewport.repaint()
    assert len(set(built)) == shown and len(built) == shown * len(timeline_rows.Column)
    starred = model.entry_at(model.rowCount() - 1)
    built.clear()
    services.timeline.star(starred.id)
    model.refresh()
    wait_idle(tasks)
    viewport.repaint()
    assert set(built) == {starred.id}  # only the changed row was worked out again
    assert model.data(model.index(model.rowCount() - 1, 1)) == TimeDisplay("Asia/Tokyo").clock(starred.occurred_at)


def test_the_window_takes_its_startup_objects_out_of_full_collections(live):
    assert gc.get_freeze_count() > 10_000
