import json
from dataclasses import fields, is_dataclass, replace
from pathlib import Path

import pytest

from tests.unit.export.conftest import UNICODE_NAMES
from tests.unit.export.scenario_record import scenario_record
from warroom.domain.errors import ValidationError
from warroom.domain.postmortem import IncidentRecord
from warroom.domain.scrub import scrub_secrets
from warroom.export.json_export import FORMAT, VERSION, dumps, from_json, loads, read_json, to_json, write_json


def through_text(data: dict) -> dict:
    return json.loads(json.dumps(data, ensure_ascii=False))


def test_format_marker_and_whole_incident(record):
    data = to_json(record)
    assert (data["format"], data["version"]) == ("warroom-incident", 1) == (FORMAT, VERSION)
    assert data["incident"]["narrative"]["summary"].startswith("Release 4.12 broke")
    assert len(data["entries"]) == len(record.entries) == 21
    assert len(data["revisions"]) == 23  # one edit and one retraction add a revision each
    assert any(e["retracted"] for e in data["entries"]) and sum(e["starred"] for e in data["entries"]) == 6
    assert len(data["attempts"]) == 7 and data["attempts"][0]["outcome"] == "acknowledged"
    assert [i["state"] for i in data["checklists"][0]["items"]] == ["done", "done", "skipped", "open"]
    assert {a["kind"] for a in data["action_items"]} == {"corrective", "preventive"}
    assert data["action_items"][0]["due_date"] == "2014-01-31"
    assert [u["audience"] for u in data["status_updates"]] == ["internal", "external"]
    assert [d["name"] for d in data["duration_defs"]] == ["Correction time", "Lead time"]
    assert len(data["vendors"]) == 4 and len(data["contacts"]) == 10 and data["escalation_levels"]
    assert data["unreachable"][0]["reason"] == "annual leave until 2014-01-03"


def test_instants_are_iso_utc(record):
    data = to_json(record)
    assert data["incident"]["started_at"] == "2013-12-18T19:30:00Z"
    assert data["entries"][1]["occurred_at"] == "2013-12-19T06:40:00Z"
    assert data["checklists"][0]["items"][0]["done_at"] == "2013-12-19T06:56:00Z"


def test_round_trip_restores_exactly(record):
    restored = from_json(through_text(to_json(record)))
    assert restored == record
    assert [e.id for e in restored.entries] == [e.id for e in record.entries]
    assert restored.checklists[0].items[2].note == "Database migration is not reversible"
    assert restored.incident.started_at.tzinfo is not None


def test_export_import_export_is_identical(record):
    first = to_json(record)
    assert to_json(from_json(through_text(first))) == first


def test_text_file_round_trip_keeps_every_script(record, tmp_path: Path):
    path = write_json(record, tmp_path / "INC-7.json")
    text = path.read_text(encoding="utf-8")
    for name in UNICODE_NAMES:
        assert name in text  # written as UTF-8, not \\u escapes
    assert read_json(path) == record
    assert dumps(read_json(path)) == text


def test_an_ordinary_record_passes_the_secret_scrub_unchanged(record):
    def strings(value):
        if is_dataclass(value):
            for f in fields(value):
                yield from strings(getattr(value, f.name))
        elif isinstance(value, (tuple, list)):
            for item in value:
                yield from strings(item)
        elif isinstance(value, dict):
            yield from strings(tuple(value.values()))
        elif isinstance(value, str):
            yield value

    texts = list(strings(record))
    assert len(texts) > 300
    assert [t for t in texts if scrub_secrets(t) != t] == []


def test_the_archive_is_exact_by_default_and_masks_secrets_on_request(record):
    leaky = replace(record.action_items[0], tracker_url="https://tracker.example/NET-12?token=abc123secret")
    note = replace(record.attempts[0], note="paged via https://hooks.slack.com/services/T01/B02/zzzSECRETzzz")
    prose = replace(record.entries[0], text="Ran basic troubleshooting; Bearer instruments agreed")
    pasted = replace(
        record,
        action_items=(leaky,) + record.action_items[1:],
        attempts=(note,) + record.attempts[1:],
        entries=(prose,) + record.entries[1:],
    )
    assert from_json(to_json(pasted)) == pasted
    data = to_json(pasted, redact=True)
    assert data["entries"][0]["text"] == "Ran basic troubleshooting; Bearer instruments agreed"
    text = json.dumps(data)
    assert "abc123secret" not in text and "zzzSECRETzzz" not in text
    assert data["action_items"][0]["tracker_url"] == "https://tracker.example/NET-12?token=***"


def test_a_minimal_record_round_trips():
    minimal = IncidentRecord(scenario_record().incident)
    assert from_json(to_json(minimal)) == minimal


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "not a Warroom incident export"),
        ({"format": "something-else", "version": 1}, "not a Warroom incident export"),
        ({"format": "warroom-incident"}, "no valid 'version'"),
        ({"format": "warroom-incident", "version": 2}, "newer Warroom \\(format version 2\\)"),
    ],
)
def test_foreign_or_newer_files_are_refused(data, message):
    with pytest.raises(ValidationError, match=message):
        from_json(data)


def test_broken_fields_are_named(record):
    data = to_json(record)
    del data["entries"][2]["author"]
    with pytest.raises(ValidationError, match=r"^entries\[2\]: field 'author' is missing"):
        from_json(data)
    data = to_json(record)
    data["entries"][0]["occurred_at"] = "2013-12-18 19:30"
    with pytest.raises(
        ValidationError, match=r"entries\[0\]\.occurred_at: '2013-12-18 19:30' is not an ISO 8601 instant"
    ):
        from_json(data)
    data = to_json(record)
    data["attempts"][1]["outcome"] = "maybe"
    with pytest.raises(ValidationError, match=r"attempts\[1\]\.outcome: 'maybe' is not one of"):
        from_json(data)
    data = to_json(record)
    data["incident"]["number"] = "7"
    with pytest.raises(ValidationError, match=r"incident\.number: expected a whole number"):
        from_json(data)


def test_invalid_json_text_names_line_and_column():
    with pytest.raises(ValidationError, match=r"INC-7.json line 2, column 1: not valid JSON"):
        loads('{"format": "warroom-incident",\n}', "INC-7.json")


def test_non_utf8_file_is_refused(tmp_path: Path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"title": "Paracétamol"}'.encode("latin-1"))
    with pytest.raises(ValidationError, match="latin1.json is not UTF-8"):
        read_json(path)


def test_the_file_holds_one_record_a_line(record):
    lines = dumps(record).splitlines()
    assert lines[0] == "{" and lines[-1] == "}" and lines[1] == '  "format": "warroom-incident",'
    entry_lines = [line for line in lines if line.startswith('    {"id": ') and '"occurred_at"' in line]
    assert len(entry_lines) == len(record.entries) + len(record.revisions)
    assert json.loads("\n".join(lines)) == through_text(to_json(record))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    from warroom.export.json_export import read_json

    path = tmp_path / "huge.json"
    path.write_text("[" + "0," * 600 + "0]", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"huge\.json is 0 MB, larger than any Warroom incident export"):
        read_json(path, max_bytes=1000)
