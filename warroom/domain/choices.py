"""Reading a choice a person typed (severity, status, kind, channel, ...) into its string enum.

Every enum parses the same way: surrounding spaces dropped, case folded the enum's way,
a few aliases a person might type, and one sentence naming the choices when nothing matched.
A value that already is a member is returned as it is, so callers need not check first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import TypeVar

from warroom.domain.errors import ValidationError

E = TypeVar("E", bound=Enum)


def parse_choice(
    cls: type[E],
    text: E | str,
    what: str,
    *,
    fold: Callable[[str], str] = str.lower,
    aliases: Mapping[str, str] | None = None,
    hint: str | None = None,
) -> E:
    """The member of `cls` that `text` names, else a ValidationError: "Unknown {what} ...: use one of ...".

    `hint` replaces "one of <every value>" where the choices a person may type differ from the stored
    values (say, "ruled-out" for "ruled out") or where one value is not theirs to choose (a question's "open").
    """
    if isinstance(text, cls):
        return text
    value = fold(str(text).strip())
    value = (aliases or {}).get(value, value)
    try:
        return cls(value)
    except ValueError:
        names = hint or "one of " + ", ".join(str(member.value) for member in cls)
        raise ValidationError(f"Unknown {what} {text!r}: use {names}.") from None


def spaced_choice(text: str) -> str:
    """Fold for choices stored with spaces: 'Ruled-Out' and 'ruled_out' both read 'ruled out'."""
    return text.lower().replace("-", " ").replace("_", " ")
