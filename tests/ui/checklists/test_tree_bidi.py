"""Checklist titles, items, assignees and notes show bidirectional controls instead of obeying them."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidgetItemIterator

from warroom.ui.checklists.tree import ChecklistTree
from warroom.ui.kit.time_display import TimeDisplay


def _texts(tree: ChecklistTree) -> list[str]:
    found, rows = [], QTreeWidgetItemIterator(tree)
    while rows.value() is not None:
        found += [rows.value().text(column) for column in range(tree.columnCount())]
        rows += 1
    return found


def test_an_override_in_any_typed_field_is_shown(qtbot, services, incident):
    checklists = services.checklists
    checklist = checklists.start(incident.id, title="Roll\u202eback")
    item = checklists.add_item(checklist.id, "Open invoice\u202egnp.exe")
    checklists.assign(item.id, "Eve\u2067")
    checklists.set_note(item.id, "see \u202dthis")
    tree = ChecklistTree()
    qtbot.addWidget(tree)
    tree.show_checklists(checklists.checklists(incident.id), TimeDisplay("UTC"), None)
    texts = _texts(tree)
    assert "Roll⟨RLO⟩back" in texts and "Eve⟨RLI⟩" in texts
    assert any(t.endswith("Open invoice⟨RLO⟩gnp.exe") for t in texts)
    assert any(t.endswith("see ⟨LRO⟩this") for t in texts)
    assert not [t for t in texts if "\u202e" in t or "\u2067" in t or "\u202d" in t]
