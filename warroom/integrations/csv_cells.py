"""CSV cells a spreadsheet shows as text, and Warroom reads back unchanged.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is a
formula to Excel, LibreOffice and Google Sheets: `=HYPERLINK(...)` or
`=cmd|' /C calc'!A0` in a vendor's notes would run on the reader's machine.
As OWASP advises, such a cell is written with a leading `'`, which spreadsheets
take as "this is text". So that the marker itself can round-trip, a cell that
already begins with `'` followed by one of those characters (or another `'`)
gets one more. Bidirectional controls are written visibly as <U+202E> (a name
"invoice\u202egnp.exe" must not read as a PNG in a spreadsheet). `read_cell`
undoes exactly what `safe_cell` did.
"""

from __future__ import annotations

from warroom.domain.safe_text import neutralise_bidi, restore_bidi

FORMULA_START = frozenset("=+-@\t\r")
_MARK = "'"


def safe_cell(value: str) -> str:
    value = neutralise_bidi(value)
    if value[:1] in FORMULA_START or (value[:1] == _MARK and _is_marked(value)):
        return _MARK + value
    return value


def read_cell(value: str) -> str:
    value = value[1:] if _is_marked(value) else value
    return restore_bidi(value) if "<U+" in value else value


def _is_marked(value: str) -> bool:
    return value[:1] == _MARK and (value[1:2] in FORMULA_START or value[1:2] == _MARK) and len(value) > 1
