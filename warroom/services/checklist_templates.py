"""The checklist template library: built-ins seeded once, user templates, Markdown in and out.

Built-ins are keyed by a UUIDv5 of their slug, so two laptops that seed offline create the
same rows and converge on sync instead of listing every built-in twice.
"""

from __future__ import annotations

import logging
import uuid
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from warroom.domain.checklist import Template, TemplateItem
from warroom.domain.checklist_markdown import (
    ParsedTemplate,
    normalize_template,
    parse_template_file,
    render_template_markdown,
)
from warroom.domain.errors import AmbiguousError, NotFoundError, ValidationError, must_exist
from warroom.domain.ids import is_id, new_id
from warroom.integrations.builtin_checklists import BuiltinTemplateFile, load_builtin_template_files
from warroom.services.context import ServiceContext
from warroom.store.uow import UnitOfWork

log = logging.getLogger("warroom.services")

_GONE = "That checklist template no longer exists (deleted on another laptop?)."
BUILTIN_NAMESPACE = uuid.UUID("5f0c3b7e-2a61-4f38-9d0e-7a5b1c2e9d41")
_SEEDED: weakref.WeakSet = weakref.WeakSet()  # stores whose built-ins are known to be present


def builtin_template_id(slug: str) -> str:
    """The same id for a built-in on every laptop, derived from its stable slug."""
    return str(uuid.uuid5(BUILTIN_NAMESPACE, f"warroom/checklists/{slug}"))


@dataclass(frozen=True)
class ImportedTemplate:
    template: Template
    ignored_lines: tuple[int, ...]  # 1-based lines of prose the import skipped


def _template(template_id: str, parsed: ParsedTemplate, builtin: bool) -> Template:
    return Template(template_id, parsed.name, parsed.description, tuple(parsed.items), builtin)


def _require_items(parsed: ParsedTemplate) -> ParsedTemplate:
    if not parsed.items:
        raise ValidationError(f"Template {parsed.name!r} has no items: add at least one.")
    return parsed


