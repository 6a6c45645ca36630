"""Filling an audience's Markdown template from the incident's record.

Choices a reader should know:
- Placeholders are `{name}` for the names in PLACEHOLDERS only; any other brace is left as
  typed, so a template can show JSON or `{braces}` without escaping.
- The next update for an audience starts from the previous one: its text is reused and only
  the "Next update" line is brought forward, so a commander edits what changed, not everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

PLACEHOLDERS: tuple[str, ...] = (
    "title",
    "reference",
    "severity",
    "status",
    "impact",
    "started",
    "what_we_know",
    "what_we_are_doing",
    "vendors",
    "next_update_at",
)

_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
_NEXT_LINE = re.compile(r"^(.*next update.*?:\s*).*$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class DraftFacts:
    """What a draft says, gathered from the record by the service."""

    title: str
    reference: str
    severity: str
    status: str
    impact: str
    started_at: datetime
    what_we_know: str
    what_we_are_doing: str
    vendors: tuple[tuple[str, str], ...]  # (vendor name, its state in this incident)
    next_update_at: datetime | None


def format_instant(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value is not None else "when there is news"


def _values(facts: DraftFacts) -> dict[str, str]:
    vendors = "\n".join(f"- {name}: {state}" for name, state in facts.vendors) or "- none engaged"
    return {
        "title": facts.title,
        "reference": facts.reference,
        "severity": facts.severity,
        "status": facts.status,
        "impact": facts.impact or "Being assessed.",
        "started": format_instant(facts.started_at),
        "what_we_know": facts.what_we_know or "Being investigated.",
        "what_we_are_doing": facts.what_we_are_doing or "Investigating.",
        "vendors": vendors,
        "next_update_at": format_instant(facts.next_update_at),
    }


def fill_template(template: str, facts: DraftFacts) -> str:
    values = _values(facts)
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template).strip() + "\n"


def continue_previous(previous: str, facts: DraftFacts) -> str:
    """The previous update's text with its "Next update ...:" line brought forward."""
    when = format_instant(facts.next_update_at)
    text, count = _NEXT_LINE.subn(lambda m: m.group(1) + when, previous.strip(), count=1)
    if not count:
        text += f"\n\nNext update: {when}"
    return text + "\n"


def unknown_placeholders(template: str) -> list[str]:
    """Names in braces that look like placeholders but are not ones we fill (for a warning)."""
    found = set(re.findall(r"\{([a-z_]+)\}", template))
    return sorted(found - set(PLACEHOLDERS))
