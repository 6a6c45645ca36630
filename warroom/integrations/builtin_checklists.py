"""The built-in checklist templates shipped as Markdown files under resources/checklists."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from warroom.domain.checklist_markdown import ParsedTemplate, parse_template_file
from warroom.domain.errors import WarroomError
from warroom.resources_path import resource

# The order people meet them in: during the outage, then the follow-ups, then the aftermath.
BUILTIN_TEMPLATE_FILES: tuple[str, ...] = (
    "production-down-first-15-minutes.md",
    "rollback.md",
    "vendor-escalation.md",
    "before-release-near-holiday.md",
    "closing-incident-postmortem.md",
)


@dataclass(frozen=True)
class BuiltinTemplateFile:
    slug: str  # the file name without .md, stable across releases: use it to key built-ins
    template: ParsedTemplate


def builtin_checklists_dir() -> Traversable:
    """The resources' checklists folder (see warroom.resources_path)."""
    folder = resource("checklists")
    if folder.is_dir():
        return folder
    raise WarroomError(f"The built-in checklist templates are missing (looked in {folder}); reinstall Warroom.")


def load_builtin_templates(directory: Traversable | None = None) -> tuple[ParsedTemplate, ...]:
    """Every built-in template, the five standard ones first in BUILTIN_TEMPLATE_FILES order."""
    return tuple(entry.template for entry in load_builtin_template_files(directory))


def load_builtin_template_files(directory: Traversable | None = None) -> tuple[BuiltinTemplateFile, ...]:
    """Like load_builtin_templates, with each template's slug (file name without .md)."""
    if directory is None:
        return _load_default()
    return _load(directory)


@functools.cache
def _load_default() -> tuple[BuiltinTemplateFile, ...]:
    return _load(builtin_checklists_dir())


def _load(directory: Traversable) -> tuple[BuiltinTemplateFile, ...]:
    present = {e.name: e for e in directory.iterdir() if e.name.endswith(".md") and e.is_file()}
    missing = [name for name in BUILTIN_TEMPLATE_FILES if name not in present]
    if missing:
        raise WarroomError(f"Built-in checklist template {missing[0]} is missing from {directory}; reinstall Warroom.")
    extra = sorted(name for name in present if name not in BUILTIN_TEMPLATE_FILES)
    return tuple(_read(present[name]) for name in (*BUILTIN_TEMPLATE_FILES, *extra))


def _read(entry: Traversable) -> BuiltinTemplateFile:
    slug = entry.name.removesuffix(".md")
    return BuiltinTemplateFile(slug, parse_template_file(entry.read_bytes(), source_name=entry.name))
