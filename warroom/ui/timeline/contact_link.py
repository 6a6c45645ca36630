"""'~Paweł no answer, will ring back' in the entry box: a contact attempt linked to Paweł.

The name after '~' is a contact's or a vendor's, matched by the directory's one naming rule
(warroom.domain.directory_match.find_named): with or without diacritics, the whole name or a
unique prefix of it or of one of its words ('~Elin', '~Wisn', '~Baltic'). The longest run of
leading words that names someone wins, so '~Paweł Wiśniewski no answer' is Paweł, not a
search for 'Paweł Wiśniewski no'. A vendor's name links the entry to the vendor; whom the
attempt was made to is decided when it is recorded (see EntryBox). The words after the name say
the outcome ('no answer', 'voicemail', 'acknowledged', 'ticket BP-4471 filed': see
warroom.domain.attempt_prose; otherwise 'reached' when something was said, 'no answer' when
nothing was); they are kept as the attempt's note, and a ticket number they name as its ticket.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from warroom.domain.attempt_prose import outcome_in_prose, ticket_in_prose
from warroom.domain.directory import Contact, Outcome, Vendor
from warroom.domain.directory_match import find_named
from warroom.domain.errors import NotFoundError, WarroomError

_NAME_WORD = re.compile(r"[\w.'’-]+")


@dataclass(frozen=True)
class ContactLink:
    named: Contact | Vendor  # whom the '~' named: a contact, or a whole vendor
    outcome: Outcome
    note: str
    ticket: str = ""  # the vendor's ticket number when the words name one

    @property
    def contact(self) -> Contact | None:
        return self.named if isinstance(self.named, Contact) else None

    @property
    def vendor(self) -> Vendor | None:
        return self.named if isinstance(self.named, Vendor) else None


def _outcome(note: str) -> Outcome:
    found = outcome_in_prose(note)
    if found is not None:
        return found
    return Outcome.REACHED if note else Outcome.NO_ANSWER


def _named(text: str, names: Sequence[Contact | Vendor]) -> tuple[Contact | Vendor, str] | None:
    """The longest run of leading words naming one contact or vendor, and the text after it.
    An ambiguous run raises find_named's sentence, which lists the candidates."""
    ends = [word.end() for word in _NAME_WORD.finditer(text)]
    for end in reversed(ends):
        try:
            found = find_named(
                names, text[:end], name_of=lambda n: n.name, id_of=lambda n: n.id, what="contact or vendor"
            )
        except NotFoundError:
            continue
        return found, text[end:]
    return None


def link_contact(text: str, names: Sequence[Contact | Vendor]) -> ContactLink | None:
    """The contact or vendor and the outcome a '~' entry's text names; None when it names nobody."""
    found = _named(text.strip(), names)
    if found is None:
        return None
    named, rest = found
    note = rest.strip(" ,;:.-–—")
    return ContactLink(named, _outcome(note), note, ticket_in_prose(note))


def whom_to_call(directory, link: ContactLink, contacts_by_vendor: dict[str, list[Contact]], at) -> Contact:
    """Whom the attempt was made to: the contact named; for a '~Vendor', the first contact the
    escalation advice says to call (as of `at`, or now), else the vendor's first contact.
    Runs on a worker: it reads the store."""
    if isinstance(link.named, Contact):
        return link.named
    vendor = link.named
    try:
        advice = directory.escalate(vendor.id, at=at)
    except WarroomError:
        advice = None  # the vendor changed under us; its first contact is still a fair answer
    if advice is not None and advice.call_now:
        return advice.call_now[0].contact
    contacts = contacts_by_vendor.get(vendor.id) or []
    if not contacts:
        raise NotFoundError(f"{vendor.name} has no contacts in the directory: add one, then log the attempt.")
    return contacts[0]
