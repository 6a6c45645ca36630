"""'~Paweł no answer, will ring back' in the entry box: a contact attempt linked to Paweł.

The name after '~' is matched against the directory's contacts with or without diacritics;
a unique prefix of a first or last name is enough ('~Elin', '~Wisn'). The words after it say
the outcome ('no answer', 'voicemail', 'acknowledged'; otherwise 'reached' when something
was said, 'no answer' when nothing was); they are kept as the attempt's note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from warroom.domain.directory import Contact, Outcome
from warroom.domain.errors import ValidationError
from warroom.ui.kit.contacts import fold

OUTCOME_WORDS: tuple[tuple[str, Outcome], ...] = (
    ("no answer", Outcome.NO_ANSWER),
    ("no reply", Outcome.NO_ANSWER),
    ("not answering", Outcome.NO_ANSWER),
    ("voicemail", Outcome.VOICEMAIL),
    ("left a message", Outcome.VOICEMAIL),
    ("acknowledged", Outcome.ACKNOWLEDGED),
    ("reached", Outcome.REACHED),
)


@dataclass(frozen=True)
class ContactLink:
    contact: Contact
    outcome: Outcome
    note: str


def _outcome(note: str) -> Outcome:
    folded = fold(note)
    found = next((outcome for words, outcome in OUTCOME_WORDS if words in folded), None)
    if found is not None:
        return found
    return Outcome.REACHED if note else Outcome.NO_ANSWER


def _whole_name(text: str, contacts: Sequence[Contact]) -> tuple[Contact, str] | None:
    folded = fold(text)
    named = [c for c in contacts if re.match(re.escape(fold(c.name)) + r"(\W|$)", folded)]
    if not named:
        return None
    best = max(named, key=lambda c: len(c.name))
    return best, text[len(best.name) :]


def _prefix(text: str, contacts: Sequence[Contact]) -> tuple[Contact, str] | None:
    word = re.match(r"[\w.'-]+", text)
    if word is None:
        return None
    typed = fold(word.group(0))
    found = [c for c in contacts if any(part.startswith(typed) for part in fold(c.name).split())]
    if len(found) > 1:
        names = ", ".join(sorted(c.name for c in found))
        raise ValidationError(f"“~{word.group(0)}” could be {names}: type more of the name.")
    return (found[0], text[word.end() :]) if found else None


def link_contact(text: str, contacts: Sequence[Contact]) -> ContactLink | None:
    """The contact and outcome a '~' entry's text names; None when it names no contact."""
    text = text.strip()
    found = _whole_name(text, contacts) or _prefix(text, contacts)
    if found is None:
        return None
    contact, rest = found
    note = rest.strip(" ,;:.-–—")
    return ContactLink(contact, _outcome(note), note)
