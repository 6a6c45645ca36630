"""The directory as an import finds it, read once: vendors by name, contacts by email and name.

A CSV row used to reload every vendor (2,000 rows took 24 s, 8,000 rows 166 s).
`DirectoryIndex` reads the vendors once, and each existing vendor's contacts and
levels once (all of them in one query, the first time one is needed), so an
import is linear in its rows. Matching follows `match_contact`: email first,
then the normalised name.
"""

from __future__ import annotations

from warroom.domain.directory import Contact, EscalationLevel, Vendor
from warroom.integrations.directory_records import ContactRecord, normal_text, vendor_key


class ContactIndex:
    """One vendor's contacts, found by email (casefolded) or by normalised name."""

    def __init__(self, contacts: list[Contact]) -> None:
        self._by_email: dict[str, Contact] = {}
        self._by_name: dict[str, Contact] = {}
        self._keys: dict[str, tuple[str | None, str]] = {}  # contact id -> its (email, name) keys
        for contact in contacts:
            self.add(contact)

    def match(self, record: ContactRecord) -> Contact | None:
        if record.email:
            found = self._by_email.get(record.email.casefold())
            if found is not None:
                return found
        return self._by_name.get(normal_text(record.name).casefold())

    def add(self, contact: Contact) -> None:
        """Remember `contact` (a new one, or the new state of one already here)."""
        old = self._keys.get(contact.id)
        if old is not None:
            self._forget(self._by_email, old[0], contact.id)
            self._forget(self._by_name, old[1], contact.id)
        email = contact.email.casefold() if contact.email else None
        name = normal_text(contact.name).casefold()
        if email:
            self._by_email.setdefault(email, contact)
        self._by_name.setdefault(name, contact)
        if self._by_email.get(email or "") is not None and self._by_email[email or ""].id == contact.id:
            self._by_email[email or ""] = contact
        if self._by_name[name].id == contact.id:
            self._by_name[name] = contact
        self._keys[contact.id] = (email, name)

    @staticmethod
    def _forget(table: dict[str, Contact], key: str | None, contact_id: str) -> None:
        if key is not None and key in table and table[key].id == contact_id:
            del table[key]


class DirectoryIndex:
    """What the store holds before an import, read once and kept up to date by it."""

    def __init__(self, repo) -> None:
        self._repo = repo
        self.vendors: dict[str, Vendor] = {}
        for vendor in repo.vendors():
            self.vendors.setdefault(vendor_key(vendor.name), vendor)
        self._contacts: dict[str, ContactIndex] | None = None
        self._levels: dict[str, dict[int, EscalationLevel]] | None = None

    def vendor(self, key: str) -> Vendor | None:
        return self.vendors.get(key)

    def contacts(self, vendor_id: str) -> ContactIndex:
        if self._contacts is None:
            grouped: dict[str, list[Contact]] = {}
            for contact in self._repo.contacts():
                grouped.setdefault(contact.vendor_id, []).append(contact)
            self._contacts = {vendor_id: ContactIndex(found) for vendor_id, found in grouped.items()}
        return self._contacts.setdefault(vendor_id, ContactIndex([]))

    def levels(self, vendor_id: str) -> dict[int, EscalationLevel]:
        if self._levels is None:
            self._levels = {}
            for level in self._repo.levels():
                self._levels.setdefault(level.vendor_id, {})[level.level] = level
        return self._levels.get(vendor_id, {})
