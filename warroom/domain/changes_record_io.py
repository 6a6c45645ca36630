"""Reading changes from CSV and from `git log` output.

CSV: UTF-8 (a byte-order mark is fine), header `occurred_at,service,kind,version,author,link,text`
in any order; occurred_at is ISO 8601 with an offset (or 'Z'); kind blank means deploy; service
is required, and a row needs a version or a text. All or nothing: the first bad row raises a
ValidationError naming its line.

git log: the output of `git log --format=GIT_LOG_FORMAT`, one commit a line, each a config
change (a deploy unless told otherwise) of the named service unless its subject says it reverts ("Revert ...").
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from warroom.domain.changes_record import CSV_COLUMNS, ChangeKind, clean_change_text, clean_service
from warroom.domain.clock import parse_iso
from warroom.domain.errors import ValidationError

GIT_LOG_FORMAT = "%H%x1f%aI%x1f%an%x1f%s"


@dataclass(frozen=True)
class ParsedChange:
    line: int
    occurred_at: datetime
    service: str
    kind: ChangeKind
    version: str
    author: str
    link: str
    text: str


def parse_changes_csv(data: bytes, source_name: str = "changes.csv") -> list[ParsedChange]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"{source_name} is not UTF-8 text: save it as UTF-8 CSV and import it again.") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise ValidationError(f"{source_name} is empty: it needs the header {','.join(CSV_COLUMNS)}.")
    positions = _positions(header, source_name)
    changes = []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise ValidationError(f"{source_name} line {line}: {len(cells)} cells where the header has {len(header)}.")
        changes.append(_row(line, {name: cells[i].strip() for name, i in positions.items()}, source_name))
    if not changes:
        raise ValidationError(f"{source_name} has a header but no changes.")
    return changes


def _positions(header: list[str], source_name: str) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    unknown = [n for n in names if n not in CSV_COLUMNS]
    missing = [c for c in CSV_COLUMNS if c not in names]
    if unknown or missing or len(set(names)) != len(names):
        raise ValidationError(
            f"{source_name} needs exactly the columns {','.join(CSV_COLUMNS)}"
            + (f"; unknown: {', '.join(unknown)}" if unknown else "")
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + "."
        )
    return {name: names.index(name) for name in CSV_COLUMNS}


def _row(line: int, cells: dict[str, str], source_name: str) -> ParsedChange:
    where = f"{source_name} line {line}"
    try:
        at = parse_iso(cells["occurred_at"])
    except ValueError:
        raise ValidationError(
            f"{where}: occurred_at {cells['occurred_at']!r} is not ISO 8601 with an offset, e.g. 2026-11-25T18:00Z."
        ) from None
    try:
        return ParsedChange(
            line=line,
            occurred_at=at,
            service=clean_service(cells["service"]),
            kind=ChangeKind.parse(cells["kind"]) if cells["kind"] else ChangeKind.DEPLOY,
            version=cells["version"],
            author=cells["author"],
            link=cells["link"],
            text=clean_change_text(cells["text"], cells["version"]),
        )
    except ValidationError as exc:
        raise ValidationError(f"{where}: {exc}") from None


def parse_git_log(output: str, service: str, kind: ChangeKind = ChangeKind.DEPLOY) -> list[ParsedChange]:
    """Commits from `git log --format=GIT_LOG_FORMAT` as changes of `service`, oldest first."""
    service = clean_service(service)
    changes = []
    for line, raw in enumerate(output.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = raw.split("\x1f")
        if len(parts) != 4:
            raise ValidationError(f"git log line {line} is not in the expected format (hash, date, author, subject).")
        sha, date, author, subject = parts
        this = ChangeKind.REVERT if subject.lower().startswith("revert") else kind
        changes.append(
            ParsedChange(line, parse_iso(date), service, this, sha[:12], author.strip(), "", subject.strip() or sha)
        )
    return sorted(changes, key=lambda c: c.occurred_at)
