"""Small facts about contacts that more than one feature shows: how to reach one, and matching
a typed name with or without its diacritics ("Pawel" finds "Paweł")."""

from __future__ import annotations

import unicodedata

from warroom.domain.directory import Channel

# Letters that carry no combining mark to strip: what a keyboard without them would type.
_PLAIN = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "œ": "oe"})


def own_channel(contact) -> Channel:
    """How this contact is reached: by phone when it has a number, else by e-mail, else its portal."""
    if contact.phones:
        return Channel.PHONE
    return Channel.EMAIL if contact.email else Channel.PORTAL


def fold(text: str) -> str:
    """'Paweł Wiśniewski' -> 'pawel wisniewski': for matching what was typed, never for showing."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
