"""Text that cannot hurt its reader: control characters and bidirectional overrides.

- `control_character_at` finds the first C0 control (other than tab and newline),
  DEL or C1 control in a field, so an import can refuse it with its column.
- `neutralise_bidi` makes the bidirectional controls (U+202A-U+202E, U+2066-U+2069,
  U+200E/U+200F, U+061C) visible as `<U+202E>`: "invoice\u202egnp.exe" must not read as
  a PNG in an export or in the window.
- `for_terminal` removes controls a terminal would obey (escape sequences, carriage
  returns, bells) and neutralises bidi, for anything echoed to stdout or stderr.
"""

from __future__ import annotations

import re

HTML_SHOWN = "&lt;U+{:04X}&gt;"
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
# C0 except tab and newline, DEL, and C1 (0x80-0x9F, which some terminals obey as escapes)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_character_at(text: str) -> int | None:
    """The 0-based index of the first forbidden control character, or None."""
    found = _CONTROL.search(text)
    return found.start() if found else None


def describe_character(char: str) -> str:
    names = {"\x00": "NUL", "\x1b": "ESC", "\r": "carriage return", "\x7f": "DEL"}
    return f"U+{ord(char):04X}" + (f" ({names[char]})" if char in names else "")


def neutralise_bidi(text: str, shown: str = "<U+{:04X}>") -> str:
    """Bidirectional controls shown as <U+XXXX> so they cannot reorder what follows.

    HTML passes shown="&lt;U+{:04X}&gt;" (a bare <U+202E> would parse as a tag)."""
    if not text:
        return text
    return _BIDI.sub(lambda m: shown.format(ord(m.group())), text)


_SHOWN_BIDI = re.compile("<U\\+(" + "|".join(f"{ord(c):04X}" for c in sorted(BIDI_CONTROLS)) + ")>")


def restore_bidi(text: str) -> str:
    """The inverse of neutralise_bidi (for Warroom's own CSV read back)."""
    return _SHOWN_BIDI.sub(lambda m: chr(int(m.group(1), 16)), text)


def for_terminal(text: str) -> str:
    """Without escape sequences, bells or carriage returns; bidi controls made visible."""
    if not text:
        return text
    return neutralise_bidi(_TERMINAL_CONTROL.sub("", text))
