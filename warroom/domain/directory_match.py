"""Naming a vendor or contact the way a tired person types it.

One rule, used wherever the CLI or a service takes a vendor or contact by
name: the id itself; else the whole name; else a unique prefix of the name;
else a unique word-prefix of the name or of one of its extra words (a vendor's
layers, a contact's role). Every comparison ignores case, diacritics and
spacing, so "baltic", "Baltic Perimeter", "firewall" and "pawel" all work.

Choices a reader should know:
- Tiers are tried in order and the first tier with any match decides: an exact
  name beats a longer name it is the prefix of ("Nordvik" beats "Nordvik Nät
  Syd" when a vendor is named exactly "Nordvik").
- A tier with two or more matches is an ambiguity, reported with the
  candidates' full names rather than guessing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from warroom.domain.errors import AmbiguousError, NotFoundError, ValidationError

T = TypeVar("T")

# Letters that do not decompose into a base letter and a combining mark.
_PLAIN = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE"})


def fold(text: str | None) -> str:
    """Lower case, no diacritics, single spaces: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_PLAIN))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def _words(text: str) -> list[str]:
    folded = fold(text)
    starts = [folded] + [folded[i + 1 :] for i, ch in enumerate(folded) if not ch.isalnum()]
    return [s for s in starts if s]


def find_named(
    items: Sequence[T],
    text: str,
    *,
    name_of: Callable[[T], str],
    id_of: Callable[[T], str],
    extra_of: Callable[[T], Iterable[str]] = lambda _item: (),
    what: str = "vendor",
    scope: str = "",
) -> T:
    """The one item `text` names (see the module docstring), or a one-sentence error."""
    wanted = fold(text)
    if not wanted:
        raise ValidationError(f"Name a {what}: the name is empty.")
    by_id = [item for item in items if id_of(item) == text.strip()]
    tiers: list[Callable[[T], bool]] = [
        lambda item: fold(name_of(item)) == wanted,
        lambda item: fold(name_of(item)).startswith(wanted),
        lambda item: any(w.startswith(wanted) for part in (name_of(item), *extra_of(item)) for w in _words(part)),
    ]
    if by_id:
        return by_id[0]
    for tier in tiers:
        found = [item for item in items if tier(item)]
        if len(found) == 1:
            return found[0]
        if found:
            names = "; ".join(name_of(item) for item in found)
            raise AmbiguousError(
                f"{text.strip()!r} could be more than one {what}{scope}: {names}. Type more of the name."
            )
    known = "; ".join(name_of(item) for item in items) or "none yet"
    raise NotFoundError(f"No {what}{scope} is named {text.strip()!r} (known: {known}).")


def matches_all_words(text: str, fields: Iterable[str]) -> bool:
    """Whether every word of `text` starts a word of one of `fields` (case and diacritics ignored)."""
    starts = [w for field in fields for w in _words(field)]
    return all(any(s.startswith(word) for s in starts) for word in fold(text).split())
