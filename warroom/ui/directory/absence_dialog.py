"""Add an absence: a vendor closure, or one contact's leave, with dates and a reason.

Dates are read in the vendor's (or the contact's) own zone, whole days: leave "from
23 Dec through 2 Jan" blocks 23 Dec 00:00 to 3 Jan 00:00 there. Checked as you type.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit, QWidget

from warroom.domain.availability import contact_zone, zone_of
from warroom.domain.directory import Contact, Vendor
from warroom.ui.directory.edit_dialogs import _CheckedForm


def _date_edit(parent: QWidget, name: str, day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class AbsenceDialog(_CheckedForm):
    def __init__(self, vendor: Vendor, contact: Contact | None, today: date, parent: QWidget | None = None) -> None:
        who = contact.name if contact else f"{vendor.name} (closed)"
        super().__init__(f"Add an absence: {who}", parent)
        self.setObjectName("absenceDialog")
        self.vendor, self.contact = vendor, contact
        self.zone = zone_of(contact_zone(contact, vendor) if contact else vendor.timezone)
        self.first = _date_edit(self, "absenceFirst", today)
        self.last = _date_edit(self, "absenceLast", today)
        self.first.dateChanged.connect(self.recheck)
        self.last.dateChanged.connect(self.recheck)
        self.form.addRow("&From", self.first)
        self.form.addRow("&Through", self.last)
        self.reason: QLineEdit = self.line("&Reason", "absenceReason", "", "Annual leave, office closed …")
        self.recheck()

    def check(self) -> str | None:
        if self.last.date() < self.first.date():
            return "Through: the last day is before the first."
        return None

    def values(self) -> dict[str, Any]:
        first, last = _day(self.first.date()), _day(self.last.date())
        return {
            "vendor_id": self.vendor.id,
            "contact_id": self.contact.id if self.contact else None,
            "starts_at": datetime.combine(first, time(), self.zone),
            "ends_at": datetime.combine(last + timedelta(days=1), time(), self.zone),
            "reason": self.reason.text(),
        }
