"""Checklist templates as Markdown task lists, the format runbooks already live in.

What render writes (and parse reads back unchanged):

    # Template name

    Free description text, any number of paragraphs.

    - [ ] An item before any section (its section is "")

    ## Section

    - [ ] Item text, one line
      Hint: first hint line, may hold links, `code` and any Unicode
      further hint lines are indented two spaces

Parse also reads looser hand-written runbooks:
- The first `#` heading names the template (else fallback_name, else the file's stem).
- Every other heading (`##` to `######`, and a second `#`) starts a section. Checklists have one
  level of sections, so `### Detail` is a section of its own. A bare `##` returns to section "".
- `- [ ]`, `* [ ]`, `+ [ ]` and ticked `[x]` items are accepted; a template is always unticked.
- An item's first paragraph (wrapped lines included) is its text; its hint is everything else
  indented under it, starting at a line `Hint: ...` or after a blank line.
- Prose between the name and the first item or section is the description. Prose further down
  that is not under an item is skipped; ParsedTemplate.ignored_lines names those lines.
- Refused: no task items, a task item indented under another list item, more than 1 MB or
  more than 2,000 items, bytes that are not UTF-8 (parse_template_file).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath

from warroom.domain.checklist import TemplateItem
from warroom.domain.errors import ValidationError

MAX_TEMPLATE_BYTES = 1024 * 1024
MAX_TEMPLATE_ITEMS = 2000

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TASK = re.compile(r"^[ \t]*[-*+][ \t]+\[[ xX]\](?:[ \t]+(?P<text>.*))?$")
_BULLET = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_HEADING = re.compile(r"^ {0,3}(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*$")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+$")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_HINT_PREFIX = re.compile(r"hint:[ \t]?", re.IGNORECASE)
# Lines that would be read as structure get one backslash on render, which parse removes.
_TASK_MARK = r"[-*+][ \t]+\[[ xX]\](?:[ \t]|$)"
_DESCRIPTION_MARKS = rf"(?:{_TASK_MARK}|#{{1,6}}(?:[ \t]|$)|`{{3,}}|~{{3,}})"
_HINT_MARKS = rf"(?:{_TASK_MARK})"


@dataclass(frozen=True)
class ParsedTemplate:
    name: str
    description: str
    items: tuple[TemplateItem, ...]
    # 1-based line numbers of prose that was skipped; not part of the template's value.
    ignored_lines: tuple[int, ...] = field(default=(), compare=False)


def parse_template_file(
    data: bytes, *, source_name: str = "template.md", fallback_name: str | None = None
) -> ParsedTemplate:
    """Parse the bytes of a Markdown file; refuses files that are too big or not UTF-8."""
    _check_size(len(data), source_name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(f"{source_name} is saved as UTF-16; save it as UTF-8 and import it again.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - data.rfind(b"\n", 0, error.start)
        raise ValidationError(
            f"{source_name} line {line}, column {column}: byte 0x{data[error.start]:02X} is not "
            "valid UTF-8; save the file as UTF-8 and import it again."
        ) from None
    return parse_template_markdown(text, source_name=source_name, fallback_name=fallback_name)


def parse_template_markdown(
    text: str, *, source_name: str = "template.md", fallback_name: str | None = None
) -> ParsedTemplate:
    """Read a Markdown task list into a template (see the module docstring for the format)."""
    if len(text) > MAX_TEMPLATE_BYTES:
        _check_size(len(text), source_name)
    _check_size(len(text.encode("utf-8", "surrogatepass")), source_name)
    parser = _Parser(source_name)
    for number, line in enumerate(_LINE_BREAK.split(text.removeprefix("\ufeff")), start=1):
        parser.feed(number, line)
    return parser.finish(_one_line(fallback_name or "") or PurePath(source_name).stem or "Checklist")


def render_template_markdown(name: str, description: str, items: Iterable[TemplateItem]) -> str:
    """Write a template as canonical Markdown; parse_template_markdown reads it back unchanged."""
    template = normalize_template(name, description, items)
    if not template.items:
        raise ValidationError(f"Template {template.name!r} has no items: add at least one before exporting it.")
    lines = [_heading_line(1, template.name), ""]
    if template.description:
        lines += _render_description(template.description) + [""]
    section = ""
    for item in template.items:
        if item.section != section:
            if lines[-1]:
                lines.append("")
            lines += [_heading_line(2, item.section), ""]
            section = item.section
        lines += _render_item(item)
    return "\n".join(lines) + "\n"


def normalize_template(name: str, description: str, items: Iterable[TemplateItem]) -> ParsedTemplate:
    """The canonical form of a template, exactly what a Markdown round trip gives back.

    Names, sections and item texts become one trimmed line; descriptions and hints lose
    trailing spaces and blank lines at either end. Services can store this form so that export
    and re-import give identical templates.
    """
    clean_name = _one_line(name)
    if not clean_name:
        raise ValidationError("Template name is empty: give the template a name, e.g. 'Rollback'.")
    clean_items = tuple(_normalize_item(clean_name, n, item) for n, item in enumerate(items, start=1))
    if len(clean_items) > MAX_TEMPLATE_ITEMS:
        raise ValidationError(
            f"Template {clean_name!r} has {len(clean_items):,} items; a template holds at most {MAX_TEMPLATE_ITEMS:,}."
        )
    return ParsedTemplate(clean_name, _canonical_description(description), clean_items)


def _normalize_item(template_name: str, number: int, item: TemplateItem) -> TemplateItem:
    text = _one_line(item.text)
    if not text:
        raise ValidationError(f"Item {number} of template {template_name!r} has no text: write what to do.")
    return TemplateItem(_one_line(item.section), text, _canonical_hint(item.hint))


def _check_size(size: int, source_name: str) -> None:
    if size > MAX_TEMPLATE_BYTES:
        raise ValidationError(
            f"{source_name} is {size / MAX_TEMPLATE_BYTES:.1f} MB, over the 1 MB limit for a checklist "
            "template; split it into smaller templates."
        )


def _one_line(text: str | None) -> str:
    return " ".join(part.strip() for part in _LINE_BREAK.split(text or "")).strip()


def _canonical_hint(hint: str | None) -> str:
    return "\n".join(line.rstrip() for line in _LINE_BREAK.split(hint or "")).strip()


def _canonical_description(description: str | None) -> str:
    lines = [line.rstrip() for line in _LINE_BREAK.split(description or "")]
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines).rstrip("\n")


def _escape(line: str, marks: str) -> str:
    match = re.match(rf"^([ \t]*)(\\*{marks})", line)
    return f"{match[1]}\\{line[len(match[1]) :]}" if match else line


def _unescape(line: str, marks: str) -> str:
    match = re.match(rf"^([ \t]*)\\(\\*{marks})", line)
    return match[1] + line[len(match[1]) + 1 :] if match else line


def _heading_line(level: int, text: str) -> str:
    closing = " #" if _CLOSING_HASHES.search(text) else ""
    return "#" * level + (f" {text}" if text else "") + closing


def _heading_text(match: re.Match[str]) -> str:
    return _CLOSING_HASHES.sub("", match["text"] or "").strip()


def _render_item(item: TemplateItem) -> list[str]:
    lines = [f"- [ ] {item.text}"]
    if item.hint:
        first, *rest = item.hint.split("\n")
        lines.append(f"  Hint: {first}")
        lines += [f"  {_escape(line, _HINT_MARKS)}" if line else "" for line in rest]
    return lines


def _render_description(description: str) -> list[str]:
    lines = description.split("\n")
    in_code = _fenced_lines(lines)
    return [line if code else _escape(line, _DESCRIPTION_MARKS) for line, code in zip(lines, in_code)]


def _fenced_lines(lines: list[str]) -> list[bool]:
    """Which lines belong to a closed code fence (an unclosed opener is plain text)."""
    fenced = [False] * len(lines)
    start = 0
    while start < len(lines):
        opener = _FENCE.match(lines[start])
        close = _closing_fence(lines, start, opener["fence"]) if opener else None
        if close is None:
            start += 1
            continue
        fenced[start : close + 1] = [True] * (close + 1 - start)
        start = close + 1
    return fenced


def _closing_fence(lines: list[str], opener_index: int, fence: str) -> int | None:
    for index in range(opener_index + 1, len(lines)):
        if _closes(fence, lines[index]):
            return index
    return None


def _closes(fence: str, line: str) -> bool:
    match = _FENCE.match(line)
    return (
        match is not None
        and match["fence"][0] == fence[0]
        and len(match["fence"]) >= len(fence)
        and (not line.strip().strip(fence[0]))
    )


def _indent_width(line: str) -> int:
    leading = line[: len(line) - len(line.lstrip(" \t"))]
    return len(leading.expandtabs(4))


def _dedent(line: str, width: int) -> str:
    removed = 0
    while removed < len(line) and line[removed] in " \t" and len(line[:removed].expandtabs(4)) < width:
        removed += 1
    return line[removed:]


def _starts_block(line: str) -> bool:
    return bool(_HEADING.match(line) or _TASK.match(line) or _BULLET.match(line) or _FENCE.match(line))


@dataclass
class _OpenItem:
    section: str
    text: str
    hint_lines: list[str] = field(default_factory=list)
    hint_indent: int | None = None  # set when the hint starts
    blank_lines: int = 0

    def take_indented(self, line: str, indent: int) -> None:
        if self.hint_indent is not None:
            content = _unescape(_dedent(line, self.hint_indent), _HINT_MARKS)
            self.hint_lines += [""] * self.blank_lines + [content]
        else:
            content = line.strip()
            prefix = _HINT_PREFIX.match(content)
            if self.blank_lines == 0 and prefix is None and not _starts_block(content):
                self.text += " " + content  # a wrapped line of the item's first paragraph
            else:
                self.hint_indent = indent
                self.hint_lines.append(content[prefix.end() :] if prefix else content)
        self.blank_lines = 0

    def take_lazy(self, line: str) -> None:
        """An unindented line right under the item continues its paragraph (Markdown's lazy rule)."""
        if self.hint_indent is not None:
            self.hint_lines.append(line.strip())
        else:
            self.text += " " + line.strip()

    def finish(self) -> TemplateItem:
        return TemplateItem(self.section, self.text, _canonical_hint("\n".join(self.hint_lines)))


class _Parser:
    def __init__(self, source_name: str) -> None:
        self.source_name = source_name
        self.name: str | None = None
        self.section = ""
        self.in_body = False  # past the description: at the first item or section
        self.description: list[str] = []
        self.items: list[TemplateItem] = []
        self.item: _OpenItem | None = None
        self.fence: str | None = None
        self.in_plain_list = False
        self.ignored: list[int] = []

    def feed(self, number: int, line: str) -> None:
        if self.fence is not None:
            if _closes(self.fence, line):
                self.fence = None
            self._prose(number, line)
        elif (self.item is not None and self._continues_item(number, line)) or (
            self.in_plain_list and self._continues_plain_list(number, line)
        ):
            return
        else:
            self._block(number, line)

    def finish(self, fallback_name: str) -> ParsedTemplate:
        self._close_item()
        if not self.items:
            raise ValidationError(f"{self.source_name} has no task items ('- [ ] …'): nothing to import.")
        name = self.name or fallback_name
        return ParsedTemplate(name, self._final_description(), tuple(self.items), tuple(self.ignored))

    def _continues_item(self, number: int, line: str) -> bool:
        item = self.item
        assert item is not None
        if not line.strip():
            item.blank_lines += 1
            return True
        indent = _indent_width(line)
        if indent >= 2:
            if _TASK.match(line):
                raise self._nested(number)
            item.take_indented(line, indent)
            return True
        if item.blank_lines == 0 and not _starts_block(line):
            item.take_lazy(line)
            return True
        self._close_item()
        return False

    def _continues_plain_list(self, number: int, line: str) -> bool:
        if line.strip() and _indent_width(line) < 2:
            self.in_plain_list = False
            return False
        if _TASK.match(line):
            raise self._nested(number)
        self._prose(number, line)
        return True

    def _block(self, number: int, line: str) -> None:
        if fence := _FENCE.match(line):
            self.fence = fence["fence"]
        elif heading := _HEADING.match(line):
            return self._heading(len(heading["hashes"]), _heading_text(heading))
        elif task := _TASK.match(line):
            return self._start_item(number, (task["text"] or "").strip())
        elif _BULLET.match(line):
            self.in_plain_list = True
        self._prose(number, line)

    def _heading(self, level: int, text: str) -> None:
        if level == 1 and self.name is None:
            self.name = text or None
            return
        self.section = text
        self.in_body = True

    def _start_item(self, number: int, text: str) -> None:
        if not text:
            raise ValidationError(
                f"{self.source_name} line {number}: the task item has no text; write what to do after '- [ ] '."
            )
        if len(self.items) >= MAX_TEMPLATE_ITEMS:
            raise ValidationError(
                f"{self.source_name} line {number}: more than {MAX_TEMPLATE_ITEMS:,} task items; a checklist "
                "template holds at most 2,000, so split the file into smaller templates."
            )
        self._close_item()
        self.item = _OpenItem(self.section, text)
        self.in_body = True

    def _close_item(self) -> None:
        if self.item is not None:
            self.items.append(self.item.finish())
            self.item = None

    def _prose(self, number: int, line: str) -> None:
        if not self.in_body:
            self.description.append(line.rstrip())
        elif line.strip():
            self.ignored.append(number)

    def _nested(self, number: int) -> ValidationError:
        return ValidationError(
            f"{self.source_name} line {number}: a task item is nested under another list item, but a "
            "checklist has one level of items; group items with '## Section' headings instead."
        )

    def _final_description(self) -> str:
        lines = [line.rstrip() for line in self.description]
        fenced = _fenced_lines(lines)
        unescaped = [text if code else _unescape(text, _DESCRIPTION_MARKS) for text, code in zip(lines, fenced)]
        return _canonical_description("\n".join(unescaped))
