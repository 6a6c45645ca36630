"""Opening, finding and changing incidents."""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from warroom.domain.clock import as_utc
from warroom.domain.errors import AmbiguousError, NotFoundError, ValidationError
from warroom.domain.ids import is_id, new_id
from warroom.domain.incident import (
    NARRATIVE_FIELDS,
    Incident,
    Severity,
    Status,
    clean_title,
    parse_provisional,
    parse_reference,
    provisional_suffix,
)
from warroom.domain.not_future import NO_TOLERANCE, not_future
from warroom.services.context import ServiceContext

log = logging.getLogger("warroom.services")

_FUTURE_START = "An incident cannot start in the future: check the start time."


def check_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"Unknown time zone {name!r}: use an IANA name such as Europe/Stockholm.") from None
    return name


def _one_provisional(ref: str, matches: list[Incident]) -> Incident:
    if not matches:
        raise NotFoundError(f"No incident {ref}: it may have its number by now ('warroom incident list').")
    if len(matches) > 1:
        raise AmbiguousError(f"{ref} matches more than one incident; use an id: {', '.join(m.id for m in matches)}.")
    return matches[0]


class IncidentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def open(
        self,
        title: str,
        severity: Severity | str,
        *,
        started_at: datetime | None = None,
        commander: str | None = None,
        impacted_services: tuple[str, ...] = (),
        zone: str | None = None,
    ) -> Incident:
        title = clean_title(title)
        sev = Severity.parse(severity)
        now = self.ctx.now()
        started = as_utc(started_at) if started_at else now
        not_future(started, now, _FUTURE_START, tolerance=NO_TOLERANCE)
        services = tuple(s.strip() for s in impacted_services if s and s.strip())
        with self.ctx.store.unit_of_work() as uow:
            incident_id = new_id()
            uow.repos.incidents.add_incident(
                Incident(
                    id=incident_id,
                    number=uow.repos.incidents.next_number(),
                    title=title,
                    severity=sev,
                    status=Status.INVESTIGATING,
                    commander=(commander if commander is not None else self.ctx.user_name).strip(),
                    started_at=started,
                    created_at=now,
                    zone=check_zone(zone or self.ctx.zone),
                    impacted_services=services,
                )
            )
            uow.commit()
            incident = uow.repos.incidents.require(incident_id)
        log.info("opened incident %s", incident.reference)
        return incident

    def list(self) -> list[Incident]:
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.incidents.list()

    def get(self, reference: str) -> Incident:
        """Find an incident by 'INC-7', '7' or its id."""
        ref = (reference or "").strip()
        with self.ctx.store.unit_of_work() as uow:
            if is_id(ref):
                found = uow.repos.incidents.get(ref)
                if found:
                    return found
                raise NotFoundError(f"No incident has the id {ref}.")
            tail = parse_provisional(ref)
            if tail is not None:
                return _one_provisional(
                    ref, [i for i in uow.repos.incidents.list() if provisional_suffix(i.id) == tail]
                )
            number = parse_reference(ref)
            if number is None:
                raise ValidationError(f"{reference!r} is not an incident reference: use INC-7, 7 or an id.")
            matches = uow.repos.incidents.by_number(number)
        if not matches:
            raise NotFoundError(f"No incident INC-{number}: 'warroom incident list' shows them all.")
        if len(matches) > 1:
            ids = ", ".join(m.id for m in matches)
            raise AmbiguousError(f"INC-{number} was opened on two laptops while offline; use an id: {ids}.")
        return matches[0]

    def update(self, incident_id: str, **fields) -> Incident:
        allowed = {"title", "severity", "commander", "started_at", "zone", "impacted_services", *NARRATIVE_FIELDS}
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError(f"Cannot change {', '.join(sorted(unknown))} of an incident.")
        values = self._clean(fields)
        with self.ctx.store.unit_of_work() as uow:
            uow.repos.incidents.require(incident_id)
            uow.repos.incidents.change_incident(incident_id, values)
            uow.commit()
            return uow.repos.incidents.require(incident_id)

    def set_status(self, incident_id: str, status: Status | str, *, note: str | None = None) -> Incident:
        new = Status.parse(status)
        from warroom.services.timeline import write_status_entry

        with self.ctx.store.unit_of_work() as uow:
            current = uow.repos.incidents.require(incident_id)
            if current.status is new:
                return current
            uow.repos.incidents.set_status(incident_id, new)
            write_status_entry(uow, self.ctx, current, new, note)
            uow.commit()
            return uow.repos.incidents.require(incident_id)

    def _clean(self, fields: dict) -> dict:
        values = dict(fields)
        if "title" in values:
            values["title"] = clean_title(values["title"])
        if "severity" in values:
            values["severity"] = Severity.parse(values["severity"])
        if "zone" in values:
            values["zone"] = check_zone(values["zone"])
        if "started_at" in values:
            values["started_at"] = as_utc(values["started_at"])
            not_future(values["started_at"], self.ctx.now(), _FUTURE_START, tolerance=NO_TOLERANCE)
        if "impacted_services" in values:
            values["impacted_services"] = [s.strip() for s in values["impacted_services"] if s.strip()]
        for f in NARRATIVE_FIELDS:
            if f in values:
                values[f] = values[f] or ""
        return values
