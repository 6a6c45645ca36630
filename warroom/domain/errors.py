"""Errors a person can read: one sentence that says what is wrong and what to do."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


class WarroomError(Exception):
    """Base for every error meant for the user (CLI stderr, window dialog)."""


class ValidationError(WarroomError):
    """Input was refused; nothing was changed."""


class NotFoundError(WarroomError):
    """A reference, id or name did not match anything."""


class AmbiguousError(WarroomError):
    """A reference matched more than one thing."""


class StoreError(WarroomError):
    """The store could not be opened, migrated or written."""


def must_exist(found: T | None, sentence: str) -> T:
    """`found`, or a NotFoundError with the caller's sentence (it was removed, perhaps on another laptop)."""
    if found is None:
        raise NotFoundError(sentence)
    return found
