"""What a line of prose says about a call: its outcome and the vendor's ticket number.

One reading for the timeline CSV import ("Called the firewall technician: no answer") and the
entry box ("~Baltic ticket BP-20131227-04 filed"). A ticket filed on a portal or by email
starts the vendor's clock but is nobody's answer: it reads as 'ticket filed', not 'reached'.
"""

from __future__ import annotations

import re

from warroom.domain.directory import Outcome
from warroom.domain.directory_match import fold

# folded words, first match wins: a refusal or a voicemail outranks a 'reached' later in the line
_OUTCOME_WORDS: tuple[tuple[str, Outcome], ...] = (
    ("no answer", Outcome.NO_ANSWER),
    ("no reply", Outcome.NO_ANSWER),
    ("not answer", Outcome.NO_ANSWER),
    ("unreachable", Outcome.NO_ANSWER),
    ("voicemail", Outcome.VOICEMAIL),
    ("left a message", Outcome.VOICEMAIL),
    ("acknowledg", Outcome.ACKNOWLEDGED),
)
# "Ticket BP-20131227-04 filed", "filed ticket #4471", "via the portal": nobody answered yet.
_TICKET_FILED = re.compile(r"\bticket\b[^.:;]*\bfiled\b|\bfiled\b[^.:;]*\bticket\b|\bportal\b", re.IGNORECASE)
# A ticket number written after the word: "ticket BP-20131227-04", "ticket #4471", "ticket no. 88".
_TICKET_NUMBER = re.compile(r"\bticket\s+(?:(?:no\.?|number)\s*|#\s*)?([A-Za-z0-9][A-Za-z0-9-]*\d[A-Za-z0-9-]*)", re.I)


def outcome_in_prose(text: str) -> Outcome | None:
    """The outcome the words name, or None when they name none (the caller picks the default)."""
    folded = fold(text)
    found = next((outcome for words, outcome in _OUTCOME_WORDS if words in folded), None)
    if found is not None:
        return found
    if files_a_ticket(text):
        return Outcome.TICKET_FILED
    return Outcome.REACHED if "reached" in folded else None


def files_a_ticket(text: str) -> bool:
    """'Ticket filed', 'filed a ticket', 'via the portal': the call went to a queue, not a person."""
    return _TICKET_FILED.search(text) is not None


def ticket_in_prose(text: str) -> str:
    """The vendor's ticket number named in the prose ("ticket BP-20131227-04"), or ""."""
    found = _TICKET_NUMBER.search(text)
    return found.group(1).rstrip("-") if found else ""
