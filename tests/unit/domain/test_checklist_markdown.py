"""Markdown task lists <-> checklist templates: the canonical form, hand-written runbooks, refusals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warroom.domain.checklist import TemplateItem
from warroom.domain.checklist_markdown import (
    MAX_TEMPLATE_ITEMS,
    ParsedTemplate,
    normalize_template,
    parse_template_file,
    parse_template_markdown,
    render_template_markdown,
)
from warroom.domain.errors import ValidationError

CANONICAL = """\
# Åsa's runbook: 東京 DC down 🔥

Used when the Tokyo site stops answering.

Ask Paweł Wiśniewski or Ọlá Adéwálé first.

- [ ] Announce the outage in the team channel
  Hint: Link https://status.example.com/incidents?id=7&x=1 and run `kubectl get pods -n prod`

## الاتصال بالمورد

- [ ] اتصل بمدير المناوبة
  Hint: שלום — ask for the duty manager
- [ ] Check `deploy-42` **and** the one before last

## Verify

- [ ] Test every public host name
  Hint: www.example.com
  api.example.com

    curl -sI https://api.example.com/health
"""


def parse(text: str, **kwargs: object) -> ParsedTemplate:
    return parse_template_markdown(text, **kwargs)  # type: ignore[arg-type]


def rendered(template: ParsedTemplate) -> str:
    return render_template_markdown(template.name, template.description, template.items)


def test_canonical_file_parses_into_name_description_sections_items_and_hints() -> None:
    template = parse(CANONICAL)
    assert template.name == "Åsa's runbook: 東京 DC down 🔥"
    assert template.description == (
        "Used when the Tokyo site stops answering.\n\nAsk Paweł Wiśniewski or Ọlá Adéwálé first."
    )
    assert template.items == (
        TemplateItem(
            "",
            "Announce the outage in the team channel",
            "Link https://status.example.com/incidents?id=7&x=1 and run `kubectl get pods -n prod`",
        ),
        TemplateItem("الاتصال بالمورد", "اتصل بمدير المناوبة", "שלום — ask for the duty manager"),
        TemplateItem("الاتصال بالمورد", "Check `deploy-42` **and** the one before last", ""),
        TemplateItem(
            "Verify",
            "Test every public host name",
            "www.example.com\napi.example.com\n\n  curl -sI https://api.example.com/health",
        ),
    )
    assert template.ignored_lines == ()


def test_render_of_a_canonical_file_gives_the_same_text_back() -> None:
    assert rendered(parse(CANONICAL)) == CANONICAL


def test_hand_written_bullets_and_ticked_items_import_unticked() -> None:
    text = "# Runbook\n\n* [ ] Star item\n+ [ ] Plus item\n- [x] Done item\n- [X] Also done\n"
    template = parse(text)
    assert [item.text for item in template.items] == ["Star item", "Plus item", "Done item", "Also done"]
    assert rendered(template).count("- [ ] ") == 4
    assert "[x]" not in rendered(template).lower()


def test_without_an_h1_the_name_is_the_fallback_or_the_file_stem() -> None:
    text = "Some intro.\n\n- [ ] Do it\n"
    assert parse(text, source_name="/tmp/db-failover.md").name == "db-failover"
    assert parse(text, source_name="x.md", fallback_name="  Failover  ").name == "Failover"
    assert parse(text).description == "Some intro."


def test_every_deeper_heading_is_a_flat_section_and_bare_hashes_return_to_no_section() -> None:
    text = "# Name\n\n## Outer\n- [ ] a\n### Inner ###\n- [ ] b\n# Second H1\n- [ ] c\n##\n- [ ] d\n"
    sections = [item.section for item in parse(text).items]
    assert sections == ["Outer", "Inner", "Second H1", ""]


def test_closing_hashes_are_stripped_but_a_trailing_hash_in_a_name_survives() -> None:
    template = parse("# Ticket # ##\n\n## Use C#\n\n- [ ] Call\n")
    assert template.name == "Ticket #"
    assert template.items[0].section == "Use C#"
    assert parse(rendered(template)) == template


def test_wrapped_item_text_joins_and_hint_starts_at_hint_line_or_after_a_blank_line() -> None:
    text = (
        "# N\n\n"
        "- [ ] Read the logs of the service\n"
        "      and of the load balancer\n"
        "  HINT: first error, not the loudest\n"
        "- [ ] Lazy wrapped\n"
        "continuation line\n"
        "- [ ] Item\n\n"
        "  A note in its own paragraph\n"
        "  - a nested plain bullet is part of the note\n"
    )
    items = parse(text).items
    assert items[0] == TemplateItem(
        "", "Read the logs of the service and of the load balancer", "first error, not the loudest"
    )
    assert items[1].text == "Lazy wrapped continuation line"
    assert items[2].hint == "A note in its own paragraph\n- a nested plain bullet is part of the note"


def test_code_fences_hide_headings_and_task_markers() -> None:
    text = (
        "# Restart\n\nRun this:\n\n```bash\n# restart the service\n- [ ] not an item\n```\n\n"
        "## Steps\n\n```\n# shell comment\n- [ ] also not an item\n```\n\n- [ ] Real item\n"
    )
    template = parse(text)
    assert template.description == "Run this:\n\n```bash\n# restart the service\n- [ ] not an item\n```"
    assert template.items == (TemplateItem("Steps", "Real item", ""),)
    assert template.ignored_lines == (12, 13, 14, 15)
    assert parse(rendered(template)) == template


def test_prose_after_the_description_is_skipped_and_its_lines_reported() -> None:
    text = "# N\n\nIntro.\n\n## S\n\nRead this first.\n\n- [ ] a\n\n- plain bullet\n| a | table |\n"
    template = parse(text)
    assert template.description == "Intro."
    assert template.ignored_lines == (7, 11, 12)


def test_windows_line_endings_and_a_byte_order_mark_are_read() -> None:
    data = "\ufeff# Åsa\r\n\r\n- [ ] Ring Åsa\r\n  Hint: 東京\r\n".encode()
    assert parse_template_file(data) == ParsedTemplate("Åsa", "", (TemplateItem("", "Ring Åsa", "東京"),))


def test_a_file_without_task_items_is_refused_with_its_name() -> None:
    with pytest.raises(ValidationError) as raised:
        parse("# Notes\n\n- just a bullet\n\nSome text.\n", source_name="notes.md")
    assert str(raised.value) == "notes.md has no task items ('- [ ] …'): nothing to import."


@pytest.mark.parametrize(
    "text, line",
    [
        ("# N\n\n- [ ] Parent\n  - [ ] Child\n", 4),
        ("# N\n\n- [ ] Parent\n  Hint: x\n\n    - [ ] Deeper child\n", 6),
        ("# N\n\n- Group\n  - [ ] Child of a plain bullet\n", 4),
        ("# N\n\n1. Group\n\n   * [x] Child of a numbered item\n", 5),
    ],
)
def test_task_items_nested_under_list_items_are_refused_naming_the_line(text: str, line: int) -> None:
    with pytest.raises(ValidationError, match=rf"^runbook\.md line {line}: .*'## Section' headings"):
        parse(text, source_name="runbook.md")


def test_an_indented_task_that_is_not_under_a_list_item_is_a_top_level_item() -> None:
    assert parse("## S\n\n   - [ ] Indented\n").items == (TemplateItem("S", "Indented", ""),)


def test_an_item_without_text_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"^t\.md line 3: the task item has no text"):
        parse("# N\n\n- [ ]   \n", source_name="t.md")


def test_more_than_the_item_limit_is_refused_naming_the_limit_and_line() -> None:
    text = "# Big\n" + "".join(f"- [ ] step {n}\n" for n in range(MAX_TEMPLATE_ITEMS + 1))
    with pytest.raises(ValidationError, match=rf"^big\.md line {MAX_TEMPLATE_ITEMS + 2}: more than 2,000"):
        parse(text, source_name="big.md")
    assert len(parse(text.rsplit("- [ ]", 1)[0]).items) == MAX_TEMPLATE_ITEMS


def test_a_file_over_one_megabyte_is_refused() -> None:
    data = b"# Huge\n- [ ] a\n" + b"x" * (1024 * 1024)
    with pytest.raises(ValidationError, match=r"^huge\.md is 1\.0 MB, over the 1 MB limit"):
        parse_template_file(data, source_name="huge.md")
    with pytest.raises(ValidationError, match="over the 1 MB limit"):
        parse(data.decode())
    with pytest.raises(ValidationError, match="over the 1 MB limit"):
        parse("# Wide\n- [ ] " + "東" * 400_000)  # 1.2 MB of UTF-8 in 0.4 M characters


def test_bytes_that_are_not_utf8_name_line_and_column() -> None:
    data = b"# Vendors\n\n- [ ] Ring " + "Åsa".encode("latin-1") + b"\n"
    with pytest.raises(ValidationError) as raised:
        parse_template_file(data, source_name="vendors.md")
    assert str(raised.value) == (
        "vendors.md line 3, column 12: byte 0xC5 is not valid UTF-8; save the file as UTF-8 and import it again."
    )


def test_utf16_files_are_refused_with_a_hint() -> None:
    with pytest.raises(ValidationError, match="UTF-16; save it as UTF-8"):
        parse_template_file("# N\n- [ ] a\n".encode("utf-16"), source_name="n.md")


def test_render_escapes_lines_that_would_read_as_structure() -> None:
    items = (
        TemplateItem("", "First", "Hint: starts like a hint\n- [ ] looks like a task\n  \\- [ ] escaped already"),
        TemplateItem("Fix C #", "Second", ""),
        TemplateItem("", "Back to no section", ""),
    )
    description = "# not a name\n- [ ] not an item\n```\n# in a closed fence\n```\n~~~ unclosed"
    text = render_template_markdown("Name ##", description, items)
    assert "\n\\# not a name\n\\- [ ] not an item\n```\n# in a closed fence\n```\n\\~~~ unclosed\n" in text
    assert "\n##\n" in text and "## Fix C # #" in text and "# Name ## #" in text
    assert parse(text) == normalize_template("Name ##", description, items)


def test_render_refuses_a_template_it_could_not_read_back() -> None:
    with pytest.raises(ValidationError, match="Template name is empty"):
        render_template_markdown(" \n ", "", [TemplateItem("", "a")])
    with pytest.raises(ValidationError, match="Item 2 of template 'R' has no text"):
        render_template_markdown("R", "", [TemplateItem("", "a"), TemplateItem("S", "  ")])
    with pytest.raises(ValidationError, match="'R' has no items"):
        render_template_markdown("R", "", [])


def test_normalize_makes_single_trimmed_lines_and_trims_hints_and_descriptions() -> None:
    template = normalize_template(
        " Roll\nback ", "\n\n  Intro  \n\n", [TemplateItem(" S \r\n T ", " do\nit ", "\n  a  \n  b\n\n")]
    )
    assert template == ParsedTemplate("Roll back", "  Intro", (TemplateItem("S T", "do it", "a\n  b"),))


_TRICKY = st.text(alphabet=st.sampled_from(list("aZ #-*+[]xX`~\\:Hint\t\n\r 東Åé😀ש\u00a0\u3000\u2028")), max_size=24)
_ITEMS = st.lists(
    st.builds(TemplateItem, _TRICKY, _TRICKY.filter(lambda s: s.strip()), _TRICKY), min_size=1, max_size=5
)


@settings(max_examples=300, deadline=None)
@given(name=_TRICKY.filter(lambda s: s.strip()), description=_TRICKY, items=_ITEMS)
def test_any_template_survives_render_then_parse_in_canonical_form(
    name: str, description: str, items: list[TemplateItem]
) -> None:
    try:
        canonical = normalize_template(name, description, items)
    except ValidationError:
        return  # e.g. an item text made only of line breaks
    text = render_template_markdown(name, description, items)
    assert parse(text) == canonical
    assert rendered(parse(text)) == text
