"""The postmortem as one standalone HTML file: UTF-8, print styles, the chart inlined.

Everything from the record is autoescaped; the narrative fields are Markdown,
rendered with raw HTML switched off, so a pasted <script> shows as text.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from markdown_it import MarkdownIt
from markupsafe import Markup

from warroom.atomic_file import write_atomic
from warroom.domain.postmortem import Postmortem
from warroom.domain.safe_text import HTML_SHOWN, neutralise_bidi
from warroom.export.loader import render_template

TEMPLATE = "postmortem.html.j2"
_WEB_LINK = re.compile(r"^(https?|mailto|tel):[^\s\"'<>]+$", re.IGNORECASE)


def markdown_html(text: object) -> Markup:
    """User-written Markdown as safe HTML (no raw HTML passes through)."""
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(["table", "strikethrough"])
    return Markup(parser.render(str(text or "")))


def is_web_link(url: object) -> bool:
    """Only http(s) and mailto links become <a>; anything else (javascript:, ...) stays text."""
    return bool(_WEB_LINK.match(str(url or "")))


FILTERS = (("markdown", markdown_html), ("is_web_link", is_web_link))


def png_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def render_html(
    pm: Postmortem, template_dir: Path | None = None, *, chart_png: bytes | None = None, with_chart: bool = True
) -> str:
    """The postmortem as standalone HTML; the chart is drawn unless given or switched off."""
    if with_chart and chart_png is None and not pm.chart.empty:
        from warroom.export.chart import render_chart

        chart_png = render_chart(pm.chart)
    context = {"pm": pm, "chart_uri": png_data_uri(chart_png) if with_chart and chart_png else None}
    html = render_template(TEMPLATE, context, template_dir=template_dir, autoescape=True, filters=FILTERS)
    return neutralise_bidi(html, HTML_SHOWN)


def write_html(pm: Postmortem, path: Path, template_dir: Path | None = None) -> Path:
    path = Path(path)
    return write_atomic(path, render_html(pm, template_dir))
