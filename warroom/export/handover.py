"""A shift-handover brief as Markdown, as rich text (the window's preview) and as PDF (QtGui only)."""

from __future__ import annotations

from pathlib import Path

from warroom.domain.handover import HandoverBrief
from warroom.export.loader import render_template
from warroom.export.markdown import FILTERS


def _when(brief: HandoverBrief) -> str:
    return f"{brief.built_at:%Y-%m-%d %H:%M} UTC"


def render_brief_markdown(brief: HandoverBrief, template_dir: Path | None = None) -> str:
    return render_template(
        "handover.md.j2", {"brief": brief, "when": _when(brief)}, template_dir=template_dir, filters=FILTERS
    )


def brief_rich_text(brief: HandoverBrief, template_dir: Path | None = None) -> str:
    return render_template(
        "handover.qt.html.j2", {"brief": brief, "when": _when(brief)}, template_dir=template_dir, autoescape=True
    )


def render_brief_pdf(brief: HandoverBrief, template_dir: Path | None = None) -> bytes:
    from warroom.export.pdf import render_rich_text_pdf

    return render_rich_text_pdf(
        brief_rich_text(brief, template_dir),
        title=f"{brief.reference} handover: {brief.title}",
        footer=f"{brief.reference} handover to {brief.to_person} · {brief.title}",
    )


def write_brief(brief: HandoverBrief, path: Path, fmt: str) -> Path:
    """Write the brief as 'md' or 'pdf' to `path`."""
    path = Path(path)
    if fmt == "pdf":
        path.write_bytes(render_brief_pdf(brief))
    else:
        path.write_text(render_brief_markdown(brief), encoding="utf-8", newline="\n")
    return path
