"""The Communications panel: each update with its deliveries, live, and what a person must decide."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from warroom.domain.comms import CommsUpdate, Delivery, DeliveryStatus
from warroom.domain.incident import Incident
from warroom.services.comms import CommsService
from warroom.ui.kit.changes import Changed, ChangeNote
from warroom.ui.kit.flow import FlowLayout
from warroom.ui.kit.time_display import TimeDisplay

PANEL_CHANGES = Changed.COMMS | Changed.DELIVERIES | Changed.INCIDENT
STATUS_COLOURS = {
    DeliveryStatus.SENT: "#2e7d32",
    DeliveryStatus.FAILED: "#c62828",
    DeliveryStatus.UNKNOWN: "#e65100",
    DeliveryStatus.HELD: "#6a1b9a",
}


def delivery_text(d: Delivery, display: TimeDisplay = TimeDisplay()) -> str:
    if d.status is DeliveryStatus.SENT and d.sent_at is not None:
        return f"{d.channel_name}: sent {display.clock(d.sent_at, seconds=True)}"
    text = f"{d.channel_name}: {d.status.value}"
    if d.attempts > 1 and d.status is DeliveryStatus.QUEUED:
        text += f" (attempt {d.attempts})"
    return text + (f" — {d.error}" if d.error else "")


class CommsPanel(QWidget):
    def __init__(self, services, tasks, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("commsPanel")
        self.services, self.tasks = services, tasks
        self.comms = CommsService(services.ctx)
        self.incident: Incident | None = None
        self.time_display: Callable[[], TimeDisplay] = TimeDisplay  # the window's, once installed
        self._busy = self._again = False
        self._order: list[str] = []  # update ids as shown, top to bottom
        self._shown: dict[str, object] = {}  # id -> the CommsUpdate or Delivery its row shows
        # a drain commits twice per delivery: read at most every half second, not on every commit
        self._reload_timer = QTimer(self, singleShot=True, interval=500)
        self._reload_timer.timeout.connect(self.reload)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("commsUpdates")
        self.tree.setAccessibleName("Status updates and their deliveries")
        self.tree.setHeaderLabels(["Update", "Delivery"])
        self.tree.setColumnWidth(0, 260)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.new_button = QPushButton("&New update…", self)
        self.approve_button = QPushButton("&Approve", self)
        self.posted_button = QPushButton("It was &posted", self)
        self.resend_button = QPushButton("&Resend", self)
        self.snooze_button = QPushButton("&Snooze…", self)
        self.channels_button = QPushButton("C&hannels…", self)
        self.templates_button = QPushButton("&Templates…", self)
        self.templates_button.setToolTip("Each audience's Markdown template: edit, import, export")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.approve_button.clicked.connect(self.approve_selected)
        self.posted_button.clicked.connect(lambda: self.resolve_selected(True))
        self.resend_button.clicked.connect(lambda: self.resolve_selected(False))
        # what to send (wrapping when the dock is narrow); below the list, what to do about one
        row = FlowLayout(spacing=6, line_spacing=4)
        for b in (self.new_button, self.snooze_button, self.channels_button, self.templates_button):
            row.addWidget(b)
        selected = QHBoxLayout()
        for b in (self.approve_button, self.posted_button, self.resend_button):
            selected.addWidget(b)
        selected.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)
        layout.addLayout(selected)
        layout.addWidget(self.message)
        self.set_incident(None)

    def set_incident(self, incident: Incident | None) -> None:
        self.incident = incident
        for b in (self.new_button, self.snooze_button):
            b.setEnabled(incident is not None)
        self.reload()

    def on_store_changed(self, note: ChangeNote) -> None:
        if note.touches(PANEL_CHANGES) and not self._reload_timer.isActive():
            self._reload_timer.start()

    def reload(self) -> None:
        """Read off the GUI thread; bursts of changes (a drain of 200 deliveries) coalesce."""
        if self.incident is None:
            self.tree.clear()
            self._order, self._shown = [], {}
            self._update_buttons()
            return
        if self._busy:
            self._again = True  # one more read when this one is back, after a short pause
            return
        self._busy = True
        incident_id = self.incident.id
        self.tasks.read(lambda: self.comms.updates(incident_id), self._show, self._failed)

    def _failed(self, message: str) -> None:
        self._busy = False
        self.message.setText(f"⚠ {message}")

    def _show(self, updates: list[CommsUpdate]) -> None:
        """Touch only rows whose update or delivery changed: during a drain the sender thread holds
        the interpreter often, and every Qt call from here may wait for it."""
        self._busy = False
        wanted = [u.id for u in reversed(updates)]
        if wanted != self._order:
            self._rebuild(updates)
        else:
            for i, u in enumerate(reversed(updates)):
                if self._shown.get(u.id) != u:
                    self._fill(self.tree.topLevelItem(i), u)
        self._update_buttons()
        if self._again:
            self._again = False
            self._reload_timer.start()

    def _rebuild(self, updates: list[CommsUpdate]) -> None:
        selected = self._selected_key()
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        self._shown.clear()
        self._order = [u.id for u in reversed(updates)]
        for u in reversed(updates):
            top = QTreeWidgetItem(["", ""])
            self.tree.addTopLevelItem(top)
            self._fill(top, u)
            top.setExpanded(True)
        self.tree.setUpdatesEnabled(True)
        self._reselect(selected)

    def _fill(self, top, u: CommsUpdate) -> None:
        self._shown[u.id] = u
        top.setText(0, f"{self.time_display().clock(u.created_at)} {u.audience.label}")
        top.setText(1, self._summary(u))
        top.setData(0, Qt.ItemDataRole.UserRole, ("update", u))
        top.setToolTip(0, u.text)
        while top.childCount() > len(u.deliveries):
            top.removeChild(top.child(top.childCount() - 1))
        while top.childCount() < len(u.deliveries):
            top.addChild(QTreeWidgetItem(["", ""]))
        for j, d in enumerate(u.deliveries):
            if self._shown.get(d.id) == d:
                continue
            self._shown[d.id] = d
            child = top.child(j)
            child.setText(1, delivery_text(d, self.time_display()))
            child.setData(0, Qt.ItemDataRole.UserRole, ("delivery", d))
            child.setForeground(1, QColor(STATUS_COLOURS.get(d.status, "#424242")))
            child.setToolTip(1, d.error or d.status.value)

    @staticmethod
    def _summary(u: CommsUpdate) -> str:
        if u.held:
            return f"waiting for approval{' by ' + u.approver if u.approver else ''}"
        counts: dict[str, int] = {}
        for d in u.deliveries:
            counts[d.status.value] = counts.get(d.status.value, 0) + 1
        return ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "on the record only"

    def _selected(self):
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _selected_key(self) -> str | None:
        sel = self._selected()
        return sel[1].id if sel else None

    def _reselect(self, key: str | None) -> None:
        if key is None:
            return
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            for item in [top] + [top.child(j) for j in range(top.childCount())]:
                data = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
                if item is not None and data and data[1].id == key:
                    self.tree.setCurrentItem(item)
                    return

    def _update_buttons(self) -> None:
        sel = self._selected()
        self.approve_button.setEnabled(bool(sel and sel[0] == "update" and sel[1].held))
        delivery = sel[1] if sel and sel[0] == "delivery" else None
        status = delivery.status if delivery is not None else None
        self.posted_button.setEnabled(status is DeliveryStatus.UNKNOWN)
        self.resend_button.setEnabled(status in (DeliveryStatus.UNKNOWN, DeliveryStatus.FAILED))

    def approve_selected(self) -> None:
        sel = self._selected()
        if sel and sel[0] == "update":
            update_id = sel[1].id
            self.tasks.write(lambda: self.comms.approve(update_id), on_error=self._failed)

    def resolve_selected(self, was_posted: bool) -> None:
        sel = self._selected()
        if sel and sel[0] == "delivery":
            delivery_id = sel[1].id
            self.tasks.write(
                lambda: self.comms.resolve_unknown(delivery_id, was_posted=was_posted), on_error=self._failed
            )
