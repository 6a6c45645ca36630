"""Text helpers shared by the panels."""

from __future__ import annotations

import re

# The bidirectional controls (domain.safe_text.BIDI_CONTROLS) by their Unicode abbreviations.
BIDI_NAMES = {
    "\u061c": "ALM",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}
_BIDI = re.compile("[" + "".join(sorted(BIDI_NAMES)) + "]")


def shorten(text: str, limit: int = 240) -> str:
    """The first line, cut to `limit` characters; an ellipsis says there was more."""
    first, _, rest = text.partition("\n")
    if len(first) > limit:
        return first[:limit].rstrip() + "…"
    return first + (" …" if rest.strip() else "")


def shown(text: str) -> str:
    """User text as a view displays it: each bidirectional control made visible as ⟨RLO⟩, ⟨LRI⟩...,
    so "invoice\u202egnp.exe" reads "invoice⟨RLO⟩gnp.exe" and cannot pass for a PNG."""
    if not text or _BIDI.search(text) is None:
        return text
    return _BIDI.sub(lambda m: f"⟨{BIDI_NAMES[m.group()]}⟩", text)
