"""The template library: seeded built-ins, user templates, Markdown import and export."""

import pytest

from warroom.domain.checklist import TemplateItem
from warroom.domain.checklist_markdown import parse_template_markdown
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.integrations.builtin_checklists import load_builtin_template_files
from warroom.services.checklist_templates import builtin_template_id
from warroom.services.checklists import ChecklistService
from warroom.services.context import ServiceContext
from warroom.store.store import Store

RUNBOOK = """# Pharmacy API: non-ASCII names

Runbook for the 東京 pharmacy API. Owner: Ọlá Adéwálé.

## Reproduce

- [ ] Search for "Paracétamol" and "Åkerbär 🍓"
  Hint: see https://example.org/runbook#unicode
- [ ] Check the logs for UnicodeEncodeError

## Tell people

* [x] Post in #incident (العربية / עברית welcome)
"""

ITEMS = (TemplateItem("Before", "Read the logs", "grep for `ERROR`"), TemplateItem("", "Get more eyes"))


def _library(ctx) -> ChecklistService:
    return ChecklistService(ctx)


def test_builtins_are_seeded_once_with_ids_from_their_slugs(any_ctx):
    library = _library(any_ctx)
    names = [t.name for t in library.templates()]
    assert names == [
        "Production down: the first 15 minutes",
        "Rollback",
        "Vendor escalation",
        "Before a release near a holiday",
        "Closing the incident and writing the postmortem",
    ]
    slugs = [f.slug for f in load_builtin_template_files()]
    assert [t.id for t in library.templates()] == [builtin_template_id(s) for s in slugs]
    assert all(t.builtin for t in library.templates())
    again = Store(any_ctx.store.url)  # a second process on the same store seeds nothing more
    try:
        assert len(ChecklistService(ServiceContext(again, "Paweł")).templates()) == 5
    finally:
        again.close()
    assert any_ctx.store.outbox_size() == 5
    assert library.template("ROLLBACK").name == "Rollback"
    assert library.template(builtin_template_id("rollback")).name == "Rollback"
    assert library.template("vendor-escalation").name == "Vendor escalation"


def test_builtin_ids_are_stable_across_releases():
    # Changing this id would list every built-in twice on a team with mixed versions.
    assert builtin_template_id("rollback") == "3056de6c-2a1c-5bf0-919e-6b20d039ff03"
    assert builtin_template_id("rollback") != builtin_template_id("vendor-escalation")


def test_every_builtin_exports_and_reimports_losslessly(ctx):
    library = _library(ctx)
    for template in library.templates():
        markdown = library.export_template(template.id)
        parsed = parse_template_markdown(markdown)
        assert (parsed.name, parsed.description, parsed.items) == (template.name, template.description, template.items)
        copy = library.duplicate_template(template.id, name=f"{template.name} — ours")
        exported = library.export_template(copy.id)
        library.delete_template(copy.id)
        again = library.import_template(exported.encode("utf-8"), file_name="ours.md").template
        assert (again.name, again.description, again.items) == (copy.name, copy.description, copy.items)
        assert library.export_template(again.id) == exported


def test_user_templates_create_edit_duplicate_delete(ctx):
    library = _library(ctx)
    mine = library.create_template("  Åsa's\nDB failover ", "Line one\n\nline two  ", ITEMS)
    assert mine.name == "Åsa's DB failover" and mine.description == "Line one\n\nline two"
    assert mine.items == ITEMS and not mine.builtin
    renamed = library.update_template(
        mine.id, name="DB failover (Paweł)", items=ITEMS + (TemplateItem("After", "Write it down ✍️"),)
    )
    assert renamed.name == "DB failover (Paweł)" and len(renamed.items) == 3
    assert renamed.description == mine.description
    copy = library.duplicate_template("db failover (PAWEŁ)")
    assert copy.name == "DB failover (Paweł) (copy)" and copy.items == renamed.items and copy.id != mine.id
    assert library.duplicate_template(mine.id).name == "DB failover (Paweł) (copy 2)"
    rollback = library.duplicate_template("rollback", name="Our rollback")
    assert not rollback.builtin and rollback.items == library.template("Rollback").items
    library.delete_template(mine.id)
    with pytest.raises(NotFoundError):
        library.template(mine.id)
    assert [t.name for t in library.templates()][5:] == [
        "DB failover (Paweł) (copy 2)",
        "DB failover (Paweł) (copy)",
        "Our rollback",
    ]


def test_builtins_cannot_be_changed_or_deleted_and_names_stay_unique(ctx):
    library = _library(ctx)
    rollback = library.template("rollback")
    with pytest.raises(ValidationError, match="built-in template 'Rollback' cannot be deleted; duplicate"):
        library.delete_template(rollback.id)
    with pytest.raises(ValidationError, match="cannot be changed"):
        library.update_template(rollback.id, name="Mine")
    with pytest.raises(ValidationError, match="Template name 'rollback' is taken"):
        library.create_template("rollback", "", ITEMS)
    with pytest.raises(ValidationError, match="has no items"):
        library.create_template("Empty", "", ())
    with pytest.raises(ValidationError, match="Template name is empty"):
        library.create_template(" \n", "", ITEMS)
    assert len(library.templates()) == 5


def test_import_reads_a_hand_written_runbook(ctx):
    library = _library(ctx)
    imported = library.import_template(RUNBOOK.encode("utf-8"), file_name="/runbooks/pharmacy.md")
    template = imported.template
    assert template.name == "Pharmacy API: non-ASCII names"
    assert template.description == "Runbook for the 東京 pharmacy API. Owner: Ọlá Adéwálé."
    assert [(i.section, i.text) for i in template.items] == [
        ("Reproduce", 'Search for "Paracétamol" and "Åkerbär 🍓"'),
        ("Reproduce", "Check the logs for UnicodeEncodeError"),
        ("Tell people", "Post in #incident (العربية / עברית welcome)"),
    ]
    assert template.items[0].hint == "see https://example.org/runbook#unicode"
    assert imported.ignored_lines == ()
    nameless = library.import_template(b"- [ ] Only item\n", file_name="night-patch.md")
    assert nameless.template.name == "night-patch"
    exported = library.export_template(template.name)
    library.delete_template(template.id)
    again = library.import_template(exported.encode(), file_name="x.md").template
    assert (again.name, again.description, again.items) == (template.name, template.description, template.items)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"# Notes\n\nJust prose, no tasks.\n", "runbook.md has no task items"),
        (b"- [ ] Outer\n  - [ ] Inner\n", "runbook.md line 2: a task item is nested"),
        (b"- [ ] x\n" + b"a" * (1024 * 1024 + 1), "over the 1 MB limit"),
        (b"- [ ] Caf\xe9\n", "runbook.md line 1, column 10: byte 0xE9 is not valid UTF-8"),
        (b"# Rollback\n- [ ] Again\n", "runbook.md: a template named .Rollback. exists already"),
    ],
)
def test_bad_imports_leave_the_library_unchanged(ctx, data, message):
    library = _library(ctx)
    before = library.templates()
    outbox = ctx.store.outbox_size()
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
        library.import_template(data, file_name="runbook.md")
    assert library.templates() == before and ctx.store.outbox_size() == outbox


def test_unknown_template_names_the_listing_command(ctx):
    with pytest.raises(NotFoundError, match="No checklist template is called 'Firewall'.*checklist templates"):
        _library(ctx).export_template("Firewall")
    with pytest.raises(ValidationError, match="Template is empty"):
        _library(ctx).template("  ")
