"""The vendor directory beside the timeline: who operates what, who is reachable now.

    panel = install_directory_panel(window)   # docks it, follows the incident and the store

Type to filter vendors, layers and contacts ("firewall" finds who operates it). Each contact
shows its local time and whether it is reachable (green), or why not and when it is back (red).
Select a contact for its tel:/mailto: links and to log an attempt on the current incident; a
vendor's escalation path shows in the second tab. Every minute the panel re-reads who is
reachable and asks whether an escalation is due (banner + desktop notification). All service
calls run on the worker; the GUI thread only draws.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from warroom.services.directory.views import filter_statuses
from warroom.ui.directory.alerts import DesktopNotifier, EscalationBanner, EscalationWatcher
from warroom.ui.directory.as_of import AsOfBar
from warroom.ui.directory.attempt_dialog import LogAttemptDialog
from warroom.ui.directory.calendar_refresh import CalendarRefresher
from warroom.ui.directory.card import ContactCard
from warroom.ui.directory.clock_pane import VendorClockPane
from warroom.ui.directory.columns import DirectoryColumns
from warroom.ui.directory.edit_actions import install_edit_actions
from warroom.ui.directory.escalation import EscalationPane
from warroom.ui.directory.evidence_action import EvidenceSaver
from warroom.ui.directory.import_files import choose_files, import_files
from warroom.ui.directory.model import KIND_ROLE, VALUE_ROLE, DirectoryModel
from warroom.ui.directory.panel_record import IncidentRecordActions
from warroom.ui.kit.changes import Changed, ChangeNote
from warroom.ui.kit.changes import listen_to_store as listen_to_store_on_my_own
from warroom.ui.kit.host import PanelHost, follow_the_window
from warroom.ui.kit.progress import WorkProgress
from warroom.ui.kit.theme import paint
from warroom.ui.kit.time_display import TimeDisplay
from warroom.ui.kit.undo import attempt_step

REFRESH_MS = 60_000


class DirectoryPanel(IncidentRecordActions, QWidget):
    attempt_logged = Signal(object)  # the ContactAttempt, after it is stored

    def __init__(
        self, services, tasks, parent=None, *, listen_to_store: bool = True, notifier: DesktopNotifier | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("directoryPanel")
        self.services, self.tasks = services, tasks
        self.display = TimeDisplay(services.settings.zone)
        self.incident_id: str | None = None
        self.incident_ref = ""
        self.all_statuses: tuple = ()
        self.attempt_dialog: LogAttemptDialog | None = None
        self._loading = self._load_again = False
        self._keep: tuple[str, str] | None = None  # (kind, id) of the selected row
        self.notifier = notifier or DesktopNotifier(self)
        self._build()
        self.watcher = EscalationWatcher(services, tasks, self)
        self.watcher.changed.connect(self.banner.show_due)
        self.watcher.announced.connect(self._announce)
        self._refresh_timer = QTimer(self, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._refresh_timer.timeout.connect(self.load_clocks)  # an unanswered vendor's clock runs on
        self._refresh_timer.start()
        self._events = listen_to_store_on_my_own(self, services, self.on_store_changed) if listen_to_store else None
        self.set_incident(None)
        self.refresh()

    def _build(self) -> None:
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("directorySearch")
        self.search_box.setAccessibleName("Search the directory")
        self.search_box.setPlaceholderText("Search vendors, layers, contacts, roles…")
        self.search_box.setClearButtonEnabled(True)
        self.count = QLabel(self)
        paint(self.count, "color: $faint;")
        self.import_button = QToolButton(self)
        self.import_button.setObjectName("directoryImport")
        self.import_button.setText("Import…")
        self.import_button.setToolTip("Import vendors.csv, vCards, or the selected vendor's ICS calendar")
        self.import_button.clicked.connect(lambda: self.import_paths(choose_files(self)))
        self.banner = EscalationBanner(self)
        self.as_of = AsOfBar(self.display, self)
        self.as_of.changed.connect(self._on_as_of)
        self.model = DirectoryModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("directoryTree")
        self.tree.setAccessibleName("Vendors and contacts")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.columns = DirectoryColumns(self.tree)  # fitted to the dock: reasons wrap when narrow
        self.card = ContactCard(self)
        self.escalation = EscalationPane(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.card, "Contact")
        self.tabs.addTab(self.escalation, "Escalation")
        self.clocks = VendorClockPane(self.services, self.tasks, self)
        self.tabs.addTab(self.clocks, "Vendor clock")
        self.evidence = EvidenceSaver(self.services, self.tasks, self, lambda text, error: self._say(text, error))
        self.clocks.evidence_requested.connect(self.save_evidence)
        self.calendars = CalendarRefresher(self.services, self.tasks, self, lambda text, error: self._say(text, error))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.message = QLabel(self)
        self.message.setObjectName("directoryMessage")
        self.message.setWordWrap(True)
        self._filter_timer = QTimer(self, singleShot=True, interval=120)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.search_box.textChanged.connect(lambda _t: self._filter_timer.start())
        self.search_box.returnPressed.connect(self._apply_filter)
        self.tree.selectionModel().currentRowChanged.connect(self._on_current)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.activated.connect(lambda index: self._log_from(index, quick=False))
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self.search_box,
            activated=self.search_box.clear,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.card.log_requested.connect(self.log_attempt)
        self.card.copied.connect(lambda text: self._say(f"Copied {text}"))
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.import_button)
        self.editor = install_edit_actions(self, top)  # add and edit vendors and contacts
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.as_of)
        layout.addWidget(self.calendars.state)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        bottom = QHBoxLayout()  # the count lives here: in the toolbar it pushed Edit off the edge
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.count, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(bottom)
        self.setFocusProxy(self.search_box)

    def sizeHint(self) -> QSize:
        return QSize(520, 640)  # wide enough for name, reachability and local time in a dock

    # -- what the window calls ----------------------------------------------------------------
    def set_incident(self, incident) -> None:
        """Attempts are logged on this incident (an Incident, its id, or None)."""
        self.incident_id = getattr(incident, "id", incident)
        self.incident_ref = getattr(incident, "reference", self.incident_id or "")
        self.card.set_can_log(self.incident_id is not None)
        self.watcher.set_incident(self.incident_id)
        self.load_clocks()

    def set_time_display(self, display: TimeDisplay) -> None:
        self.display = display
        self.as_of.set_display(display)
        self.clocks.set_time_display(display)
        self.calendars.set_time_display(display)

    def _on_as_of(self, at) -> None:
        """Everything the panel shows answers for the chosen instant."""
        self.model.set_reachable_heading(self.display.day_and_clock(at) if at is not None else None)
        self.refresh()
        current = self.tree.currentIndex()
        value = self.model.value(current)
        if value is not None and current.siblingAtColumn(0).data(KIND_ROLE) == "vendor":
            self.load_escalation(value.vendor.id)

    def on_store_changed(self, note: ChangeNote) -> None:
        if note.touches(Changed.DIRECTORY):
            self.refresh()
            self.calendars.show_state()
        if note.touches(Changed.ATTEMPTS):
            self.watcher.check_now()
        if note.touches(Changed.ATTEMPTS | Changed.TIMELINE):
            self.load_clocks()

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def import_paths(self, paths) -> WorkProgress | None:
        """Import files on the writer, with a progress dialog; a calendar goes to the vendor selected."""
        selected = self.model.value(self.tree.currentIndex())
        return import_files(
            self.services,
            self.tasks,
            paths,
            selected.vendor.id if selected else None,
            lambda text, error: self._say(text, error=error),
            parent=self,
        )

    def refresh(self) -> None:
        """Re-read every vendor and contact at this minute; at most one more read is queued."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        directory, at = self.services.directory, self.as_of.instant()
        self.tasks.read(lambda: directory.overview(at), self._on_loaded, self._on_load_failed)

    # -- loading and filtering ----------------------------------------------------------------
    def _on_loaded(self, statuses: tuple) -> None:
        self._loading = False
        self.all_statuses = tuple(statuses)
        self._apply_filter()
        if self._load_again:
            self._load_again = False
            self.refresh()

    def _on_load_failed(self, message: str) -> None:
        self._loading = self._load_again = False
        self._say(message, error=True)

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        text = self.search_box.text()
        shown = filter_statuses(self.all_statuses, text)
        self.model.show(shown)
        self.tree.expandAll()
        people = sum(len(v.contacts) for v in shown)
        if not self.all_statuses:
            self.count.setText("no vendors yet")
        else:
            self.count.setText(f"{len(shown)} vendor{'s' * (len(shown) != 1)}, {people} contact{'s' * (people != 1)}")
        self._restore_selection()

    def _restore_selection(self) -> None:
        if self._keep is None:
            return
        index = self.find(*self._keep)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def find(self, kind: str, item_id: str) -> QModelIndex:
        """The index of a vendor or contact row by id (invalid when filtered out)."""
        for row in range(self.model.rowCount()):
            vendor = self.model.index(row, 0)
            if kind == "vendor" and vendor.data(VALUE_ROLE).vendor.id == item_id:
                return vendor
            for child in range(self.model.rowCount(vendor)):
                index = self.model.index(child, 0, vendor)
                if kind == "contact" and index.data(VALUE_ROLE).contact.id == item_id:
                    return index
        return QModelIndex()

    # -- selection: the card and the escalation tab --------------------------------------------
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        value, kind = self.model.value(current), current.siblingAtColumn(0).data(KIND_ROLE)
        if value is None:
            return
        if kind == "contact":
            self._keep = ("contact", value.contact.id)
            self.card.show_contact(value)
            self.tabs.setCurrentWidget(self.card)
            self.load_escalation(value.vendor.id)
        else:
            self._keep = ("vendor", value.vendor.id)
            self.card.show_contact(None)
            self.tabs.setCurrentWidget(self.escalation)
            self.load_escalation(value.vendor.id)

    def load_escalation(self, vendor_id: str) -> None:
        directory, at = self.services.directory, self.as_of.instant()
        due = next((d for d in self.watcher.current if d.vendor_id == vendor_id), None) if at is None else None
        tried = due.level if due is not None else None  # the banner's question: the same answer
        self.tasks.read(
            lambda: directory.escalate(vendor_id, at, tried),
            lambda view: self.escalation.show_view(view, self.display),
            lambda message: self.escalation.show_message(message),
        )

    # -- escalation due -------------------------------------------------------------------
    def _announce(self, fresh: tuple) -> None:
        for due in fresh:
            self.notifier.notify("Escalation due", due.message)

    def banner_message(self) -> str:
        return self.banner.message()

    def dismiss_banner(self) -> None:
        self.banner.dismiss()

    def _say(self, text: str, error: bool = False) -> None:
        paint(self.message, "color: $error;" if error else "color: $ok;")
        self.message.setText(text)

    def closeEvent(self, event) -> None:
        self.watcher.stop()
        self._refresh_timer.stop()
        if self._events is not None:
            self._events.close()
        super().closeEvent(event)


def install_directory_panel(window: PanelHost, name: str = "Directory") -> DirectoryPanel:
    """Dock the panel in the main window and keep it on the window's incident and zone."""
    panel = DirectoryPanel(window.services, window.tasks, listen_to_store=False)
    window.add_panel(name, panel)
    follow_the_window(window, panel)
    panel.attempt_logged.connect(lambda attempt: window.record_undo(attempt_step(window.services.timeline, attempt)))
    return panel
