"""Exports that cannot hurt their reader: raw HTML, unsafe links and bidi controls from user text."""

from __future__ import annotations

from dataclasses import replace

from markdown_it import MarkdownIt

from warroom.domain.postmortem import build_postmortem
from warroom.export.html import render_html
from warroom.export.markdown import render_markdown

SPOOF = "invoice\u202egnp.exe"


def _hostile(record):
    narrative = dict(
        record.incident.narrative,
        summary="Outage <script>alert('x')</script> in [the portal](javascript:alert(1)) <img src=x onerror=y>",
    )
    item = replace(record.action_items[0], tracker_url="javascript:alert(document.cookie)", text=f"Rename {SPOOF}")
    other = replace(record.action_items[1], tracker_url="data:text/html;base64,PHNjcmlwdD4=")
    entry = replace(record.entries[0], text=f"Attachment {SPOOF} received")
    return replace(
        record,
        incident=replace(record.incident, narrative=narrative),
        action_items=(item, other) + record.action_items[2:],
        entries=(entry,) + record.entries[1:],
    )


def test_markdown_escapes_raw_html_and_links_only_safe_schemes(record):
    text = render_markdown(build_postmortem(_hostile(record)))
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    assert "<script" not in rendered and "<img" not in rendered
    assert 'href="javascript:' not in rendered and 'href="data:' not in rendered
    assert "<javascript:" not in text and "<data:" not in text
    assert "&lt;script>" in text


def test_bidi_controls_are_visible_in_markdown_and_html(record):
    pm = build_postmortem(_hostile(record))
    markdown, html = render_markdown(pm), render_html(pm, with_chart=False)
    assert "\u202e" not in markdown + html
    assert "invoice<U+202E>gnp.exe" in markdown
    assert "invoice&lt;U+202E&gt;gnp.exe" in html and "<U+202E>" not in html
