"""Postmortem renderers: Markdown, HTML, PDF (QtGui only) and the JSON archive.

Build the document with warroom.domain.postmortem.build_postmortem(record),
then render it; JSON works on the IncidentRecord itself, so that an import
restores the whole incident. Qt is imported only by chart and pdf, on use.
"""

from warroom.domain.scrub import scrub_secrets
from warroom.export.html import render_html, write_html
from warroom.export.json_export import FORMAT, VERSION, from_json, to_json
from warroom.export.markdown import render_markdown, write_markdown

__all__ = [
    "FORMAT",
    "VERSION",
    "from_json",
    "render_html",
    "render_markdown",
    "scrub_secrets",
    "to_json",
    "write_html",
    "write_markdown",
]
