"""The incident switcher: a combo in the tool bar; Ctrl+K (or Ctrl+P) jumps to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy

from warroom.domain.incident import Incident
from warroom.ui.kit.style import SEVERITY_COLOURS


def incident_label(incident: Incident) -> str:
    return f"{incident.reference} · {incident.severity.value} · {incident.title} — {incident.status.value}"


class IncidentSwitcher(QComboBox):
    incident_chosen = Signal(str)  # incident id

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentSwitcher")
        self.setAccessibleName("Switch incident")
        self.setMinimumContentsLength(28)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("Switch incident (Ctrl+K)")
        self.activated.connect(self._on_activated)
        self.set_incidents([], None)

    def set_incidents(self, incidents: list[Incident], current_id: str | None) -> None:
        self.blockSignals(True)
        self.clear()
        if not incidents:
            self.addItem("No incidents yet — Ctrl+N opens one", None)
            self.setEnabled(False)
        else:
            self.setEnabled(True)
            for incident in incidents:
                self.addItem(incident_label(incident), incident.id)
                self.setItemData(self.count() - 1, incident.title, Qt.ItemDataRole.ToolTipRole)
                self.setItemData(self.count() - 1, _dot(incident), Qt.ItemDataRole.DecorationRole)
            index = self.findData(current_id) if current_id else -1
            self.setCurrentIndex(max(index, 0) if current_id else -1)
        self.blockSignals(False)

    def jump(self) -> None:
        if self.isEnabled():
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.showPopup()

    def _on_activated(self, index: int) -> None:
        incident_id = self.itemData(index)
        if incident_id:
            self.incident_chosen.emit(incident_id)


def _dot(incident: Incident):
    from warroom.ui.kit.style import badge_icon

    return badge_icon(SEVERITY_COLOURS[incident.severity])
