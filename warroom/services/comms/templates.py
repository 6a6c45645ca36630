"""Audience templates: the built-in Markdown files, user copies kept in the store, file import/export."""

from __future__ import annotations

from pathlib import Path

from warroom.domain.comms import CommsAudience
from warroom.domain.comms_templates import unknown_placeholders
from warroom.domain.errors import ValidationError
from warroom.resources_path import resources_dir

MAX_TEMPLATE_CHARS = 20_000


def builtin_template(audience: CommsAudience) -> str:
    return (resources_dir() / "templates" / "updates" / f"{audience.value}.md").read_text(encoding="utf-8")


def read_template_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationError(f"No file at {path}.") from None
    except UnicodeDecodeError:
        raise ValidationError(f"{path.name} is not UTF-8 text: save it as UTF-8 Markdown.") from None
    except OSError as exc:
        raise ValidationError(f"{path.name} could not be read ({exc.strerror}).") from None
    return check_template(text)


def check_template(text: str) -> str:
    if not text.strip():
        raise ValidationError("The template is empty.")
    if len(text) > MAX_TEMPLATE_CHARS:
        raise ValidationError(f"The template is longer than {MAX_TEMPLATE_CHARS} characters.")
    unknown = unknown_placeholders(text)
    if unknown:
        raise ValidationError(f"The template uses unknown placeholders: {', '.join('{' + u + '}' for u in unknown)}.")
    return text
