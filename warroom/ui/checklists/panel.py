"""The checklist panel beside the timeline: start a template, tick with the keyboard.

Every service call runs on the worker (reads on the pool, writes in order); the GUI thread only
draws. The panel reloads after its own writes and whenever the store reports a change to the
checklist tables, whoever made it (this window, a CLI, or sync from another laptop).

    panel = install_checklist_panel(window)   # docks it and follows the window's incident
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from warroom.domain.checklist import Checklist, ChecklistItem, ItemState
from warroom.ui.checklists.prompts import ChecklistPrompts
from warroom.ui.checklists.tree import ChecklistTree
from warroom.ui.kit.changes import Changed, ChangeNote
from warroom.ui.kit.changes import listen_to_store as listen_to_store_on_my_own
from warroom.ui.kit.host import PanelHost, follow_the_window
from warroom.ui.kit.theme import paint
from warroom.ui.kit.time_display import TimeDisplay
from warroom.ui.kit.undo import UndoStep

ORIGIN = "checklists"  # the panel reloads after its own writes: no second reload on their echo
KEYS_HELP = "Space tick · S skip · A assign · N note · Ins add · Ctrl+↑/↓ move · Del remove"


class ChecklistPanel(QWidget):
    toggled = Signal(object, bool)  # a ChecklistItem this user ticked (True) or unticked (False): for undo

    def __init__(self, services, tasks, parent=None, *, listen_to_store: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("checklistPanel")
        self.services = services
        self.tasks = tasks
        self.prompts = ChecklistPrompts(self)
        self.display = TimeDisplay(services.settings.zone)
        self.incident_id: str | None = None
        self.checklists: list[Checklist] = []
        self._loading = self._load_again = False
        self._keep: str | None = None
        self._build()
        self.tree.action_requested.connect(self._on_action)
        self.start_button.clicked.connect(self.start_selected)
        self._events = listen_to_store_on_my_own(self, services, self.on_store_changed) if listen_to_store else None
        self.set_incident(None)
        self.load_templates()

    def _build(self) -> None:
        self.templates = QComboBox(self)
        self.templates.setObjectName("templateCombo")
        self.templates.setAccessibleName("Checklist template")
        self.templates.setToolTip("The template to start a checklist from")
        self.start_button = QPushButton("Start", self)
        self.start_button.setObjectName("startChecklistButton")
        self.start_button.setToolTip("Start a checklist from this template on the incident")
        self.progress = QLabel(self)
        self.progress.setObjectName("checklistProgress")
        self.progress.setStyleSheet("font-size: 13pt; font-weight: 600; padding-left: 8px;")
        self.tree = ChecklistTree(self)
        self.message = QLabel(self)
        self.message.setObjectName("checklistMessage")
        self.message.setWordWrap(True)
        paint(self.message, "color: $error;")
        self.message.hide()
        keys = QLabel(KEYS_HELP, self)
        paint(keys, "color: $faint; font-size: 8pt;")
        keys.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.templates, 1)
        top.addWidget(self.start_button)
        top.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.message)
        layout.addWidget(keys)
        self.setFocusProxy(self.tree)

    # -- what the window calls -------------------------------------------------------------
    def set_incident(self, incident) -> None:
        """Show an incident's checklists (an Incident, its id, or None)."""
        incident_id = getattr(incident, "id", incident)
        if incident_id == self.incident_id and incident_id is not None:
            return
        self.incident_id = incident_id
        self.checklists = []
        self._keep = None
        has = incident_id is not None
        for widget in (self.templates, self.start_button, self.tree):
            widget.setEnabled(has)
        self._show([])
        self._clear_message()
        if has:
            self.refresh()

    def set_time_display(self, display: TimeDisplay) -> None:
        self.display = display
        self._show(self.checklists)

    def on_store_changed(self, note: ChangeNote) -> None:
        if note.touches_other_than(Changed.CHECKLISTS, ORIGIN):
            self.refresh()
        if note.touches(Changed.TEMPLATES):
            self.load_templates()

    def refresh(self) -> None:
        """Re-read the incident's checklists; while a read runs, at most one more is queued."""
        if self.incident_id is None:
            return
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        incident_id, checklists = self.incident_id, self.services.checklists
        self.tasks.read(
            lambda: checklists.checklists(incident_id),
            lambda found: self._on_loaded(incident_id, found),
            self._on_load_failed,
        )

    def load_templates(self) -> None:
        checklists = self.services.checklists
        self.tasks.read(checklists.templates, self._on_templates, self._show_error)

    def start_selected(self) -> None:
        """Start the template chosen in the combo (or a blank checklist) on the incident."""
        if self.incident_id is None:
            return
        template_id = self.templates.currentData()
        incident_id, checklists = self.incident_id, self.services.checklists
        self._write(lambda: checklists.start(incident_id, template_id), self._on_started)

    # -- loading -------------------------------------------------------------------------------
    def _on_loaded(self, incident_id: str, found: list[Checklist]) -> None:
        self._loading = False
        if incident_id == self.incident_id:
            self.checklists = found
            self._show(found)
        if self._load_again:
            self._load_again = False
            self.refresh()

    def _on_load_failed(self, message: str) -> None:
        self._loading = self._load_again = False
        self._show_error(message)

    def _on_templates(self, templates) -> None:
        chosen = self.templates.currentData()
        self.templates.clear()
        for template in templates:
            label = template.name if template.builtin else f"{template.name}  (yours)"
            self.templates.addItem(label, template.id)
        self.templates.addItem("Blank checklist", None)
        index = self.templates.findData(chosen) if chosen is not None else 0
        self.templates.setCurrentIndex(max(index, 0))

    def _show(self, checklists: list[Checklist]) -> None:
        self.tree.show_checklists(checklists, self.display, self._keep)
        self._keep = None
        finished = sum(c.progress[0] for c in checklists)
        total = sum(c.progress[1] for c in checklists)
        self.progress.setText(f"{finished}/{total}" if checklists else "")
        skipped = sum(1 for c in checklists for i in c.items if i.state is ItemState.SKIPPED)
        self.progress.setToolTip(
            f"{finished - skipped} done, {skipped} skipped, "
            f"{total - finished} open, over {len(checklists)} checklist(s)"
        )

    # -- keys ----------------------------------------------------------------------------------
    def _on_action(self, action: str) -> None:
        kind, value = self.tree.current()
        if action == "add":
            self._add(kind, value)
        elif action == "remove" and kind == "checklist":
            self._remove_checklist(value)
        elif kind == "item":
            handler: Callable[[ChecklistItem], None] = getattr(self, f"_{action}")
            handler(value)

    def _toggle(self, item: ChecklistItem) -> None:
        checklists = self.services.checklists
        if item.state is ItemState.OPEN:
            self._write(lambda: checklists.tick(item.id), lambda _i: self.toggled.emit(item, True))
        else:
            self._write(lambda: checklists.untick(item.id), lambda _i: self.toggled.emit(item, False))

    def _skip(self, item: ChecklistItem) -> None:
        reason = self.prompts.text("Skip item", f"Why is “{item.text}” skipped?")
        if reason is not None:
            checklists = self.services.checklists
            self._write(lambda: checklists.skip(item.id, reason))

    def _assign(self, item: ChecklistItem) -> None:
        who = self.prompts.text("Assign item", f"Who does “{item.text}”? (empty: nobody)", item.assignee or "")
        if who is not None:
            checklists = self.services.checklists
            self._write(lambda: checklists.assign(item.id, who))

    def _note(self, item: ChecklistItem) -> None:
        note = self.prompts.note("Note", f"Note on “{item.text}”:", item.note)
        if note is not None:
            checklists = self.services.checklists
            self._write(lambda: checklists.set_note(item.id, note))

    def _add(self, kind: str | None, value) -> None:
        if kind == "item":
            checklist_id, after = value.checklist_id, value.id
        elif kind == "checklist":
            checklist_id, after = value.id, None
        elif self.checklists:
            checklist_id, after = self.checklists[-1].id, None
        else:
            return
        text = self.prompts.text("Add item", "What needs doing?")
        if text is not None:
            checklists = self.services.checklists
            self._write(lambda: checklists.add_item(checklist_id, text, after=after), self._select_result)

    def _up(self, item: ChecklistItem) -> None:
        checklists = self.services.checklists
        self._write(lambda: checklists.shift_item(item.id, -1), self._select_result)

    def _down(self, item: ChecklistItem) -> None:
        checklists = self.services.checklists
        self._write(lambda: checklists.shift_item(item.id, 1), self._select_result)

    def _remove(self, item: ChecklistItem) -> None:
        if self.prompts.confirm("Remove item", f"Remove “{item.text}” from the checklist?"):
            checklists = self.services.checklists
            self._write(lambda: checklists.remove_item(item.id))

    def _remove_checklist(self, checklist: Checklist) -> None:
        question = f"Remove the checklist “{checklist.title}” and its {len(checklist.items)} items?"
        if self.prompts.confirm("Remove checklist", question):
            checklists = self.services.checklists
            self._write(lambda: checklists.remove_checklist(checklist.id))

    # -- writing -------------------------------------------------------------------------------
    def _write(self, fn: Callable[[], object], on_done: Callable[[object], None] | None = None) -> None:
        def done(result) -> None:
            self._clear_message()
            if on_done is not None:
                on_done(result)
            self.refresh()

        self.tasks.write(fn, done, self._on_write_failed, origin=ORIGIN)

    def _on_write_failed(self, message: str) -> None:
        self._show_error(message)
        self.refresh()  # e.g. the item was removed on another laptop: show what is there now

    def _on_started(self, checklist: Checklist) -> None:
        self._keep = checklist.items[0].id if checklist.items else checklist.id
        self.tree.setFocus()

    def _select_result(self, item: ChecklistItem) -> None:
        self._keep = item.id

    def _show_error(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()

    def _clear_message(self) -> None:
        self.message.clear()
        self.message.hide()


def install_checklist_panel(window: PanelHost, name: str = "Checklists") -> ChecklistPanel:
    """Dock the panel in the main window and keep it on the window's incident and zone."""
    panel = ChecklistPanel(window.services, window.tasks, listen_to_store=False)
    window.add_panel(name, panel)
    panel.toggled.connect(lambda item, ticked: window.record_undo(tick_step(window.services.checklists, item, ticked)))
    follow_the_window(window, panel)
    return panel


def tick_step(checklists, item: ChecklistItem, ticked: bool) -> UndoStep:
    """Undo a tick by unticking (the timeline says so), and the other way round."""
    tick, untick = (lambda: checklists.tick(item.id)), (lambda: checklists.untick(item.id))
    if ticked:
        return UndoStep(f"Tick “{item.text}”", undo=untick, redo=tick)
    return UndoStep(f"Untick “{item.text}”", undo=tick, redo=untick)
