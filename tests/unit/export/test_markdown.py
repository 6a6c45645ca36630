from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.unit.export.conftest import UNICODE_NAMES
from warroom.domain.errors import ValidationError
from warroom.domain.postmortem import build_postmortem
from warroom.export.markdown import cell, chart_path, md, render_markdown, write_markdown

SECTIONS = [
    "Summary",
    "Impact",
    "Severity and classification",
    "Timeline",
    "Durations",
    "Changes",
    "Root cause",
    "Resolution",
    "Workaround",
    "Vendor engagement",
    "Communication",
    "Roles",
    "Handovers",
    "Checklists",
    "What went wrong",
    "What went well",
    "Corrective and preventive actions",
    "Lessons learned",
]


def parse(text: str):
    return MarkdownIt("commonmark").enable("table").parse(text)


def inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (
            child.type == "html_inline" and child.content.lower().startswith("<br")
        ):
            parts.append("\n")
    return "".join(parts)


def headings(tokens, level: str) -> list[str]:
    return [inline_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == level]


def tables(tokens) -> list[list[list[str]]]:
    """Every table as rows of cell texts (header row first)."""
    found, rows, row = [], None, None
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            row = []
        elif token.type in ("td_open", "th_open"):
            row.append(inline_text(tokens[index + 1]))
        elif token.type == "tr_close":
            rows.append(row)
        elif token.type == "table_close":
            found.append(rows)
    return found


def all_text(tokens) -> str:
    return "\n".join(inline_text(t) for t in tokens if t.type == "inline")


@pytest.fixture(scope="module")
def document(postmortem):
    text = render_markdown(postmortem, chart_file="INC-7-timeline.png")
    return text, parse(text)


def test_sections_in_postmortem_order(document):
    _, tokens = document
    assert headings(tokens, "h1") == ["INC-7: Discharge handshakes lost after release 4.12 (Paracétamol orders too)"]
    assert headings(tokens, "h2") == SECTIONS


def test_summary_table_holds_the_key_facts(document):
    _, tokens = document
    facts = {row[0]: row[1] for row in tables(tokens)[0][1:]}
    assert facts["Incident commander"] == "Åsa Bergström"
    assert facts["Total impact"] == "8 d 20 h 10 min"
    assert facts["Started"] == "2013-12-18 20:30 CET (19:30 UTC)"


def test_timeline_table_survives_pipes_and_markup_in_entries(document):
    _, tokens = document
    timeline = next(t for t in tables(tokens) if t[0][0] == "UTC" and t[0][2] == "Kind")
    assert timeline[0] == ["UTC", "Europe/Stockholm", "Kind", "Author", "Entry", "Milestone", "Vendor / contact"]
    assert len(timeline) == 21 and all(len(row) == 7 for row in timeline)
    pharmacy = next(row for row in timeline if row[3] == "Ọlá Adéwálé")
    assert pharmacy[4] == "Pharmacy API rejects Paracétamol orders | columns * and _ stay literal; 東京 office informed"
    assert timeline[1][:2] == ["2013-12-18 19:30", "2013-12-18 20:30"] and timeline[1][5] == "started"
    assert timeline[3][:2] == ["06:55", "07:55"]
    edited = next(row for row in timeline if "42 scenarios" in row[4])
    assert edited[4].endswith("(edited)")
    assert timeline[-1][6] == ""


def test_durations_milestones_and_vendor_tables(document):
    _, tokens = document
    all_tables = tables(tokens)
    durations = next(t for t in all_tables if t[0][0] == "Duration")
    assert ["Correction time", "identified → resolved", "8 d 3 h 30 min", ""] in durations
    attempts = [t for t in all_tables if t[0][2:3] == ["Vendor's time"]]
    assert len(attempts) == 4
    assert [row[5] for row in attempts[3][1:]] == ["acknowledged", "no answer", "reached"]
    text = all_text(tokens)
    assert "Response time: 5 min — within SLA" in text
    assert "Paweł Wiśniewski at 2013-12-27 10:40 CET (09:40 UTC): annual leave until 2014-01-02" in text


