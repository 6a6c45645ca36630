"""The Roles panel: role holders, what changed, open questions and kept handovers, as tabs.

Every read and write goes through the roles services on the worker; the panel reloads when the
store says its tables changed (this window, the CLI or another laptop).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from warroom.domain.incident import Incident
from warroom.domain.roles import Assignment
from warroom.export.handover import write_brief
from warroom.services.roles.changes import ChangeService
from warroom.services.roles.handover import HandoverService
from warroom.services.roles.questions import QuestionService
from warroom.services.roles.roles import RoleService
from warroom.ui.kit.changes import Changed, ChangeNote
from warroom.ui.roles.change_dialog import ChangeDialog
from warroom.ui.roles.changes_tab import WhatChangedTab
from warroom.ui.roles.handovers_tab import HandoversTab
from warroom.ui.roles.questions_tab import QuestionsTab
from warroom.ui.roles.roles_tab import RolesTab


class RolesPanel(QWidget):
    holders_changed = Signal(object)  # list[Assignment], for the header
    message = Signal(str)  # an error to show in the window's status bar

    def __init__(self, services: Any, tasks: Any, when: Any, current_entry: Any, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("rolesPanel")
        ctx = services.ctx
        self.roles, self.changes = RoleService(ctx), ChangeService(ctx)
        self.questions, self.handovers = QuestionService(ctx), HandoverService(ctx)
        self.directory = services.directory
        self.tasks = tasks
        self.current_entry = current_entry  # () -> the timeline's selected Entry or None
        self.incident: Incident | None = None
        self.dialog: Any = None  # the last dialog opened (tests drive it)
        self.roles_tab = RolesTab(when, self)
        self.changes_tab = WhatChangedTab(when, self)
        self.questions_tab = QuestionsTab(self)
        self.handovers_tab = HandoversTab(when, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("rolesTabs")
        for widget, title in (
            (self.roles_tab, "&Roles"), (self.changes_tab, "&What changed"),
            (self.questions_tab, "&Questions"), (self.handovers_tab, "&Handovers"),
        ):  # fmt: skip
            self.tabs.addTab(widget, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.tabs)
        self._connect()

    def _connect(self) -> None:
        self.roles_tab.assign_requested.connect(self.assign)
        self.changes_tab.window_changed.connect(self.reload_changes)
        self.changes_tab.add_requested.connect(self.open_change_dialog)
        self.changes_tab.mark_requested.connect(self.mark_change)
        self.questions_tab.mark_requested.connect(self.mark_question)
        self.questions_tab.settle_requested.connect(self.settle_question)
        self.questions_tab.show_settled_changed.connect(lambda _on: self.reload_questions())
        self.handovers_tab.save_requested.connect(self.save_brief)

    # -- loading --------------------------------------------------------------------------
    def set_incident(self, incident: Incident | None) -> None:
        changed = incident is None or self.incident is None or incident.id != self.incident.id
        self.incident = incident
        self.setEnabled(incident is not None)
        if changed:
            self.reload()

    def on_store_changed(self, note: ChangeNote) -> None:
        """Reload only the tabs whose kind of record changed: a busy timeline must not reload them all."""
        if note.touches(Changed.ROLES | Changed.INCIDENT | Changed.DIRECTORY):
            self.reload_roles()
        if note.touches(Changed.CHANGE_RECORD):
            self.reload_changes()
        if note.touches(Changed.QUESTIONS) or (note.touches(Changed.TIMELINE) and self.questions_tab.questions()):
            self.reload_questions()  # an edited entry changes a listed question's text; others cost nothing
        if note.touches(Changed.ROLES):
            self.reload_handovers()

    def reload(self) -> None:
        self.reload_roles()
        self.reload_changes()
        self.reload_questions()
        self.reload_handovers()

    def _read(self, fn, done) -> None:
        incident = self.incident
        if incident is None:
            done(None)
            return
        self.tasks.read(lambda: fn(incident.id), lambda v: done(v) if self._still(incident) else None, self._error)

    def _still(self, incident: Incident) -> bool:
        return self.incident is not None and self.incident.id == incident.id

    def reload_roles(self) -> None:
        self._read(self.roles.holders, self._show_holders)
        self.tasks.read(
            lambda: [v.name for v in self.directory.snapshot().vendors], self.roles_tab.set_vendors, self._error
        )

    def _show_holders(self, holders: list[Assignment] | None) -> None:
        self.roles_tab.set_holders(holders or [])
        self.holders_changed.emit(holders or [])

    def reload_changes(self) -> None:
        hours, anchor = self.changes_tab.window_span()
        self._read(
            lambda incident_id: self.changes.what_changed(incident_id, before=timedelta(hours=hours), anchor=anchor),
            lambda w: self.changes_tab.set_changes(w.changes, w.chains) if w else self.changes_tab.set_changes((), ()),
        )

    def reload_questions(self) -> None:
        open_only = not self.questions_tab.show_settled.isChecked()
        self._read(
            lambda incident_id: self.questions.questions(incident_id, open_only=open_only),
            lambda qs: self.questions_tab.set_questions(qs or []),
        )

    def reload_handovers(self) -> None:
        self._read(self.handovers.handovers, lambda hs: self.handovers_tab.set_handovers(hs or []))

    # -- writing --------------------------------------------------------------------------
    def assign(self, role: str, person: str, vendor: str) -> None:
        incident = self.incident
        if incident is None:
            return
        self.tasks.write(
            lambda: self.roles.assign(incident.id, role, person, vendor=vendor or None),
            lambda _holders: self.roles_tab.show_message(f"{person.strip() or 'Nobody'}: {role.strip()}"),
            lambda message: self.roles_tab.show_message(message, error=True),
        )

    def open_change_dialog(self) -> None:
        if self.incident is None:
            return
        dialog = ChangeDialog(list(self.changes_tab.model.rows), self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.add_change(dialog.values()))
        dialog.open()

    def add_change(self, values: dict) -> None:
        incident = self.incident
        if incident is not None:
            self.tasks.write(lambda: self.changes.add(incident.id, **values), None, self._error)

    def mark_change(self, change_id: str, mark: Any) -> None:
        incident = self.incident
        if incident is not None:
            self.tasks.write(lambda: self.changes.mark(incident.id, change_id, mark), None, self._error)

    def mark_question(self, kind: Any) -> None:
        entry = self.current_entry()
        if entry is None:
            self._error("Select a timeline entry first: it becomes the question or hypothesis.")
            return
        self.tasks.write(lambda: self.questions.mark(entry.id, kind), None, self._error)

    def settle_question(self, entry_id: str, outcome: Any) -> None:
        settler = self.current_entry()
        if settler is None:
            self._error("Select the timeline entry that settled it first.")
            return
        self.tasks.write(lambda: self.questions.settle(entry_id, outcome, settler.id), None, self._error)

    def save_brief(self, brief: Any, path: Path, fmt: str) -> None:
        self.tasks.read(lambda: write_brief(brief, path, fmt), None, self._error)

    def _error(self, message: str) -> None:
        self.message.emit(message)
