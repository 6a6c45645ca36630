"""Add or edit a vendor or a contact, checked as you type.

The dialogs only collect values: every field is checked on each keystroke with the
domain's own rules (country and subdivision codes from the holidays package, IANA
zones, hours syntax), the first problem is named under the form, and OK stays
disabled until the form is sound. The panel writes the values through the service
(which checks phones and e-mail addresses too) on the worker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.availability import validate_categories, validate_country, validate_zone
from warroom.domain.directory import SLA_CLOCKS, Contact, Vendor
from warroom.domain.errors import ValidationError
from warroom.domain.hours import parse_hours
from warroom.ui.kit.theme import paint


def _words(text: str) -> list[str]:
    return [w.strip() for w in text.split(";") if w.strip()]


class _CheckedForm(QDialog):
    """A form whose OK button follows check(): None when sound, else the sentence to show."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problem = QLabel(self)
        self.problem.setObjectName("editProblem")
        self.problem.setWordWrap(True)
        paint(self.problem, "color: $error;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def line(self, label: str, name: str, text: str = "", hint: str = "") -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        edit.textChanged.connect(self.recheck)
        self.form.addRow(label, edit)
        return edit

    def recheck(self, *_args: object) -> None:
        problem = self.check()
        self.problem.setText(problem or "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def check(self) -> str | None:
        raise NotImplementedError


def _spin(parent: QWidget, name: str, maximum: int, special: str, suffix: str = "") -> QSpinBox:
    """A whole-number box whose 0 reads as `special` ('none', 'not on the path')."""
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setMaximum(maximum)
    spin.setSpecialValueText(special)
    spin.setSuffix(suffix)
    return spin


def _first_problem(*checks: Any) -> str | None:
    for check in checks:
        try:
            check()
        except ValidationError as error:
            return str(error)
    return None


class VendorDialog(_CheckedForm):
    def __init__(self, parent: QWidget | None = None, vendor: Vendor | None = None) -> None:
        super().__init__(f"Edit {vendor.name}" if vendor else "Add a vendor", parent)
        self.setObjectName("vendorDialog")
        v = vendor
        self.name = self.line("&Name", "vendorName", v.name if v else "")
        self.layers = self.line("&Layers", "vendorLayers", "; ".join(v.layers) if v else "", "firewall; network")
        self.country = self.line("&Country", "vendorCountry", v.country if v else "", "SE, US, DE …")
        self.subdivision = self.line(
            "&Subdivision", "vendorSubdivision", (v.subdivision or "") if v else "", "IL, BY …"
        )
        self.categories = self.line(
            "Holiday &categories", "vendorCategories", "; ".join(v.holiday_categories) if v else "public"
        )
        self.zone = self.line("&Time zone", "vendorZone", v.timezone if v else "", "Europe/Stockholm")
        self.hours = self.line("&Hours", "vendorHours", v.hours if v else "Mon-Fri 09:00-17:00")
        self.sla = _spin(self, "vendorSla", 100_000, "none", " min")
        self.sla.setValue(v.sla_response_min or 0 if v else 0)
        self.form.addRow("&Response SLA", self.sla)
        self.sla_clock = QComboBox(self)
        self.sla_clock.setObjectName("vendorSlaClock")
        for clock in SLA_CLOCKS:
            self.sla_clock.addItem("business hours" if clock == "business" else "24/7", clock)
        self.sla_clock.setCurrentIndex(max(0, self.sla_clock.findData(v.sla_clock if v else "business")))
        self.form.addRow("SLA c&lock", self.sla_clock)
        self.notes = self.line("N&otes", "vendorNotes", v.notes if v else "")
        self.recheck()

    def check(self) -> str | None:
        if not self.name.text().strip():
            return "Name: a vendor needs a name."
        country = self.country.text()
        return _first_problem(
            lambda: validate_country(country, None),
            lambda: validate_country(country, self.subdivision.text()),
            lambda: validate_categories(country, _words(self.categories.text())),
            lambda: validate_zone(self.zone.text()),
            lambda: parse_hours(self.hours.text()),
        )

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "layers": tuple(_words(self.layers.text())),
            "country": self.country.text().strip().upper(),
            "subdivision": self.subdivision.text().strip() or None,
            "holiday_categories": tuple(_words(self.categories.text())),
            "timezone": self.zone.text().strip(),
            "hours": self.hours.text().strip(),
            "sla_response_min": self.sla.value() or None,
            "sla_clock": self.sla_clock.currentData(),
            "notes": self.notes.text(),
        }


class ContactDialog(_CheckedForm):
    """A contact of `vendor`; blank zone, hours and place mean the vendor's."""

    def __init__(self, vendor: Vendor, parent: QWidget | None = None, contact: Contact | None = None) -> None:
        super().__init__(f"Edit {contact.name}" if contact else f"Add a contact to {vendor.name}", parent)
        self.setObjectName("contactDialog")
        self.vendor, c = vendor, contact
        self.name = self.line("&Name", "contactName", c.name if c else "")
        self.role = self.line("&Role", "contactRole", c.role if c else "")
        self.phones = self.line("&Phones", "contactPhones", "; ".join(c.phones) if c else "", "+46 70 555 12 34")
        self.email = self.line("&Email", "contactEmail", (c.email or "") if c else "")
        self.zone = self.line("&Time zone", "contactZone", (c.timezone or "") if c else "", f"{vendor.timezone}")
        self.hours = self.line("&Hours", "contactHours", (c.hours or "") if c else "", vendor.hours)
        self.country = self.line("&Country", "contactCountry", (c.country or "") if c else "", vendor.country)
        self.subdivision = self.line(
            "&Subdivision", "contactSubdivision", (c.subdivision or "") if c else "", "where they work, e.g. NY"
        )
        self.categories = self.line(
            "Holiday &categories", "contactCategories", "; ".join(c.holiday_categories) if c else "", "the vendor's"
        )
        self.always = QCheckBox("&Always on call", self)
        self.always.setObjectName("contactAlways")
        self.always.setChecked(bool(c and c.always_on_call))
        self.form.addRow("", self.always)
        self.level = _spin(self, "contactLevel", 20, "not on the path")
        self.form.addRow("Escalation &level", self.level)
        self.wait = _spin(self, "contactWait", 10_000, "—", " min")
        self.form.addRow("Escalate &after", self.wait)
        self.recheck()

    def check(self) -> str | None:
        if not self.name.text().strip():
            return "Name: a contact needs a name (a person, or a desk such as 'Service desk')."
        country = self.country.text().strip() or self.vendor.country
        zone, hours = self.zone.text().strip(), self.hours.text().strip()
        return _first_problem(
            lambda: validate_zone(zone) if zone else None,
            lambda: parse_hours(hours) if hours else None,
            lambda: validate_country(country, None),
            lambda: validate_country(country, self.subdivision.text()),
            lambda: validate_categories(country, _words(self.categories.text())),
        )

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "role": self.role.text(),
            "phones": tuple(_words(self.phones.text())),
            "email": self.email.text().strip() or None,
            "timezone": self.zone.text().strip() or None,
            "hours": self.hours.text().strip() or None,
            "country": self.country.text().strip().upper() or None,
            "subdivision": self.subdivision.text().strip() or None,
            "holiday_categories": tuple(_words(self.categories.text())),
            "always_on_call": self.always.isChecked(),
        }

    def path_place(self) -> tuple[int | None, int | None]:
        """(escalation level, minutes to wait there), None where not given."""
        return self.level.value() or None, self.wait.value() or None
