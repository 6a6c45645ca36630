"""Jinja2 templates for the postmortem, which users may replace with their own.

A file with the built-in template's name (postmortem.md.j2,
postmortem.html.j2, postmortem.qt.html.j2) in the directory passed in (the
user's config directory) wins over the built-in one. Templates receive `pm`
(a warroom.domain.postmortem.Postmortem) and a few renderer-specific values.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from warroom.domain.errors import ValidationError

BUILTIN_DIR = Path(__file__).resolve().parent / "templates"

Filters = tuple[tuple[str, Callable[..., Any]], ...]


@lru_cache(maxsize=16)
def _environment(template_dir: str | None, autoescape: bool, filters: Filters) -> jinja2.Environment:
    search = [template_dir] if template_dir else []
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(BUILTIN_DIR)], encoding="utf-8"),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,  # a user editing their template sees the change on the next export
    )
    environment.filters.update(dict(filters))
    return environment


def render_template(
    name: str,
    context: dict[str, Any],
    *,
    template_dir: Path | None = None,
    autoescape: bool = False,
    filters: Filters = (),
) -> str:
    """Render template `name`, the user's copy in `template_dir` first; a broken template is a ValidationError."""
    folder = str(Path(template_dir).expanduser().resolve()) if template_dir else None
    environment = _environment(folder, autoescape, filters)
    try:
        return environment.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as error:
        where = error.filename or name
        raise ValidationError(f"Template {where}, line {error.lineno}: {error.message}.") from None
    except jinja2.TemplateError as error:
        raise ValidationError(f"Template {name} could not be rendered: {error}.") from None


def template_source(name: str, template_dir: Path | None = None) -> Path:
    """Which file `name` comes from: the user's override or the built-in one."""
    if template_dir is not None and (Path(template_dir) / name).is_file():
        return Path(template_dir) / name
    return BUILTIN_DIR / name
