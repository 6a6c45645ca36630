"""Wires the Roles panel, "Hand over…" and the header's role holders into the main window.

panel = install_roles(window)   # docks "Roles"; Incident menu: Hand over… (Ctrl+Shift+H),
                                # Roles (Ctrl+Shift+R), What changed (Ctrl+Shift+G),
                                # Mark entry as open question (Ctrl+Shift+Q)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from warroom.ui.roles.handover_dialog import HandoverDialog
from warroom.ui.roles.panel import RolesPanel

PANEL_NAME = "Roles"


def install_roles(window) -> RolesPanel:
    panel = RolesPanel(
        window.services, window.tasks, lambda at: window.time_display().day_and_clock(at),
        window.timeline.view.current_entry, window,
    )  # fmt: skip
    dock = window.add_panel(PANEL_NAME, panel, Qt.DockWidgetArea.RightDockWidgetArea)
    window.incident_changed.connect(panel.set_incident)
    window.store_changed.connect(panel.on_store_changed)
    panel.message.connect(window.show_error)
    panel.holders_changed.connect(lambda holders: _show_in_header(window, holders))

    def show_tab(index: int) -> None:
        dock.show()
        dock.raise_()
        panel.tabs.setCurrentIndex(index)
        panel.tabs.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def hand_over() -> None:
        incident = window.current_incident
        if incident is None:
            window.show_error("Open an incident first: there is nothing to hand over.")
            return
        dialog = HandoverDialog(panel.handovers, window.tasks, incident, window)
        panel.dialog = dialog
        dialog.accepted_handover.connect(lambda _h: panel.reload())
        dialog.open()
        dialog.to.setFocus(Qt.FocusReason.OtherFocusReason)

    menu = window.menus.incident
    menu.addSeparator()
    for text, keys, slot, name in (
        ("Hand &over…", "Ctrl+Shift+H", hand_over, "hand_over"),
        ("&Roles", "Ctrl+Shift+R", lambda: show_tab(0), "show_roles"),
        ("What &changed", "Ctrl+Shift+G", lambda: show_tab(1), "what_changed"),
        ("Mark entry as open &question", "Ctrl+Shift+Q", lambda: _mark_question(panel), "mark_question"),
    ):
        menu.addAction(_action(window, text, keys, slot, name))
    panel.set_incident(window.current_incident)
    return panel


def _show_in_header(window, holders) -> None:
    """The header's facts already name the commander; the other roles go on the line below."""
    window.header.set_role_holders([(a.title(), a.person) for a in holders if a.title() != "commander"])


def _mark_question(panel: RolesPanel) -> None:
    from warroom.domain.roles_questions import QuestionKind

    panel.mark_question(QuestionKind.QUESTION)


def _action(window, text: str, keys: str, slot, name: str) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action
