"""The postmortem as Markdown: CommonMark with GFM tables, the chart as a PNG beside it.

Pastes into Confluence, Notion and GitHub. Text from the record is escaped so
that a pipe, an asterisk or an angle bracket in an entry stays literal and
never breaks a table; the narrative fields are Markdown already and go in as
written, except raw HTML (escaped) and javascript:/data: link targets (made
inert). Only http, https, mailto and tel URLs become links, and bidirectional
controls (U+202E...) are shown as <U+202E> so they cannot reorder the text.
"""

from __future__ import annotations

import re
from pathlib import Path

from warroom.atomic_file import write_atomic
from warroom.domain.postmortem import Postmortem
from warroom.domain.safe_text import neutralise_bidi
from warroom.export.loader import render_template

TEMPLATE = "postmortem.md.j2"
CHART_SUFFIX = "-timeline.png"

_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_NEWLINES = re.compile(r"\r\n|\r|\n")
# only these become links: javascript:, data:, file: and the rest stay text
_SAFE_URL = re.compile(r"^(?:https?://|mailto:|tel:)[^\s<>]+$", re.IGNORECASE)
# raw HTML in user-written Markdown: a tag, comment or declaration opener that is not an autolink
_RAW_HTML = re.compile(r"<(?!(?:https?://|mailto:|tel:)[^\s<>]*>)(?=[A-Za-z/!?])", re.IGNORECASE)
# an inline link or image whose target uses a scheme that runs code or embeds data
_UNSAFE_TARGET = re.compile(r"(\]\(\s*<?)(?=(?:javascript|vbscript|data|file):)", re.IGNORECASE)


# str.translate escapes a 10,000-row timeline several times faster than re.sub with a template
_ESCAPES = {ord(c): "\\" + c for c in "\\`*_[]<>|~#"}


def _escaped(text: object) -> str:
    value = str(text or "").translate(_ESCAPES)
    return _ENTITY_LIKE.sub(r"\\&", value) if "&" in value else value


def md(text: object) -> str:
    """Inline text with every Markdown-active character escaped; line breaks kept as hard breaks."""
    escaped = _escaped(text)
    return _NEWLINES.sub("\\\n", escaped) if "\n" in escaped or "\r" in escaped else escaped


def cell(text: object) -> str:
    """A GFM table cell: escaped like `md`, with line breaks as <br> so the row stays one line."""
    escaped = _escaped(text)
    return _NEWLINES.sub("<br>", escaped) if "\n" in escaped or "\r" in escaped else escaped


def block(text: object) -> str:
    """User-written Markdown (narrative fields), trimmed; kept as written except raw HTML
    (`<script>` is shown as text) and link targets such as javascript: (made inert)."""
    value = str(text or "").strip()
    if "<" in value:
        value = _RAW_HTML.sub("&lt;", value)
    if "](" in value:
        value = _UNSAFE_TARGET.sub(r"\1unsafe-", value)
    return value


def link(url: object) -> str:
    """An autolink for a URL that can be one; otherwise the escaped text."""
    value = str(url or "").strip()
    if not value:
        return ""
    if _SAFE_URL.match(value):
        return "<" + value.replace("|", "%7C") + ">"
    return cell(value)


FILTERS = (("md", md), ("cell", cell), ("block", block), ("link", link))


def render_markdown(pm: Postmortem, template_dir: Path | None = None, *, chart_file: str | None = None) -> str:
    """The postmortem as Markdown; `chart_file` is the PNG's file name when one is written beside it."""
    context = {"pm": pm, "chart_file": chart_file}
    return neutralise_bidi(render_template(TEMPLATE, context, template_dir=template_dir, filters=FILTERS))


def chart_path(path: Path) -> Path:
    """Where write_markdown puts the chart: 'INC-7.md' -> 'INC-7-timeline.png'."""
    return path.with_name(path.stem + CHART_SUFFIX)


def write_markdown(pm: Postmortem, path: Path, template_dir: Path | None = None) -> tuple[Path, Path | None]:
    """Write the Markdown to `path` and the chart beside it; returns (markdown path, chart path or None)."""
    from warroom.export.chart import render_chart

    path = Path(path)
    png: Path | None = None
    if not pm.chart.empty:
        png = chart_path(path)
        write_atomic(png, render_chart(pm.chart))
    text = render_markdown(pm, template_dir, chart_file=png.name if png else None)
    write_atomic(path, text)
    return path, png
