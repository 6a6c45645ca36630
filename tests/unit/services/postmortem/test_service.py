"""PostmortemService: the record from the store, the postmortem, and exports to every format."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from markdown_it import MarkdownIt

from tests.unit.services.postmortem_fixture import fixed_ctx, rich_incident
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.export.json_export import from_json
from warroom.services.postmortem.service import PostmortemService


@pytest.fixture
def made(any_ctx):
    ctx = fixed_ctx(any_ctx)
    return PostmortemService(ctx), rich_incident(ctx)


@pytest.fixture
def sqlite_made(ctx):
    ctx = fixed_ctx(ctx)
    return PostmortemService(ctx), rich_incident(ctx)


def test_record_holds_the_whole_incident(made):
    service, incident = made
    record = service.record(incident.id)
    assert record.incident.id == incident.id and record.incident.narrative["went_well"].startswith("Åsa")
    assert len(record.entries) == 29 and sum(e.retracted for e in record.entries) == 1
    assert len(record.revisions) == len(record.entries) + 2  # one edit, one retraction
    assert {e.text for e in record.entries if e.starred} >= {
        "Emergency fix deployed to staging: passes all 42 scenarios",
        "Pharmacy API rejects Paracétamol orders | 東京 office informed",
    }
    assert [v.name for v in record.vendors] == [
        "Baltic Perimeter Sp. z o.o.",
        "Integra Meddelande AB",
        "Kronan Datacenter AB",
        "Nordvik Nät AB",
    ]
    assert len(record.contacts) == 10 and len(record.escalation_levels) == 10
    assert [a.outcome.value for a in record.attempts].count("no answer") == 2 and len(record.attempts) == 7
    assert len(record.checklists) == 1 and [i.state.value for i in record.checklists[0].items[:2]] == [
        "done",
        "skipped",
    ]
    assert len(record.action_items) == 4 and len(record.status_updates) == 3 and len(record.duration_defs) == 2


def test_unreachable_contacts_say_why_from_their_calendars(made):
    service, incident = made
    record = service.record(incident.id)
    notes = {n.contact_name: n for n in record.unreachable}
    assert set(notes) == {"Åsa Bergström", "Paweł Wiśniewski"}
    assert notes["Åsa Bergström"].reason == "Föräldraledig through 2014-01-06"  # her ICS leave
    assert notes["Åsa Bergström"].vendor_name == "Integra Meddelande AB"
    assert notes["Paweł Wiśniewski"].reason == "Annual leave through 2014-01-02"
    # the absences those reasons come from travel with the record; the others stay home
    assert sorted(a.reason for a in record.absences) == ["Annual leave", "Föräldraledig"]


def test_postmortem_sections_come_from_the_record(made):
    service, incident = made
    pm = service.postmortem(incident.id)
    assert pm.header.reference == incident.reference and pm.header.zone == "Europe/Stockholm"
    assert len(pm.timeline.rows) == 28  # the retracted entry is left out
    baltic = next(v for v in pm.vendors.vendors if v.name.startswith("Baltic"))
    assert [u.contact for u in baltic.unreachable] == ["Paweł Wiśniewski"]
    assert (baltic.sla, baltic.verdict) == ("30 min", "SLA missed by 20 min")  # ticket 10:30, reached 11:20
    assert [r.name for r in pm.durations.rows if r.custom] == [
        "Lead time (cause identified to fix in production)",
        "Correction time (firewall found to package whole)",
    ]
    integra = next(v for v in pm.vendors.vendors if v.name.startswith("Integra"))
    assert [a.contact for a in integra.attempts] == ["Åsa Bergström", "Support desk"]  # named by the entry
    # three status updates (each also logged on the timeline) and one message typed on the timeline
    assert [(c.audience, c.channel) for c in pm.communications.rows] == [
        ("internal", "Regional healthcare IT mailing list"),
        ("", "timeline"),
        ("external", "Care home partner portal"),
        ("internal", "Regional healthcare IT mailing list"),
    ]
    starred = service.postmortem(incident.id, starred_only=True)
    assert {r.text for r in starred.timeline.rows} == {
        "Emergency fix deployed to staging: passes all 42 scenarios",
        "Pharmacy API rejects Paracétamol orders | 東京 office informed",
    }
    tokyo = service.postmortem(incident.id, zone="Asia/Tokyo")
    assert tokyo.header.zone == "Asia/Tokyo" and tokyo.header.started.startswith("2013-12-19 04:30 JST")


def test_markdown_export_writes_the_chart_beside_it(sqlite_made, tmp_path: Path):
    service, incident = sqlite_made
    md_path, png = service.export(incident.id, "md", tmp_path / "INC-1.md")
    assert png == tmp_path / "INC-1-timeline.png" and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = md_path.read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    for section in (
        "Summary",
        "Timeline",
        "Durations",
        "Vendor engagement",
        "Communication",
        "Checklists",
        "Corrective and preventive actions",
        "Lessons learned",
    ):
        assert section in headings
    assert "](INC-1-timeline.png)" in text and "![Incident timeline" in text
    assert "Föräldraledig through 2014-01-06" in text and "Paweł Wiśniewski" in text
    assert "Pharmacy API rejects Paracétamol orders \\| 東京 office informed" in text  # the pipe stays literal
    assert "Teach the pharmacy API Paracétamol" in text


def test_html_and_json_exports(sqlite_made, tmp_path: Path):
    service, incident = sqlite_made
    [html_path] = service.export(incident.id, "html", tmp_path / "INC-1.html", starred_only=True)
    html = html_path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "data:image/png;base64," in html and "@media print" in html
    assert "The 2 starred entries of 28" in html and "Two system administrators" not in html
    [json_path] = service.export(incident.id, "json", tmp_path / "INC-1.json")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["format"] == "warroom-incident" and len(data["revisions"]) == 31
    assert from_json(data) == service.record(incident.id)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_export_reads_back(sqlite_made, tmp_path: Path):
    service, incident = sqlite_made
    [pdf_path] = service.export(incident.id, "pdf", tmp_path / "INC-1.pdf")
    assert pdf_path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for needle in (
        "Vendor engagement",
        "Föräldraledig through 2014-01-06",
        "Paracétamol",
        "Ọlá Adéwálé",
        "Åsa Bergström",
        "Lessons learned",
        "Page 1 of",
    ):
        assert needle in text


def test_unknown_format_and_unwritable_paths_are_refused(sqlite_made, tmp_path: Path):
    service, incident = sqlite_made
    with pytest.raises(ValidationError, match=r"Unknown export format 'docx': use md, html, pdf or json\."):
        service.export(incident.id, "docx", tmp_path / "x.docx")
    with pytest.raises(ValidationError, match="the folder .*nowhere does not exist"):
        service.export(incident.id, "md", tmp_path / "nowhere" / "x.md")
    with pytest.raises(ValidationError, match="is a folder: give a file name"):
        service.export(incident.id, "pdf", tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ValidationError, match="is a file, not a folder"):
        service.export(incident.id, "html", blocker / "x.html")
    with pytest.raises(NotFoundError):
        service.export("0190a000-0000-7000-8000-00000000dead", "md", tmp_path / "x.md")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("warroom.sqlite")) == ["a-file"]


def test_user_templates_win_and_a_broken_one_writes_nothing(sqlite_made, tmp_path: Path, monkeypatch):
    service, incident = sqlite_made
    templates = tmp_path / "config" / "templates"
    templates.mkdir(parents=True)
    monkeypatch.setenv("WARROOM_CONFIG_DIR", str(tmp_path / "config"))
    (templates / "postmortem.md.j2").write_text(
        "# {{ pm.header.reference }} für {{ pm.header.commander }}\n", encoding="utf-8"
    )
    [md_path, _png] = service.export(incident.id, "md", tmp_path / "mine.md")
    assert md_path.read_text(encoding="utf-8") == f"# {incident.reference} für Incident commander\n"
    (templates / "postmortem.html.j2").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"Template .*postmortem.html.j2, line 1"):
        service.export(incident.id, "html", tmp_path / "broken.html")
    assert not (tmp_path / "broken.html").exists()


def test_an_export_replaces_an_existing_file_whole(sqlite_made, tmp_path: Path):
    service, incident = sqlite_made
    target = tmp_path / "INC-1.html"
    target.write_text("old", encoding="utf-8")
    service.export(incident.id, "html", target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_an_incident_with_nothing_recorded_still_exports(ctx, tmp_path: Path):
    from warroom.services.incidents import IncidentService

    ctx = fixed_ctx(ctx)
    bare = IncidentService(ctx).open("Nothing logged yet for 東京", "SEV4")
    service = PostmortemService(ctx)
    record = service.record(bare.id)
    assert record.entries == () and record.vendors == () and record.unreachable == ()
    assert service.export(bare.id, "md", tmp_path / "bare.md") == [tmp_path / "bare.md"]  # no chart to draw
    text = (tmp_path / "bare.md").read_text(encoding="utf-8")
    for sentence in (
        "No timeline entries were recorded.",
        "No vendor was contacted.",
        "No checklist was used.",
        "No action items were recorded.",
        "Not written yet.",
    ):
        assert sentence in text


def test_preview_is_rich_text_with_the_chart_and_a_capped_timeline(sqlite_made):
    service, incident = sqlite_made
    preview = service.preview(incident.id, rows=5)
    assert preview.chart_png and preview.chart_png[:4] == b"\x89PNG" and preview.chart_url in preview.html
    assert (preview.shown_entries, preview.total_entries) == (5, 28)
    assert "This preview shows the first 5 of 28 entries; the exported file has them all." in preview.html
    assert service.record(incident.id, revisions=False).revisions == ()
