"""A vendor's evidence pack as Markdown, CSV (one row per attempt) or PDF (QtGui only)."""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from warroom.atomic_file import write_atomic
from warroom.domain.vendor_evidence import EvidencePack

FORMATS = ("md", "pdf", "csv")
NOWRAP = ' style="white-space: nowrap"'  # a phone number broken over two lines misreads
ATTEMPT_COLUMNS = ("UTC", "Vendor's time", "Contact", "Channel", "Number or address", "Outcome", "Ticket", "By", "Note")
ENTRY_COLUMNS = ("UTC", "Vendor's time", "Kind", "Milestone", "By", "Text")
# Percent of the page per attempt column: without them QTextDocument squeezed names and
# tickets until it broke them inside a word ("Wiśniewsk|i", "BP-201312|27-04").
ATTEMPT_WIDTHS = (10, 10, 11, 9, 12, 10, 12, 12, 14)
NOWRAP_ATTEMPT = (0, 1, 4, 6)  # instants, the number or address, the ticket


def _facts(pack: EvidencePack) -> list[tuple[str, str]]:
    c = pack.clock
    return [
        ("Incident", f"{pack.reference}: {pack.title}"),
        ("Window", f"{pack.window_start} to {pack.window_end}"),
        ("Vendor", pack.vendor + (f" (contract {pack.contract_ref})" if pack.contract_ref else "")),
        ("Vendor's zone", pack.vendor_zone),
        ("SLA response target", f"{c.sla_min} min, counted in {c.clock_text}" if c.sla_min is not None else "none"),
        ("First attempt", "none" if c.first_attempt is None else f"{c.first_attempt:%Y-%m-%d %H:%M} UTC"),
        ("First reached", "never" if c.first_reached is None else f"{c.first_reached:%Y-%m-%d %H:%M} UTC"),
        ("Acknowledged", "not recorded" if c.acknowledged is None else f"{c.acknowledged:%Y-%m-%d %H:%M} UTC"),
        ("Restored", "not recorded" if c.restored is None else f"{c.restored:%Y-%m-%d %H:%M} UTC"),
        ("Tickets", ", ".join(c.tickets) or "none recorded"),
        ("SLA clock", c.summary),
    ]


def _attempt_cells(pack: EvidencePack) -> list[tuple[str, ...]]:
    return [
        (a.at_utc, a.at_vendor, a.contact, a.channel, a.address, a.outcome, a.ticket, a.author, a.note)
        for a in pack.attempts
    ]


def _entry_cells(pack: EvidencePack) -> list[tuple[str, ...]]:
    return [(e.at_utc, e.at_vendor, e.kind, e.milestone, e.author, e.text) for e in pack.entries]


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _md_table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    return lines + ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in rows]


def render_markdown(pack: EvidencePack) -> str:
    lines = [f"# Evidence: {pack.vendor} in {pack.reference}", ""]
    lines += [f"- **{name}:** {_md_cell(value)}" for name, value in _facts(pack)]
    lines += ["", f"## Attempts to reach {pack.vendor} ({len(pack.attempts)})", ""]
    lines += _md_table(ATTEMPT_COLUMNS, _attempt_cells(pack)) if pack.attempts else ["No attempt was recorded."]
    lines += ["", f"## Timeline entries linked to {pack.vendor} ({len(pack.entries)})", ""]
    lines += _md_table(ENTRY_COLUMNS, _entry_cells(pack)) if pack.entries else ["None."]
    return "\n".join(lines) + "\n"


def render_csv(pack: EvidencePack) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("Incident", "Vendor", *ATTEMPT_COLUMNS))
    for row in _attempt_cells(pack):
        writer.writerow((pack.reference, pack.vendor, *row))
    return out.getvalue()


def rich_text(pack: EvidencePack) -> str:
    """The pack in the HTML subset QTextDocument lays out."""
    e = html.escape

    def cell(index: int, text: str) -> str:
        if index < 2:  # instants: the date over the time, never broken inside either
            return "<br>".join(e(part).replace(" ", "&nbsp;") for part in text.split(" ", 1))
        return e(text)

    def table(
        columns: tuple[str, ...],
        rows: list[tuple[str, ...]],
        widths: tuple[int, ...] = (),
        nowrap: tuple[int, ...] = (0, 1),
    ) -> str:
        sized = [f' width="{w}%"' for w in widths] or [""] * len(columns)
        head = "".join(f'<th align="left" bgcolor="#e8e8e8"{w}>{e(c)}</th>' for c, w in zip(columns, sized))
        body = "".join(
            "<tr>"
            + "".join(f"<td{NOWRAP if i in nowrap else ''}>{cell(i, c)}</td>" for i, c in enumerate(row))
            + "</tr>"
            for row in rows
        )
        return (
            '<table border="1" cellspacing="0" cellpadding="3" width="100%" style="font-size: 8pt">'
            f"<tr>{head}</tr>{body}</table>"
        )

    facts = "".join(
        f'<tr><th align="left" bgcolor="#e8e8e8" width="26%">{e(n)}</th><td>{e(v)}</td></tr>' for n, v in _facts(pack)
    )
    parts = [
        f"<h1>Evidence: {e(pack.vendor)} in {e(pack.reference)}</h1>",
        f'<table border="1" cellspacing="0" cellpadding="3" width="100%">{facts}</table>',
        f"<h2>Attempts to reach {e(pack.vendor)} ({len(pack.attempts)})</h2>",
        table(ATTEMPT_COLUMNS, _attempt_cells(pack), ATTEMPT_WIDTHS, NOWRAP_ATTEMPT)
        if pack.attempts
        else "<p>No attempt was recorded.</p>",
        f"<h2>Timeline entries linked to {e(pack.vendor)} ({len(pack.entries)})</h2>",
        table(ENTRY_COLUMNS, _entry_cells(pack)) if pack.entries else "<p>None.</p>",
    ]
    return "<html><body>" + "".join(parts) + "</body></html>"


def render_pdf(pack: EvidencePack) -> bytes:
    from warroom.export.pdf import render_rich_text_pdf

    return render_rich_text_pdf(
        rich_text(pack),
        title=f"{pack.reference} evidence: {pack.vendor}",
        footer=f"{pack.reference} · evidence for {pack.vendor}",
    )


def write_evidence(pack: EvidencePack, path: Path, fmt: str) -> Path:
    """Write the pack as 'md', 'csv' or 'pdf' to `path`."""
    if fmt == "pdf":
        content: bytes | str = render_pdf(pack)
    else:
        content = render_csv(pack) if fmt == "csv" else render_markdown(pack)
    return write_atomic(Path(path), content)  # a full disk leaves the previous pack whole
