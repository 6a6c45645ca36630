"""The postmortem tab: narrative in Markdown, action items, and the way to File > Export….

panel = install_postmortem(host)   # docks the tab, wires File > Export… (Ctrl+E) and
                                   # Incident > Add action item from entry… (Ctrl+Shift+A)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from warroom.domain.incident import Incident
from warroom.ui.kit.changes import ChangeNote
from warroom.ui.kit.host import PanelHost
from warroom.ui.postmortem.action_item_dialog import open_action_item_dialog
from warroom.ui.postmortem.action_items import ActionItemsPanel
from warroom.ui.postmortem.export_dialog import ExportDialog, open_export_dialog
from warroom.ui.postmortem.narrative import NarrativeEditor

PANEL_NAME = "Postmortem"


class PostmortemPanel(QWidget):
    def __init__(self, services, tasks, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("postmortemPanel")
        self.incident: Incident | None = None
        self.export_dialog: ExportDialog | None = None
        self.action_item_dialog: QDialog | None = None
        self.narrative = NarrativeEditor(services, tasks, self)
        self.actions = ActionItemsPanel(services, tasks, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("postmortemTabs")
        self.tabs.addTab(self.narrative, "&Narrative")
        self.tabs.addTab(self.actions, "&Action items")
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: 600;")
        self.export_button = QPushButton("E&xport…", self)
        self.export_button.setToolTip("Export the postmortem to PDF, Markdown, HTML or JSON (Ctrl+E)")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setFocusProxy(self.tabs)
        self.set_incident(None)

    def set_incident(self, incident: Incident | None) -> None:
        self.incident = incident
        self.title.setText(f"Postmortem of {incident.reference}" if incident else "Postmortem")
        self.export_button.setEnabled(incident is not None)
        self.narrative.set_incident(incident)
        self.actions.set_incident(incident.id if incident else None)

    def on_store_changed(self, note: ChangeNote) -> None:
        self.actions.on_store_changed(note)

    def remember(self, dialog: QDialog) -> None:
        """The last export or action-item dialog opened from here, for focus and for tests."""
        if isinstance(dialog, ExportDialog):
            self.export_dialog = dialog
        else:
            self.action_item_dialog = dialog

    def flush(self) -> None:
        """Save whatever was typed and not yet saved (before the window closes)."""
        self.narrative.flush()


def install_postmortem(window: PanelHost) -> PostmortemPanel:
    """Add the postmortem tab to the main window and wire File > Export… and "add action item from entry"."""
    panel = PostmortemPanel(window.services, window.tasks)
    window.add_panel(PANEL_NAME, panel)
    window.incident_changed.connect(panel.set_incident)
    window.store_changed.connect(panel.on_store_changed)
    window.set_export_handler(lambda incident: panel.remember(open_export_dialog(window, incident)))
    panel.export_button.clicked.connect(window.export_current)
    window.entry_action_item_requested.connect(lambda entry: panel.remember(open_action_item_dialog(window, entry)))
    panel.add_from_entry = _entry_action(window, panel)
    window.add_menu_actions("incident", [panel.add_from_entry])
    window.closing.connect(panel.flush)  # queue the last words before the worker shuts down
    panel.set_incident(window.current_incident)
    return panel


def _entry_action(window: PanelHost, panel: PostmortemPanel) -> QAction:
    action = QAction("Add action &item from entry…", panel)
    action.setObjectName("add_action_item_from_entry")
    action.setShortcut(QKeySequence("Ctrl+Shift+A"))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def run() -> None:
        entry = window.current_entry()
        if entry is None:
            window.show_error("Select a timeline entry first: the action item is linked to it.")
        else:
            panel.remember(open_action_item_dialog(window, entry))

    action.triggered.connect(run)
    return action
