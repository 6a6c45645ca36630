"""The directory panel's record of one incident: logging attempts, the vendor's clock, evidence.

    class DirectoryPanel(IncidentRecordActions, QWidget): ...

A mixin so the panel stays short: these methods use the panel's incident, model, tree, tabs,
services, tasks and its message line, and nothing else.
"""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QWidget

from warroom.domain.directory import Outcome
from warroom.ui.directory.attempt_dialog import AttemptInput, LogAttemptDialog
from warroom.ui.directory.card import contact_menu, vendor_menu
from warroom.ui.directory.model import KIND_ROLE
from warroom.ui.kit.contacts import own_channel


class IncidentRecordActions:
    # provided by the panel
    incident_id: str | None
    incident_ref: str
    attempt_dialog: LogAttemptDialog | None
    services: Any
    tasks: Any
    model: Any
    tree: Any
    tabs: Any
    card: Any
    clocks: Any
    evidence: Any
    watcher: Any
    display: Any
    attempt_logged: Any

    def _say(self, text: str, error: bool = False) -> None: ...

    def _context_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        kind, value = index.siblingAtColumn(0).data(KIND_ROLE), self.model.value(index)
        if kind == "contact":
            menu = contact_menu(
                cast(QWidget, self), value, self.incident_id is not None, self.log_attempt, self.card.copy
            )
        elif kind == "vendor":
            menu = vendor_menu(
                cast(QWidget, self), value.vendor, self.incident_id is not None, self.save_evidence, self.show_clocks
            )
        else:
            return
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    # -- the vendor's clock and evidence ------------------------------------------------------
    def load_clocks(self) -> None:
        self.clocks.load(self.incident_id)

    def show_clocks(self) -> None:
        self.tabs.setCurrentWidget(self.clocks)

    def save_evidence(self, vendor_id: str, vendor_name: str) -> None:
        """Evidence pack…: a save dialog, then the file written off the GUI thread."""
        self.evidence.ask(self.incident_id, self.incident_ref, vendor_id, vendor_name)

    # -- attempts -------------------------------------------------------------------------
    def _log_from(self, index: QModelIndex, quick: bool) -> None:
        if index.siblingAtColumn(0).data(KIND_ROLE) == "contact" and self.incident_id is not None:
            self.log_attempt(self.model.value(index), quick)

    def log_attempt(self, status, quick: bool) -> None:
        """Quick: a phone call with no answer, now. Otherwise open the dialog (not blocking)."""
        if self.incident_id is None:
            self._say("Open an incident first: attempts go on its timeline.", error=True)
            return
        if quick:
            self.submit_attempt(status, AttemptInput(own_channel(status.contact), Outcome.NO_ANSWER, "", ""))
            return
        dialog = LogAttemptDialog(status, self, self.display.zone)
        dialog.accepted.connect(lambda: self.submit_attempt(status, dialog.values()))
        dialog.finished.connect(dialog.deleteLater)
        self.attempt_dialog = dialog
        dialog.open()

    def submit_attempt(self, status, values: AttemptInput) -> None:
        incident_id, directory = self.incident_id, self.services.directory
        self.tasks.write(
            lambda: directory.log_attempt(
                incident_id,
                status.contact.id,
                values.channel,
                values.outcome,
                ticket=values.ticket,
                note=values.note,
                at=values.at,
            ),
            self._on_logged,
            lambda message: self._say(message, error=True),
        )

    def _on_logged(self, attempt) -> None:
        self._say(
            f"Logged: {attempt.channel.value}, {attempt.outcome.value}"
            + (f", ticket {attempt.ticket}" if attempt.ticket else "")
        )
        self.attempt_logged.emit(attempt)
        self.watcher.check_now()
        self.load_clocks()
