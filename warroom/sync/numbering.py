"""Incident numbers that never collide: the hub gives them out, each once.

A laptop that syncs with a hub stops numbering incidents itself: a new
incident opens as provisional (number 0, shown `INC-?` and the tail of its
id, which no other incident can share by chance in practice) and gets its
number in the sync round after, from the hub's `hub_incident_numbers`
registry, whose key is a sequence on PostgreSQL. The registry maps each
incident to one number and each number to one incident, so asking twice, or
from two laptops at once, gives the same answer, and the number is then an
ordinary replicated field of the incident.

Numbers given out on the laptops before this existed are claimed once, on a
laptop's first numbering round with a hub, in the order the incidents were
opened (created_at, then id), after a full pull. The first claim of a number
keeps it; an incident whose number is already held by another one is
renumbered from the registry, and the laptop that registered its new number
(only that one) writes a note on its timeline saying so. Later duplicates
(from a laptop still running an older version) are resolved the same way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select

from warroom.domain.ids import new_id
from warroom.domain.timeline import EntryKind
from warroom.store.models import IncidentRow
from warroom.store.repositories.incidents import NUMBERS_FROM_HUB_KEY, PROVISIONAL
from warroom.store.store import Store
from warroom.store.uow import UnitOfWork
from warroom.sync.hub import Hub, HubError

log = logging.getLogger("warroom.sync")

CLAIMED_PREFIX = "incident_numbers_claimed:"  # + hub identity: the one-time claim of older numbers is done
NOTE_AUTHOR = "Warroom"
FRESH_TRIES = 1000  # a fresh number may land on one claimed explicitly before: take the next

_CLAIM = (
    "INSERT INTO hub_incident_numbers (number, incident_id) VALUES (:number, :id)"
    " ON CONFLICT DO NOTHING RETURNING number"
)
_FRESH = "INSERT INTO hub_incident_numbers (incident_id) VALUES (:id) ON CONFLICT DO NOTHING RETURNING number"
_HELD = "SELECT number FROM hub_incident_numbers WHERE incident_id = :id"


@dataclass(frozen=True)
class Claim:
    number: int
    registered_here: bool  # this call gave the incident its number (False: it had one already)


def claim(hub: Hub, incident_id: str, wanted: int | None = None) -> Claim:
    """The incident's number on the hub: `wanted` if still free, else the one it holds, else a new one."""
    if wanted is not None and wanted > PROVISIONAL:
        got = hub.fetch_one(_CLAIM, {"number": wanted, "id": incident_id})
        if got is not None:
            return Claim(int(got[0]), True)
    for _ in range(FRESH_TRIES):
        held = hub.fetch_one(_HELD, {"id": incident_id})
        if held is not None:
            return Claim(int(held[0]), False)
        got = hub.fetch_one(_FRESH, {"id": incident_id})
        if got is not None:
            return Claim(int(got[0]), True)
    raise HubError("The hub could not give out an incident number.", offline=False)


@dataclass(frozen=True)
class _Local:
    id: str
    number: int


def number_incidents(store: Store, hub: Hub) -> int:
    """Give provisional incidents their hub number and settle duplicates; how many incidents changed.

    Any failure other than an unreachable hub is logged and leaves the numbers as
    they are (they stay provisional and are tried again next round): numbering
    must never stop sync.
    """
    try:
        return _number(store, hub)
    except HubError as exc:
        if exc.offline:
            raise
        log.warning("incident numbers not given out this round: %s", exc)
        return 0


def _number(store: Store, hub: Hub) -> int:
    claimed_key = CLAIMED_PREFIX + hub.identity
    first_time = not store.meta(claimed_key)
    if not store.meta(NUMBERS_FROM_HUB_KEY):
        store.set_meta(NUMBERS_FROM_HUB_KEY, "1")
    changed = 0
    for incident in _needing_numbers(store, everything=first_time):
        result = claim(hub, incident.id, incident.number)
        if result.number != incident.number:
            _renumber(store, incident, result)
            changed += 1
    if first_time:
        store.set_meta(claimed_key, datetime.now(UTC).isoformat())
    return changed


def _needing_numbers(store: Store, *, everything: bool) -> list[_Local]:
    """Provisional incidents and ones sharing a number (all numbered ones on the first round), oldest first."""
    table = IncidentRow.__table__
    query = select(table.c.id, table.c.number).order_by(table.c.created_at, table.c.id)
    if not everything:
        shared = select(table.c.number).group_by(table.c.number).having(func.count() > 1).scalar_subquery()
        query = query.where((table.c.number == PROVISIONAL) | table.c.number.in_(shared))
    with store.unit_of_work() as uow:
        assert uow.session is not None
        rows = uow.session.execute(query).all()
    return [_Local(r.id, r.number) for r in rows]


def _renumber(store: Store, incident: _Local, result: Claim) -> None:
    """Write the hub's number (an ordinary replicated update) and, for a renamed one, say so on its timeline."""
    with store.unit_of_work() as uow:
        uow.writer.update("incidents", incident.id, {"number": result.number})
        if incident.number > PROVISIONAL and result.registered_here:
            _note(uow, incident, result.number)
        uow.commit()
    log.info("incident %s is INC-%d (was %s)", incident.id, result.number, incident.number or "provisional")


def _note(uow: UnitOfWork, incident: _Local, number: int) -> None:
    now = datetime.now(UTC)
    text = (
        f"Renumbered from INC-{incident.number} to INC-{number}: INC-{incident.number} had also been given "
        "to another incident opened on another laptop while offline; the hub now gives out every number once."
    )
    entry_id = new_id()
    revision = {
        "id": new_id(),
        "entry_id": entry_id,
        "incident_id": incident.id,
        "occurred_at": now,
        "recorded_at": now,
        "author": NOTE_AUTHOR,
        "kind": EntryKind.OBSERVATION.value,
        "text": text,
        "milestone": None,
        "vendor_id": None,
        "contact_id": None,
        "vendor_name": None,
        "contact_name": None,
        "retracted": False,
    }
    uow.writer.append("entry_revisions", revision, new_entry=True)
