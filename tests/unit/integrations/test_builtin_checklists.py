"""The built-in runbooks: present, in order, canonical Markdown, and found from a checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from warroom.domain.checklist_markdown import parse_template_markdown, render_template_markdown
from warroom.domain.errors import WarroomError
from warroom.integrations.builtin_checklists import (
    BUILTIN_TEMPLATE_FILES,
    builtin_checklists_dir,
    load_builtin_template_files,
    load_builtin_templates,
)

REPO_CHECKLISTS = Path(__file__).resolve().parents[3] / "resources" / "checklists"
EXPECTED_NAMES = [
    "Production down: the first 15 minutes",
    "Rollback",
    "Vendor escalation",
    "Before a release near a holiday",
    "Closing the incident and writing the postmortem",
]


def test_the_five_builtin_templates_load_in_the_stable_order() -> None:
    templates = load_builtin_templates()
    assert [t.name for t in templates[:5]] == EXPECTED_NAMES
    assert [f.slug for f in load_builtin_template_files()[:5]] == [
        name.removesuffix(".md") for name in BUILTIN_TEMPLATE_FILES
    ]


def test_from_a_checkout_the_repo_resources_folder_is_used() -> None:
    assert Path(str(builtin_checklists_dir())) == REPO_CHECKLISTS


@pytest.mark.parametrize("file_name", sorted(p.name for p in REPO_CHECKLISTS.glob("*.md")))
def test_every_shipped_file_is_canonical_markdown_and_round_trips_losslessly(file_name: str) -> None:
    text = (REPO_CHECKLISTS / file_name).read_text(encoding="utf-8")
    template = parse_template_markdown(text, source_name=file_name)
    again = render_template_markdown(template.name, template.description, template.items)
    assert again == text
    assert parse_template_markdown(again) == template
    assert template.ignored_lines == ()


@pytest.mark.parametrize("template", load_builtin_templates(), ids=lambda t: t.name)
def test_every_builtin_has_a_description_sections_and_hints(template) -> None:  # type: ignore[no-untyped-def]
    assert template.description
    assert len({item.section for item in template.items}) >= 3
    assert len(template.items) >= 10
    assert sum(1 for item in template.items if item.hint) >= len(template.items) // 2
    assert len({item.text for item in template.items}) == len(template.items)


def test_the_runbooks_hold_the_steps_the_stories_ask_for() -> None:
    texts = {t.name: " ".join(f"{i.text} {i.hint}" for i in t.items).lower() for t in load_builtin_templates()}
    production_down = texts["Production down: the first 15 minutes"]
    for phrase in (
        "screenshot",
        "incident commander",
        "scribe",
        "logs",
        "more eyes",
        "one before last",
        "revert",
        "status page",
        "vendor directory",
    ):
        assert phrase in production_down
    for phrase in (
        "older than the first faulty change",
        "two deployments back",
        "migrations",
        "every public host name",
        "record the time",
    ):
        assert phrase in texts["Rollback"]
    for phrase in ("not on the diagram", "reachable now", "ticket number", "escalat", "duty manager", "in writing"):
        assert phrase in texts["Vendor escalation"]
    for phrase in (
        "days after",
        "reachable",
        "packet inspection",
        "in production",
        "end to end",
        "bedtime mode",
        "rollback plan",
    ):
        assert phrase in texts["Before a release near a holiday"]
    for phrase in ("users", "final", "milestones", "vendor engagement", "owner and a due date", "blameless", "export"):
        assert phrase in texts["Closing the incident and writing the postmortem"]


def test_a_directory_missing_a_standard_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "rollback.md").write_text("# Rollback\n\n- [ ] Go\n", encoding="utf-8")
    with pytest.raises(WarroomError, match="production-down-first-15-minutes.md is missing"):
        load_builtin_templates(tmp_path)


def test_extra_files_follow_the_standard_five_sorted_by_name(tmp_path: Path) -> None:
    for name in BUILTIN_TEMPLATE_FILES:
        (tmp_path / name).write_bytes((REPO_CHECKLISTS / name).read_bytes())
    (tmp_path / "zz-dns.md").write_text("# DNS 東京\n\n- [ ] Check the TTL\n", encoding="utf-8")
    (tmp_path / "aa-certs.md").write_text("# Certificates\n\n- [ ] Check expiry\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a template", encoding="utf-8")
    files = load_builtin_template_files(tmp_path)
    assert [f.slug for f in files[5:]] == ["aa-certs", "zz-dns"]
    assert files[6].template.name == "DNS 東京"


def test_an_installed_package_prefers_its_own_resources_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    packaged = tmp_path / "warroom" / "resources" / "checklists"
    packaged.mkdir(parents=True)
    monkeypatch.setattr("warroom.resources_path.PACKAGE_DIR", tmp_path / "warroom")
    assert Path(str(builtin_checklists_dir())) == packaged
