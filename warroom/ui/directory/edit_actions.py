"""The directory panel's Edit button: add a vendor, add a contact, edit the selected one.

    install_edit_actions(panel, toolbar_layout)   # the panel's one hook

Dialogs open without blocking (open(), not exec()); their values are written by the
service on the worker, and the panel re-reads the directory when the write is done.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QBoxLayout, QMenu, QMessageBox, QToolButton

from warroom.ui.directory.absence_dialog import AbsenceDialog
from warroom.ui.directory.calendars_dialog import CalendarsDialog
from warroom.ui.directory.edit_dialogs import ContactDialog, VendorDialog
from warroom.ui.directory.model import KIND_ROLE


class DirectoryEditor:
    def __init__(self, panel: Any) -> None:
        self.panel = panel
        self.dialog: VendorDialog | ContactDialog | AbsenceDialog | None = None  # the open one, for tests
        self.calendars_dialog: CalendarsDialog | None = None
        self.button = QToolButton(panel)
        self.button.setObjectName("directoryEdit")
        self.button.setText("Edit ▾")
        # Fusion draws the menu arrow over the text and sizes the button without it: "Edit." looked clipped
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.button.setToolTip("Add a vendor or a contact, or edit the selected one")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.add_vendor_action = menu.addAction("Add &vendor…", self.add_vendor)
        self.add_contact_action = menu.addAction("Add &contact to the selected vendor…", self.add_contact)
        self.edit_action = menu.addAction("&Edit the selected vendor or contact…", self.edit_selected)
        self.absence_action = menu.addAction("Add an &absence (closure or leave)…", self.add_absence)
        menu.addSeparator()
        self.calendar_action = menu.addAction("&Subscribe the selected vendor or contact to a calendar URL…",
                                              self.subscribe_calendar)  # fmt: skip
        self.refresh_calendars_action = menu.addAction("Re&fresh the calendars now", self.refresh_calendars)
        self.calendars_action = menu.addAction("Calendar s&ubscriptions…", self.show_calendars)
        menu.addSeparator()
        self.remove_action = menu.addAction("&Remove the selected vendor or contact…", self.remove_selected)
        self.confirm: QMessageBox | None = None  # the open question, for tests
        self.button.setMenu(menu)

    def _selected(self) -> tuple[str | None, Any]:
        index = self.panel.tree.currentIndex()
        return index.siblingAtColumn(0).data(KIND_ROLE), self.panel.model.value(index)

    def _show(self, dialog: VendorDialog | ContactDialog | AbsenceDialog, write) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._write(write, dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _write(self, write, dialog) -> None:
        # read the form here, on the GUI thread: the dialog is gone by the time the worker runs
        values = dialog.values()
        place = dialog.path_place() if isinstance(dialog, ContactDialog) else (None, None)
        self.panel.tasks.write(
            lambda: write(values, place),
            lambda done: (self.panel._say(f"Saved {done.name}"), self.panel.refresh()),
            lambda message: self.panel._say(message, error=True),
        )

    def add_vendor(self) -> None:
        directory = self.panel.services.directory

        def write(values: dict, _place: tuple):
            return directory.add_vendor(values.pop("name"), **values)

        self._show(VendorDialog(self.panel), write)

    def add_contact(self) -> None:
        _kind, value = self._selected()
        if value is None:
            self.panel._say("Select a vendor first: the contact is added to it.", error=True)
            return
        self._show(ContactDialog(value.vendor, self.panel), self._contact_writer(value.vendor, None))

    def edit_selected(self) -> None:
        kind, value = self._selected()
        if value is None:
            self.panel._say("Select a vendor or a contact to edit.", error=True)
            return
        if kind == "contact":
            dialog = ContactDialog(value.vendor, self.panel, value.contact)
            self._show(dialog, self._contact_writer(value.vendor, value.contact))
            return
        directory = self.panel.services.directory
        self._show(
            VendorDialog(self.panel, value.vendor),
            lambda values, _place: directory.update_vendor(value.vendor.id, **values),
        )

    def add_absence(self) -> None:
        """A closure of the selected vendor, or leave of the selected contact."""
        kind, value = self._selected()
        if value is None:
            self.panel._say("Select a vendor (for a closure) or a contact (for their leave).", error=True)
            return
        contact = value.contact if kind == "contact" else None
        today = self.panel.services.ctx.now().date()
        directory = self.panel.services.directory
        dialog = AbsenceDialog(value.vendor, contact, today, self.panel)
        self._show(dialog, lambda values, _place: _named(directory.add_absence(**values), contact or value.vendor))

    def subscribe_calendar(self) -> None:
        """A vendor's calendar (closures, and whoever its events name) or one contact's own."""
        kind, value = self._selected()
        if value is None:
            self.panel._say("Select a vendor or a contact: the calendar's absences become theirs.", error=True)
            return
        contact = value.contact if kind == "contact" else None
        owner = contact.name if contact else value.vendor.name
        self.panel.calendars.subscribe(value.vendor.id, contact.id if contact else None, owner)

    def refresh_calendars(self) -> None:
        self.panel.calendars.refresh_now()

    def show_calendars(self) -> None:
        """The subscriptions, to see their state, refresh them or stop one (the CLI's `calendar`)."""
        self.calendars_dialog = CalendarsDialog(self.panel.calendars, self.panel)
        self.calendars_dialog.finished.connect(self.calendars_dialog.deleteLater)
        self.calendars_dialog.open()

    def remove_selected(self) -> None:
        """Asks first; whoever an incident tried to reach is kept, inactive, for the record."""
        kind, value = self._selected()
        if value is None:
            self.panel._say("Select a vendor or a contact to remove.", error=True)
            return
        directory = self.panel.services.directory
        if kind == "contact":
            what, remove = value.contact.name, lambda: directory.remove_contact(value.vendor.id, value.contact.id)
        else:
            what, remove = value.vendor.name, lambda: directory.remove_vendor(value.vendor.id)
        box = QMessageBox(QMessageBox.Icon.Question, "Remove", f"Remove {what}?", parent=self.panel)
        box.setInformativeText("If an incident tried to reach them, they are kept as inactive for the record.")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.accepted.connect(
            lambda: self.panel.tasks.write(
                remove,
                lambda message: (self.panel._say(message), self.panel.refresh()),
                lambda message: self.panel._say(message, error=True),
            )
        )
        box.finished.connect(box.deleteLater)
        self.confirm = box
        box.open()

    def _contact_writer(self, vendor, contact):
        directory = self.panel.services.directory

        def write(values: dict, place: tuple):
            if contact is None:
                saved = directory.add_contact(vendor.id, values.pop("name"), **values)
            else:
                saved = directory.update_contact(contact.id, **values)
            level, wait = place
            if level is not None:
                directory.place_on_path(saved, level, wait)
            return saved

        return write


class _Saved:
    def __init__(self, name: str) -> None:
        self.name = name


def _named(absence: Any, owner: Any) -> _Saved:
    """What the status line says after an absence is saved."""
    return _Saved(f"{absence.reason or 'the absence'} of {owner.name}")


def install_edit_actions(panel: Any, toolbar: QBoxLayout) -> DirectoryEditor:
    editor = DirectoryEditor(panel)
    toolbar.addWidget(editor.button)
    return editor
