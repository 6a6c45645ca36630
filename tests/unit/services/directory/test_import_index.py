"""The import's index finds contacts as match_contact does: by email first, then by name."""

from __future__ import annotations

from warroom.domain.directory import Contact
from warroom.integrations.directory_records import ContactRecord, match_contact
from warroom.services.directory.import_index import ContactIndex


def _contact(cid: str, name: str, email: str | None) -> Contact:
    return Contact(cid, "v", name, "", (), email, None, None)


def _record(name: str, email: str | None) -> ContactRecord:
    return ContactRecord(name=name, role="", phones=(), email=email, timezone=None, hours=None)


def test_matches_agree_with_match_contact_and_follow_updates():
    contacts = [_contact("1", "Åsa Bergström", "asa@x.example"), _contact("2", "Service desk", None)]
    index = ContactIndex(contacts)
    for record in (
        _record("Someone else", "ASA@x.example"),
        _record("service  desk", None),
        _record("Nobody", "nobody@x.example"),
    ):
        assert index.match(record) == match_contact(record, contacts)
    renamed = _contact("1", "Åsa Lind", "asa.lind@x.example")
    index.add(renamed)
    assert index.match(_record("x", "asa@x.example")) is None
    assert index.match(_record("Åsa Lind", None)) == renamed
    assert index.match(_record("Åsa Bergström", None)) is None
