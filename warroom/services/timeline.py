"""The live timeline: typed entries, revisions, stars, milestones and metrics."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from types import EllipsisType
from typing import Any

from warroom.domain.clock import as_utc
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.domain.ids import new_id
from warroom.domain.incident import Incident, Status
from warroom.domain.not_future import not_future
from warroom.domain.timeline import Entry, EntryFilter, EntryKind, Revision, clean_milestone, clean_text
from warroom.domain.typed_entry import ParsedEntry, check_against_start, parse_entry
from warroom.services.context import ServiceContext
from warroom.store.uow import UnitOfWork

log = logging.getLogger("warroom.services")

_FUTURE_ENTRY = "That time is in the future: an entry records what has happened."


@dataclass(frozen=True)
class AddedEntry:
    entry: Entry
    warning: str | None  # e.g. the entry is before the incident's start: a sentence to show as is


def write_entry(
    uow: UnitOfWork,
    incident_id: str,
    now: datetime,
    *,
    occurred_at: datetime,
    author: str,
    kind: EntryKind,
    text: str,
    milestone: str | None = None,
    vendor_id: str | None = None,
    contact_id: str | None = None,
    vendor_name: str | None = None,
    contact_name: str | None = None,
) -> Entry:
    """Create an entry and its first revision inside an open unit of work."""
    entry = Entry(
        id=new_id(),
        incident_id=incident_id,
        occurred_at=as_utc(occurred_at),
        recorded_at=now,
        created_at=now,
        author=author,
        kind=kind,
        text=text,
        milestone=milestone,
        vendor_id=vendor_id,
        contact_id=contact_id,
        vendor_name=vendor_name,
        contact_name=contact_name,
        revision=1,
        retracted=False,
        starred=False,
    )
    uow.repos.timeline.add_entry(entry)
    return entry


def write_status_entry(
    uow: UnitOfWork, ctx: ServiceContext, incident: Incident, new: Status, note: str | None, at: datetime | None = None
) -> None:
    """The status change itself is an entry; `at` back-dates it with the milestone that caused it."""
    text = f"Status changed from {incident.status.value} to {new.value}"
    if note:
        text += f": {note}"
    now = ctx.now()
    write_entry(
        uow, incident.id, now, occurred_at=min(at or now, now), author=ctx.user_name, kind=EntryKind.STATUS, text=text
    )


class TimelineService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- writing ----------------------------------------------------------------
    def add(
        self,
        incident_id: str,
        text: str,
        *,
        at: datetime | None = None,
        kind: EntryKind | str = EntryKind.OBSERVATION,
        milestone: str | None = None,
        author: str | None = None,
        vendor_id: str | None = None,
        contact_id: str | None = None,
        vendor_name: str | None = None,
        contact_name: str | None = None,
    ) -> AddedEntry:
        now = self.ctx.now()
        occurred = as_utc(at) if at else now
        not_future(occurred, now, _FUTURE_ENTRY)
        return self._record(
            incident_id,
            now,
            occurred_at=occurred,
            author=(author or self.ctx.user_name).strip(),
            kind=EntryKind.parse(kind),
            text=clean_text(text),
            milestone=clean_milestone(milestone),
            vendor_id=vendor_id,
            contact_id=contact_id,
            vendor_name=vendor_name,
            contact_name=contact_name,
        )

    def add_typed(self, incident_id: str, typed: str) -> AddedEntry:
        """What the entry box does: parse a leading time, kind sigil and milestone."""
        return self.add_parsed(incident_id, parse_entry(typed, self.ctx.now(), self.ctx.zone))

    def add_parsed(self, incident_id: str, parsed: ParsedEntry) -> AddedEntry:
        """A line parse_entry has parsed (and so checked): recorded without parsing it again."""
        now = self.ctx.now()
        not_future(parsed.occurred_at, now, _FUTURE_ENTRY)  # parsed a while ago on a slow worker queue?
        return self._record(
            incident_id,
            now,
            occurred_at=parsed.occurred_at,
            author=self.ctx.user_name.strip(),
            kind=parsed.kind,
            text=parsed.text,
            milestone=parsed.milestone,
        )

    def _record(self, incident_id: str, now: datetime, **content: Any) -> AddedEntry:
        with self.ctx.store.unit_of_work() as uow:
            uow.begin_write()
            started_at = uow.repos.incidents.require_start(incident_id)
            entry = write_entry(uow, incident_id, now, **content)
            if entry.milestone:  # only a milestone moves the incident: read the rest of it then
                incident = uow.repos.incidents.require(incident_id)
                follow_milestone(uow, self.ctx, incident, entry.milestone, entry.occurred_at)
            uow.commit()
        return AddedEntry(entry, check_against_start(entry.occurred_at, started_at, self.ctx.zone))

    def edit(
        self,
        entry_id: str,
        *,
        text: str | None = None,
        occurred_at: datetime | None = None,
        kind: EntryKind | str | None = None,
        milestone: str | EllipsisType | None = ...,
        retracted: bool | None = None,
    ) -> Entry:
        """Write a new revision; the old one stays in the history."""
        now = self.ctx.now()
        with self.ctx.store.unit_of_work() as uow:
            current = self._entry(uow, entry_id)
            revision = Revision(
                id=new_id(),
                entry_id=entry_id,
                occurred_at=as_utc(occurred_at) if occurred_at else current.occurred_at,
                recorded_at=now,
                author=self.ctx.user_name,
                kind=EntryKind.parse(kind) if kind else current.kind,
                text=clean_text(text) if text is not None else current.text,
                milestone=clean_milestone(milestone) if milestone is not ... else current.milestone,
                vendor_id=current.vendor_id,
                contact_id=current.contact_id,
                vendor_name=current.vendor_name,
                contact_name=current.contact_name,
                retracted=current.retracted if retracted is None else retracted,
            )
            not_future(revision.occurred_at, now, _FUTURE_ENTRY)
            uow.repos.timeline.add_revision(current.incident_id, revision)
            if milestone is not ... and revision.milestone:
                follow_milestone(
                    uow,
                    self.ctx,
                    uow.repos.incidents.require(current.incident_id),
                    revision.milestone,
                    revision.occurred_at,
                )
            uow.commit()
            return self._entry(uow, entry_id)

    def retract(self, entry_id: str) -> Entry:
        return self.edit(entry_id, retracted=True)

    def set_milestone(self, entry_id: str, milestone: str | None) -> Entry:
        return self.edit(entry_id, milestone=milestone)

    def star(self, entry_id: str, starred: bool = True) -> Entry:
        with self.ctx.store.unit_of_work() as uow:
            self._entry(uow, entry_id)
            uow.repos.timeline.star(entry_id, starred)
            uow.commit()
            return self._entry(uow, entry_id)

    # -- reading ----------------------------------------------------------------
    def count(self, incident_id: str, flt: EntryFilter = EntryFilter()) -> int:
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.timeline.count(incident_id, flt)

    def page(self, incident_id: str, offset: int, limit: int, flt: EntryFilter = EntryFilter()) -> list[Entry]:
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.timeline.page(incident_id, offset, limit, flt)

    def entries(self, incident_id: str, flt: EntryFilter = EntryFilter()) -> list[Entry]:
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.timeline.all(incident_id, flt)

    def get(self, entry_id: str) -> Entry:
        with self.ctx.store.unit_of_work() as uow:
            return self._entry(uow, entry_id)

    def history(self, entry_id: str) -> list[Revision]:
        with self.ctx.store.unit_of_work() as uow:
            self._entry(uow, entry_id)
            return uow.repos.timeline.revisions(entry_id)

    def metrics(self, incident_id: str):
        from warroom.domain.metrics import compute_metrics, milestone_instants

        with self.ctx.store.unit_of_work() as uow:
            incident = uow.repos.incidents.require(incident_id)
            entries = uow.repos.timeline.milestone_entries(incident_id)
            defs = uow.repos.timeline.duration_defs(incident_id)
        return compute_metrics(milestone_instants(entries), defs, started_at=incident.started_at)

    def add_duration(self, incident_id: str, name: str, start: str, end: str):
        """A user-defined duration between two milestones, e.g. 'Correction time'."""
        from warroom.domain.metrics import DurationDef

        name = " ".join((name or "").split())
        if not name:
            raise ValidationError("A duration needs a name, e.g. 'Correction time'.")
        start_m, end_m = clean_milestone(start), clean_milestone(end)
        if not start_m or not end_m:
            raise ValidationError("A duration runs from one milestone to another: name both.")
        with self.ctx.store.unit_of_work() as uow:
            uow.repos.incidents.require(incident_id)
            duration = DurationDef(new_id(), name, start_m, end_m)
            uow.repos.timeline.add_duration(incident_id, duration)
            uow.commit()
        return duration

    def durations(self, incident_id: str):
        """The incident's user-defined durations (DurationDef with ids), oldest first."""
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.timeline.duration_defs(incident_id)

    def remove_duration(self, duration_id: str) -> None:
        with self.ctx.store.unit_of_work() as uow:
            uow.repos.timeline.remove_duration(duration_id)
            uow.commit()

    # -- helpers ----------------------------------------------------------------
    @staticmethod
    def _entry(uow: UnitOfWork, entry_id: str) -> Entry:
        found = uow.repos.timeline.get(entry_id)
        if found is None:
            raise NotFoundError("That timeline entry no longer exists.")
        return found


def follow_milestone(
    uow: UnitOfWork, ctx: ServiceContext, incident: Incident, milestone: str | None, at: datetime | None = None
) -> Incident:
    """The incident's status follows its milestones (mitigated -> monitoring...)."""
    from warroom.domain.metrics import status_for_milestone

    if milestone == "started" and at is not None and at != incident.started_at:
        # The 'started' milestone is the incident's start: reconstructing a timeline moves it.
        uow.repos.incidents.move_start(incident.id, at)
        incident = uow.repos.incidents.require(incident.id)
    target = status_for_milestone(milestone) if milestone else None
    if target is None or incident.status is target or incident.status is Status.CLOSED:
        return incident
    if _STATUS_ORDER.index(target) < _STATUS_ORDER.index(incident.status):
        return incident  # a late 'identified' must not pull a resolved incident back
    uow.repos.incidents.set_status(incident.id, target)
    write_status_entry(uow, ctx, incident, target, f"milestone '{milestone}'", at)
    return uow.repos.incidents.require(incident.id)


_STATUS_ORDER = [Status.INVESTIGATING, Status.IDENTIFIED, Status.MONITORING, Status.RESOLVED, Status.CLOSED]
