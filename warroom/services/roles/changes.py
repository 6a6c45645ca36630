"""The change record: add, import (CSV, git log), list, mark, and the "what changed" window."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from warroom.domain.changes_record import (
    DEFAULT_WINDOW,
    Change,
    ChangeKind,
    ChangeMark,
    MarkEvent,
    clean_change_text,
    clean_service,
    in_window,
    revert_chains,
)
from warroom.domain.changes_record_io import GIT_LOG_FORMAT, ParsedChange, parse_changes_csv, parse_git_log
from warroom.domain.clock import as_utc
from warroom.domain.errors import AmbiguousError, NotFoundError, ValidationError
from warroom.domain.ids import new_id
from warroom.domain.incident import Incident
from warroom.domain.metrics import milestone_instants
from warroom.domain.timeline import EntryKind
from warroom.services.context import ServiceContext
from warroom.services.timeline import write_entry


@dataclass(frozen=True)
class WhatChanged:
    """The changes from `before` ahead of the anchor (start or detection) onwards, and their chains."""

    anchor: str  # "started" or "detected"
    anchor_at: datetime
    before: timedelta
    changes: tuple[Change, ...]
    chains: tuple[tuple[Change, ...], ...]


class ChangeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def add(
        self,
        incident_id: str,
        text: str,
        *,
        service: str,
        kind: ChangeKind | str = ChangeKind.DEPLOY,
        version: str = "",
        at: datetime | None = None,
        author: str | None = None,
        link: str = "",
        reverts: str | None = None,
    ) -> Change:
        kind = kind if isinstance(kind, ChangeKind) else ChangeKind.parse(kind)
        when = as_utc(at) if at else self.ctx.now()
        if when > self.ctx.now() + timedelta(minutes=1):
            raise ValidationError("That time is in the future: the change record holds changes already made.")
        parsed = ParsedChange(
            0, when, clean_service(service), kind, version.strip(), (author or self.ctx.user_name).strip(),
            link.strip(), clean_change_text(text, version),
        )  # fmt: skip
        with self.ctx.store.unit_of_work() as uow:
            incident = _incident(uow, incident_id)
            reverts_id = find_change(uow.repos.roles.changes(incident_id), reverts).id if reverts else None
            if reverts_id and kind is not ChangeKind.REVERT:
                raise ValidationError("Only a revert reverts another change: add it with --kind revert.")
            change_id = self._write(uow, incident, parsed, reverts_id)
            uow.commit()
            found = uow.repos.roles.change(change_id)
        assert found is not None
        return found

    def import_csv(self, incident_id: str, data: bytes, source_name: str = "changes.csv") -> list[Change]:
        """All rows or none; a row that repeats a recorded change (same time, service, version) is skipped."""
        return self._import(incident_id, parse_changes_csv(data, source_name))

    def import_git_log(
        self, incident_id: str, repo: Path, service: str, *, since: datetime | None = None
    ) -> list[Change]:
        """The commits of the repository at `repo` (since `since`, default 7 days before the start)."""
        with self.ctx.store.unit_of_work() as uow:
            incident = _incident(uow, incident_id)
        start = as_utc(since) if since else incident.started_at - timedelta(days=7)
        output = _git_log(Path(repo), start)
        return self._import(incident_id, parse_git_log(output, service))

    def _import(self, incident_id: str, parsed: list[ParsedChange]) -> list[Change]:
        with self.ctx.store.unit_of_work() as uow:
            incident = _incident(uow, incident_id)
            known = {(c.occurred_at, c.service, c.version, c.text) for c in uow.repos.roles.changes(incident_id)}
            ids = [
                self._write(uow, incident, p, None)
                for p in parsed
                if (p.occurred_at, p.service, p.version, p.text) not in known
            ]
            uow.commit()
            return [c for c in uow.repos.roles.changes(incident_id) if c.id in set(ids)]

    def _write(self, uow, incident: Incident, p: ParsedChange, reverts_id: str | None) -> str:
        change_id = new_id()
        uow.repos.roles.add_change(
            Change(
                id=change_id,
                incident_id=incident.id,
                occurred_at=p.occurred_at,
                service=p.service,
                kind=p.kind,
                version=p.version,
                author=p.author,
                link=p.link,
                text=p.text,
                reverts_id=reverts_id,
            )
        )
        if p.occurred_at >= incident.started_at:  # a change made during the incident is something done
            what = " ".join(x for x in (p.kind.value.capitalize(), p.service, p.version) if x)
            text = f"{what}: {p.text}" if p.text else what
            write_entry(
                uow, incident.id, self.ctx.now(), occurred_at=p.occurred_at, author=p.author or self.ctx.user_name,
                kind=EntryKind.ACTION, text=text,
            )  # fmt: skip
        return change_id

    def list(self, incident_id: str) -> list[Change]:
        with self.ctx.store.unit_of_work() as uow:
            _incident(uow, incident_id)
            return uow.repos.roles.changes(incident_id)

    def mark(self, incident_id: str, change_ref: str, mark: ChangeMark | str, note: str = "") -> Change:
        """Record a mark (append-only) and say so on the timeline."""
        mark = mark if isinstance(mark, ChangeMark) else ChangeMark.parse(mark)
        now = self.ctx.now()
        with self.ctx.store.unit_of_work() as uow:
            incident = _incident(uow, incident_id)
            change = find_change(uow.repos.roles.changes(incident_id), change_ref)
            event = MarkEvent(new_id(), change.id, mark, now, self.ctx.user_name, note.strip())
            uow.repos.roles.add_change_mark(event, incident.id)
            said = "no longer marked" if mark is ChangeMark.CLEARED else f"marked {mark.value}"
            text = f"Change {change.label()} {said}" + (f": {note.strip()}" if note.strip() else "")
            write_entry(
                uow, incident.id, now, occurred_at=now, author=self.ctx.user_name, kind=EntryKind.DECISION, text=text
            )
            uow.commit()
            found = uow.repos.roles.change(change.id)
        assert found is not None
        return found

    def what_changed(
        self, incident_id: str, *, before: timedelta = DEFAULT_WINDOW, anchor: str = "started"
    ) -> WhatChanged:
        if anchor not in ("started", "detected"):
            raise ValidationError("The window is anchored at the incident's start or its detection.")
        with self.ctx.store.unit_of_work() as uow:
            incident = _incident(uow, incident_id)
            changes = uow.repos.roles.changes(incident_id)
            milestones = milestone_instants(uow.repos.timeline.milestone_entries(incident_id))
        at = milestones.get(anchor) or (milestones.get("started") or incident.started_at)
        shown = in_window(changes, at, before)
        return WhatChanged(anchor, at, before, tuple(shown), tuple(tuple(c) for c in revert_chains(changes)))


def find_change(changes: list[Change], ref: str) -> Change:
    """A change by id, by a unique end of its id, or by a unique version."""
    wanted = (ref or "").strip()
    if not wanted:
        raise ValidationError("Name the change: its id (or the last characters of it) or its version.")
    exact = [c for c in changes if c.id == wanted]
    if exact:
        return exact[0]
    for matches in (
        [c for c in changes if c.version == wanted],
        [c for c in changes if len(wanted) >= 4 and c.id.replace("-", "").endswith(wanted.replace("-", "").lower())],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise AmbiguousError(f"{len(matches)} changes match {wanted!r}: use the id from 'warroom change list'.")
    raise NotFoundError(f"No change of this incident matches {wanted!r}: 'warroom change list' shows them.")


def _incident(uow, incident_id: str) -> Incident:
    incident = uow.repos.incidents.get(incident_id)
    if incident is None:
        raise NotFoundError(f"No incident has the id {incident_id}.")
    return incident


def _git_log(repo: Path, since: datetime) -> str:
    if not repo.is_dir():
        raise ValidationError(f"{repo} is not a folder: give the path of a git repository.")
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), "log", f"--since={since.isoformat()}", f"--format={GIT_LOG_FORMAT}"],
            capture_output=True, text=True, encoding="utf-8", timeout=60, check=False,
        )  # fmt: skip
    except FileNotFoundError:
        raise ValidationError("git is not installed here: export the log as CSV and import that instead.") from None
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["unknown error"])[0]
        raise ValidationError(f"git log failed in {repo}: {first}.")
    return done.stdout