class TemplateLibrary:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- reading ----------------------------------------------------------------
    def templates(self) -> list[Template]:
        """Built-ins first, in the order people meet them, then the team's own by name."""
        self.ensure_builtins()
        order = {builtin_template_id(f.slug): n for n, f in enumerate(load_builtin_template_files())}
        with self.ctx.store.unit_of_work() as uow:
            found = uow.repos.checklists.templates()
        return sorted(found, key=lambda t: (order.get(t.id, len(order)), t.name.casefold(), t.id))

    def template(self, ref: str) -> Template:
        """Find a template by id, built-in slug ('rollback') or name, ignoring case."""
        wanted = " ".join((ref or "").split())
        if not wanted:
            raise ValidationError("Template is empty: give a template's name, slug or id.")
        templates = self.templates()
        slugs = {builtin_template_id(f.slug): f.slug for f in load_builtin_template_files()}
        for match in (
            lambda t: is_id(wanted) and t.id == wanted.lower(),
            lambda t: slugs.get(t.id, "").casefold() == wanted.casefold(),
            lambda t: t.name.casefold() == wanted.casefold(),
        ):
            hits = [t for t in templates if match(t)]
            if len(hits) == 1:
                return hits[0]
            if hits:
                ids = ", ".join(t.id for t in hits)
                raise AmbiguousError(
                    f"{len(hits)} templates are named {wanted!r} (made on two laptops "
                    f"while offline?); use an id: {ids}."
                )
        raise NotFoundError(f"No checklist template is called {wanted!r}; 'warroom checklist templates' lists them.")

    def export_template(self, ref: str) -> str:
        """The template as a Markdown task list; importing it gives the same template back."""
        found = self.template(ref)
        return render_template_markdown(found.name, found.description, found.items)

    # -- writing ----------------------------------------------------------------
    def create_template(self, name: str, description: str = "", items: Iterable[TemplateItem] = ()) -> Template:
        parsed = _require_items(normalize_template(name, description, items))
        return self._create(parsed)

    def import_template(self, data: bytes, *, file_name: str = "template.md") -> ImportedTemplate:
        """All or nothing: a refused file leaves the library unchanged."""
        source = PurePath(file_name).name or "template.md"
        raw = parse_template_file(data, source_name=source, fallback_name=PurePath(source).stem)
        parsed = normalize_template(raw.name, raw.description, raw.items)
        if any(t.name.casefold() == parsed.name.casefold() for t in self.templates()):
            raise ValidationError(
                f"{source}: a template named {parsed.name!r} exists already; change the "
                "file's '# ' heading to another name and import it again."
            )
        return ImportedTemplate(self._create(parsed), raw.ignored_lines)

    def update_template(
        self,
        template_id: str,
        *,
        name: str | None = None,
        description: str | None = None,
        items: Iterable[TemplateItem] | None = None,
    ) -> Template:
        current = self._editable(template_id, "changed")
        parsed = _require_items(
            normalize_template(
                current.name if name is None else name,
                current.description if description is None else description,
                current.items if items is None else items,
            )
        )
        with self.ctx.store.unit_of_work() as uow:
            self._check_name_free(uow, parsed.name, template_id)
            uow.repos.checklists.change_template(template_id, parsed.name, parsed.description, parsed.items)
            uow.commit()
            return must_exist(uow.repos.checklists.template(template_id), _GONE)

    def duplicate_template(self, ref: str, *, name: str | None = None) -> Template:
        """A user-owned copy (of a built-in too), named '<name> (copy)' unless told otherwise."""
        source = self.template(ref)
        new_name = name if name is not None else self._copy_name(source.name)
        return self._create(_require_items(normalize_template(new_name, source.description, source.items)))

    def delete_template(self, template_id: str) -> None:
        """Tombstone a user template; checklists already started from it stay as they are."""
        self._editable(template_id, "deleted")
        with self.ctx.store.unit_of_work() as uow:
            uow.repos.checklists.remove_template(template_id)
            uow.commit()

    def ensure_builtins(self) -> None:
        """Seed missing built-ins (idempotent); tombstoned ones are not brought back."""
        store = self.ctx.store
        if store in _SEEDED:
            return
        files = load_builtin_template_files()
        try:
            self._seed(files)
        except Exception:
            # Another process may have seeded the same ids at the same moment.
            if self._missing_builtins(files):
                raise
            log.info("built-in checklist templates were seeded concurrently")
        _SEEDED.add(store)

    # -- helpers ------------------------------------------------------------------
    def _seed(self, files: tuple[BuiltinTemplateFile, ...]) -> None:
        missing = self._missing_builtins(files)
        if not missing:
            return
        with self.ctx.store.unit_of_work() as uow:
            for entry in files:
                if builtin_template_id(entry.slug) in missing:
                    parsed = normalize_template(entry.template.name, entry.template.description, entry.template.items)
                    uow.repos.checklists.add_template(_template(builtin_template_id(entry.slug), parsed, True))
            uow.commit()
        log.info("seeded %d built-in checklist templates", len(missing))

    def _missing_builtins(self, files: tuple[BuiltinTemplateFile, ...]) -> set[str]:
        ids = {builtin_template_id(f.slug) for f in files}
        with self.ctx.store.unit_of_work() as uow:
            return ids - uow.repos.checklists.existing_template_ids(ids)

    def _create(self, parsed: ParsedTemplate) -> Template:
        self.ensure_builtins()
        template_id = new_id()
        with self.ctx.store.unit_of_work() as uow:
            self._check_name_free(uow, parsed.name, None)
            uow.repos.checklists.add_template(_template(template_id, parsed, False))
            uow.commit()
            return must_exist(uow.repos.checklists.template(template_id), _GONE)

    def _editable(self, template_id: str, verb: str) -> Template:
        self.ensure_builtins()
        with self.ctx.store.unit_of_work() as uow:
            found = uow.repos.checklists.template(template_id)
        if found is None:
            raise NotFoundError(_GONE)
        if found.builtin:
            raise ValidationError(
                f"The built-in template {found.name!r} cannot be {verb}; duplicate it and change the copy."
            )
        return found

    @staticmethod
    def _check_name_free(uow: UnitOfWork, name: str, own_id: str | None) -> None:
        for other in uow.repos.checklists.templates():
            if other.id != own_id and other.name.casefold() == name.casefold():
                raise ValidationError(f"Template name {name!r} is taken by another template; pick another name.")

    def _copy_name(self, name: str) -> str:
        taken = {t.name.casefold() for t in self.templates()}
        candidate, number = f"{name} (copy)", 2
        while candidate.casefold() in taken:
            candidate, number = f"{name} (copy {number})", number + 1
        return candidate
