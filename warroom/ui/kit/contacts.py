"""Small facts about contacts that more than one feature shows: how to reach one.

Matching a typed name with or without its diacritics is the domain's (domain/directory_match.py).
"""

from __future__ import annotations

from warroom.domain.directory import Channel


def own_channel(contact) -> Channel:
    """How this contact is reached: by phone when it has a number, else by e-mail, else its portal."""
    if contact.phones:
        return Channel.PHONE
    return Channel.EMAIL if contact.email else Channel.PORTAL
