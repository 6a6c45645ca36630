import base64
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.unit.export.conftest import UNICODE_NAMES
from tests.unit.export.test_markdown import SECTIONS
from warroom.domain.postmortem import build_postmortem
from warroom.export.html import render_html, write_html


class Page(HTMLParser):
    """Collects what a reader sees: text, headings, tables, images, links, tags."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, dict]] = []
        self.headings: dict[str, list[str]] = {"h1": [], "h2": [], "h3": []}
        self.tables: list[list[list[str]]] = []
        self.texts: list[str] = []
        self._heading: str | None = None
        self._cell: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.append((tag, dict(attrs)))
        if tag in self.headings:
            self._heading = tag
            self.headings[tag].append("")
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == self._heading:
            self._heading = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        self.texts.append(data)
        if self._heading:
            self.headings[self._heading][-1] += data
        if self._cell is not None:
            self._cell.append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def table(self, first_header: str, column: int = 0) -> list[list[str]]:
        return next(t for t in self.tables if t and len(t[0]) > column and t[0][column] == first_header)


@pytest.fixture(scope="module")
def html_text(postmortem) -> str:
    return render_html(postmortem)


@pytest.fixture(scope="module")
def page(html_text) -> Page:
    return Page(html_text)


def test_standalone_utf8_with_print_styles(html_text, page):
    assert html_text.startswith("<!DOCTYPE html>")
    assert ("meta", {"charset": "utf-8"}) in page.attrs
    assert "@media print" in html_text and "break-before: page" in html_text
    assert "link" not in page.tags and "script" not in page.tags
    sources = [a.get("src", "") for tag, a in page.attrs if tag == "img"]
    assert len(sources) == 1 and sources[0].startswith("data:image/png;base64,")
    assert base64.b64decode(sources[0].split(",", 1)[1]).startswith(b"\x89PNG")
    assert "http://" not in html_text.replace("https://tracker.example", "")


def test_sections_and_title(page):
    assert [h.strip() for h in page.headings["h1"]] == [
        "Discharge handshakes lost after release 4.12 (Paracétamol orders too)"
    ]
    assert [h.strip() for h in page.headings["h2"]] == SECTIONS
    assert [h.strip() for h in page.headings["h3"]][:4] == [
        "Kronan Datacenter AB",
        "Integra Meddelande AB",
        "Nordvik Nät AB",
        "Baltic Perimeter Sp. z o.o.",
    ]


def test_facts_timeline_and_durations(page):
    facts = {row[0]: row[1] for row in page.tables[0]}
    assert facts["Severity"] == "SEV1" and facts["Resolved"] == "2013-12-27 16:40 CET (15:40 UTC)"
    timeline = page.table("UTC", 0)
    assert timeline[0] == ["UTC", "Europe/Stockholm", "Kind", "Author", "Entry", "Milestone", "Vendor / contact"]
    assert len(timeline) == 21
    pharmacy = next(row for row in timeline if row[3] == "Ọlá Adéwálé")
    assert pharmacy[4] == "Pharmacy API rejects Paracétamol orders | columns * and _ stay literal; 東京 office informed"
    assert timeline[1][4] == "★ Release 4.12 deployed to production; smoke tests green"
    durations = page.table("Duration")
    assert ["Time to acknowledge", "detected → acknowledged", "15 min", ""] in durations


def test_vendor_engagement_and_the_rest(page):
    text = page.text
    assert "within SLA" in text and "annual leave until 2014-01-03" in text
    attempts = [t for t in page.tables if t[0][2:3] == ["Vendor's time"]]
    assert [row[3] for row in attempts[1][1:]] == ["Åsa Bergström", "Support desk"]
    checklist = page.table("Section")
    assert checklist[4][2] == "left open"
    actions = page.table("Kind")
    assert actions[2][0] == "preventive" and actions[2][2] == "Paweł Wiśniewski"
    assert ("a", {"href": "https://tracker.example/NET-12"}) in page.attrs


def test_unicode_survives(page):
    for name in UNICODE_NAMES:
        assert name in page.text


def test_record_text_is_escaped_and_narrative_markdown_is_safe(record):
    hostile = replace(record.entries[3], text='<script>alert("x")</script> & <b>bold</b>')
    narrative = dict(record.incident.narrative, workaround="Use **fax**. <img src=x onerror=alert(1)>")
    evil_action = replace(record.action_items[0], tracker_url="javascript:alert(1)")
    changed = replace(
        record,
        entries=record.entries[:3] + (hostile,) + record.entries[4:],
        incident=replace(record.incident, narrative=narrative),
        action_items=(evil_action,) + record.action_items[1:],
    )
    page = Page(render_html(build_postmortem(changed), with_chart=False))
    assert "script" not in page.tags and "onerror" not in str(page.attrs)
    assert '<script>alert("x")</script> & <b>bold</b>' in page.text
    assert "strong" in page.tags and "<img src=x onerror=alert(1)>" in page.text
    assert not any(tag == "a" and a.get("href", "").startswith("javascript") for tag, a in page.attrs)


def test_empty_incident(empty_postmortem):
    page = Page(render_html(empty_postmortem))
    assert "img" not in page.tags
    for sentence in (
        "No timeline entries were recorded.",
        "No vendor was contacted.",
        "No milestones were recorded, so no durations can be computed.",
        "No action items were recorded.",
    ):
        assert sentence in page.text
    assert page.text.count("Not written yet.") == 9


def test_write_html_and_user_template(postmortem, tmp_path: Path):
    path = write_html(postmortem, tmp_path / "INC-7.html")
    assert Page(path.read_text(encoding="utf-8")).headings["h2"][0] == "Summary"
    (tmp_path / "postmortem.html.j2").write_text("<p>{{ pm.header.title }} <i>{{ '<x>' }}</i></p>", encoding="utf-8")
    custom = render_html(postmortem, tmp_path, with_chart=False)
    assert custom == "<p>Discharge handshakes lost after release 4.12 (Paracétamol orders too) <i>&lt;x&gt;</i></p>"