def test_checklists_communication_and_actions(document):
    _, tokens = document
    all_tables = tables(tokens)
    checklist = next(t for t in all_tables if t[0][:3] == ["Section", "Item", "State"])
    assert [
        "First hour",
        "Roll back the release",
        "skipped",
        "Release team",
        "2013-12-19 08:30 CET (07:30 UTC)",
        "Database migration is not reversible",
    ] in checklist
    communication = next(t for t in all_tables if t[0][2:3] == ["Audience"])
    assert [row[2] for row in communication[1:]] == ["internal", "—", "external"]
    actions = next(t for t in all_tables if t[0][0] == "Kind")
    assert actions[1][1] == "Fix the handshake status mapping for Paracétamol | 東京 orders"
    assert actions[2][5] == "https://tracker.example/NET-12"


def test_narrative_markdown_is_kept_and_empty_fields_say_so(document):
    text, tokens = document
    assert "Wards used the fax procedure for **nine days**." in text
    assert any(t.type == "strong_open" for t in tokens if t.type == "inline" for t in t.children)
    assert "_Not written yet._" in text
    assert "- Nobody knew the firewall operator" in text


def test_unicode_survives(document):
    _, tokens = document
    text = all_text(tokens)
    for name in UNICODE_NAMES:
        assert name in text


def test_chart_is_linked(document):
    _, tokens = document
    images = [c for t in tokens if t.type == "inline" for c in t.children if c.type == "image"]
    assert [image.attrs["src"] for image in images] == ["INC-7-timeline.png"]


def test_empty_incident_says_so_in_every_section(empty_postmortem):
    text = render_markdown(empty_postmortem)
    for sentence in (
        "No timeline entries were recorded.",
        "No milestones were recorded, so no durations can be computed.",
        "No vendor was contacted.",
        "No communication was recorded.",
        "No checklist was used.",
        "No action items were recorded.",
    ):
        assert sentence in text
    assert text.count("Not written yet.") == 9
    assert headings(parse(text), "h2") == SECTIONS


def test_write_markdown_puts_the_chart_beside_it(postmortem, empty_postmortem, tmp_path: Path):
    md_path, png = write_markdown(postmortem, tmp_path / "INC-7 Åsa.md")
    assert png == tmp_path / "INC-7 Åsa-timeline.png" == chart_path(md_path)
    assert png.read_bytes().startswith(b"\x89PNG")
    text = md_path.read_text(encoding="utf-8")
    images = [c for t in parse(text) if t.type == "inline" for c in t.children if c.type == "image"]
    assert images[0].attrs["src"] == "INC-7%20%C3%85sa-timeline.png"
    _, none = write_markdown(empty_postmortem, tmp_path / "empty.md")
    assert none is None and "![" not in (tmp_path / "empty.md").read_text(encoding="utf-8")


def test_escaping_helpers():
    assert md("a*b_c`d<e>[f]|g") == r"a\*b\_c\`d\<e\>\[f\]\|g"
    assert cell("one\ntwo | three") == r"one<br>two \| three"
    assert md("AT&T &amp; co") == r"AT&T \&amp; co"
    tokens = parse("| h |\n|---|\n| " + cell("x | <b>y</b> &lt; \\z") + " |\n")
    assert tables(tokens)[0][1] == ["x | <b>y</b> &lt; \\z"]


def test_user_template_in_config_dir_wins(postmortem, tmp_path: Path):
    (tmp_path / "postmortem.md.j2").write_text(
        "Custom {{ pm.header.reference }} {{ pm.header.title | md }}\n", encoding="utf-8"
    )
    assert render_markdown(postmortem, tmp_path).startswith("Custom INC-7 Discharge")
    assert render_markdown(postmortem, tmp_path / "missing-dir").startswith("# INC-7")


def test_broken_user_template_is_a_validation_error(postmortem, tmp_path: Path):
    (tmp_path / "postmortem.md.j2").write_text("line one\n{% for x in %}\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"postmortem\.md\.j2, line 2"):
        render_markdown(postmortem, tmp_path)


def test_secrets_in_entries_do_not_reach_the_markdown(record):
    leaky = replace(record.entries[3], text="hub postgresql://ic:Sup3rSecret@hub.example/wr, Bearer abcdefgh1jklmnop")
    entries = record.entries[:3] + (leaky,) + record.entries[4:]
    text = render_markdown(build_postmortem(replace(record, entries=entries)))
    assert "Sup3rSecret" not in text and "abcdefgh1jklmnop" not in text
    assert "postgresql://ic:\\*\\*\\*@hub.example/wr" in text
