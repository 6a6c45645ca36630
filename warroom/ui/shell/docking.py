"""Everything docked around the timeline, installed once the main window exists."""

from __future__ import annotations


def install_panels(window, hub_url: str | None = None) -> dict:
    """Add the panels and controllers other engineers built; returns them by name."""
    from warroom.ui.checklists.panel import install_checklist_panel
    from warroom.ui.comms.install import install_comms
    from warroom.ui.directory.coverage_panel import install_coverage_panel
    from warroom.ui.directory.panel import install_directory_panel
    from warroom.ui.postmortem.panel import install_postmortem
    from warroom.ui.sync.controller import SyncController

    panels = {
        "directory": install_directory_panel(window),
        "checklists": install_checklist_panel(window),
        "coverage": install_coverage_panel(window),
        "postmortem": install_postmortem(window),
        "sync": SyncController(window, hub_url),
        "comms": install_comms(window),
    }
    _first_run_layout(window)
    _follow_checklist_progress(window)
    return panels


CHECKLIST_TABLES = frozenset({"checklists", "checklist_items"})


def _follow_checklist_progress(window) -> None:
    """The header's 'finished/total' for the incident's checklists, kept current."""
    checklists = window.services.checklists

    def reload(*_args) -> None:
        incident = window.current_incident
        if incident is None:
            window.header.set_checklist_progress(0, 0)
            return
        window.tasks.read(lambda: checklists.progress(incident.id), lambda p: window.header.set_checklist_progress(*p))

    window.incident_changed.connect(reload)
    window.store_changed.connect(lambda tables: reload() if tables & CHECKLIST_TABLES else None)
    reload()


def _first_run_layout(window) -> None:
    """Directory, checklists and coverage share the right side as tabs until the user moves them."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget

    if window.window_state.has_saved_layout():
        return
    docks = {d.objectName(): d for d in window.findChildren(QDockWidget)}
    order = [docks.get(f"panel:{n}") for n in ("Directory", "Checklists", "Coverage", "Postmortem", "Communications")]
    order = [d for d in order if d is not None]
    if not order:
        return
    for dock in order:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    for dock in order[1:]:
        window.tabifyDockWidget(order[0], dock)
    order[0].raise_()
    window.resizeDocks([order[0]], [520], Qt.Orientation.Horizontal)
