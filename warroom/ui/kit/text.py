"""Text helpers shared by the panels."""

from __future__ import annotations


def shorten(text: str, limit: int = 240) -> str:
    """The first line, cut to `limit` characters; an ellipsis says there was more."""
    first, _, rest = text.partition("\n")
    if len(first) > limit:
        return first[:limit].rstrip() + "…"
    return first + (" …" if rest.strip() else "")
