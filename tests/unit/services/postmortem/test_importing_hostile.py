"""Hostile incident archives: each refused with the field or id at fault, nothing written."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from tests.unit.services.postmortem_fixture import fixed_ctx, rich_incident
from warroom.domain.errors import ValidationError
from warroom.services.postmortem.service import PostmortemService


@pytest.fixture
def archive(ctx, tmp_path: Path):
    """A store holding a rich incident, and that incident's archive as data."""
    ctx = fixed_ctx(ctx)
    incident = rich_incident(ctx)
    [path] = PostmortemService(ctx).export(incident.id, "json", tmp_path / "INC-1.json")
    return ctx, incident, json.loads(path.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data, name: str = "hostile.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _import(ctx, path: Path, **options):
    before = ctx.store.outbox_size()
    try:
        return PostmortemService(ctx).import_file(path, **options)
    finally:
        if "as_new" not in options:
            assert ctx.store.outbox_size() == before


def test_entry_ids_of_another_incident_are_named_with_their_owner(archive, tmp_path):
    ctx, incident, data = archive
    data["incident"]["id"] = str(uuid.uuid4())
    entry_id = data["entries"][0]["id"]
    with pytest.raises(ValidationError) as info:
        _import(ctx, _write(tmp_path, data))
    assert str(info.value) == (
        f"hostile.json: entry {entry_id} already belongs to INC-1 '{incident.title}'; import into a new store "
        "or use --as-new to give the imported incident fresh ids."
    )


def test_as_new_imports_a_copy_beside_the_original(archive, tmp_path):
    ctx, incident, data = archive
    result = _import(ctx, _write(tmp_path, data), as_new=True)
    assert result.incident.id != incident.id and result.incident.title == incident.title
    copy = PostmortemService(ctx).record(result.incident.id)
    original = PostmortemService(ctx).record(incident.id)
    assert [e.text for e in copy.entries] == [e.text for e in original.entries]
    assert not {e.id for e in copy.entries} & {e.id for e in original.entries}
    assert {i.entry_id for i in copy.action_items if i.entry_id} <= {e.id for e in copy.entries}


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("entries"), "hostile.json: The incident export has no 'entries'"),
        (lambda d: d["incident"].update(id="INC-4"), r"incident\.id: 'INC-4' is not an id"),
        (
            lambda d: d["entries"][3].update(occurred_at="0001-01-01T00:00:00Z"),
            r"entries\[3\]\.occurred_at: .* outside",
        ),
        (lambda d: d["entries"][1].update(text="a\x00b"), r"entries\[1\]\.text: holds the control character U\+0000"),
        (lambda d: d["entries"].append(dict(d["entries"][0])), r"entries\[\d+\]: the entry id .* appears twice"),
    ],
    ids=["no-entries", "id-not-uuid", "year-0001", "nul", "twice"],
)
def test_broken_archives_name_the_field(archive, tmp_path, mutate, message):
    ctx, _incident, data = archive
    data["incident"]["id"] = str(uuid.uuid4())
    for key in ("entries", "revisions", "attempts", "checklists", "action_items", "status_updates", "duration_defs"):
        for item in data[key]:
            item["id"] = str(uuid.uuid4())  # no collision with the original: only the fault remains
    mutate(data)
    with pytest.raises(ValidationError, match=message):
        _import(ctx, _write(tmp_path, data))


def test_a_deeply_nested_file_is_one_sentence(ctx, tmp_path):
    path = _write(tmp_path, "[" * 200_000 + "]" * 200_000, "deep.json")
    with pytest.raises(ValidationError, match="deep.json: the JSON is nested too deeply"):
        _import(ctx, path)
