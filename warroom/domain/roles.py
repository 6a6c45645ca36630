"""Incident roles: who holds which role, since when, and who held it before.

Choices a reader should know:
- Every assignment is a history row; the holder of a role is the person in its latest
  assignment, and an assignment to nobody ("") leaves the role vacant.
- Each role has one holder at a time (assigning a new scribe replaces the old one); a person
  may hold several roles. A vendor owner is a role scoped to one vendor, so each vendor has
  its own owner.
- Standard roles are lower-case keywords; a role the team defines keeps its own words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from warroom.domain.errors import ValidationError

COMMANDER = "commander"
VENDOR_OWNER = "vendor owner"
STANDARD_ROLES: tuple[str, ...] = (COMMANDER, "deputy", "scribe", "communications lead", "vendor liaison")
_ALIASES = {
    "ic": COMMANDER,
    "incident commander": COMMANDER,
    "comms": "communications lead",
    "comms lead": "communications lead",
    "liaison": "vendor liaison",
    "owner": VENDOR_OWNER,
}


def clean_role(text: str) -> str:
    """'Comms-Lead' -> 'communications lead'; a custom role keeps its words (at most 60 characters)."""
    name = " ".join((text or "").replace("_", " ").replace("-", " ").split())
    if not name:
        raise ValidationError(
            "Name the role: commander, deputy, scribe, communications lead, vendor liaison or your own."
        )
    folded = _ALIASES.get(name.lower(), name.lower())
    if folded in STANDARD_ROLES or folded == VENDOR_OWNER:
        return folded
    if len(name) > 60:
        raise ValidationError("A role name is at most 60 characters.")
    return name


def clean_person(text: str) -> str:
    return " ".join((text or "").split())


@dataclass(frozen=True)
class Assignment:
    id: str
    incident_id: str
    role: str
    person: str  # "" when the role was vacated
    at: datetime
    author: str
    vendor_id: str | None = None
    vendor_name: str = ""

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.role.casefold(), self.vendor_id)

    def title(self) -> str:
        """'commander', or 'vendor owner of Nordic Firewall AB'."""
        return f"{self.role} of {self.vendor_name}" if self.vendor_id or self.vendor_name else self.role


@dataclass(frozen=True)
class Tenure:
    """One person holding one role over a span; `until` is None while they still hold it."""

    role: str
    person: str
    since: datetime
    until: datetime | None
    vendor_name: str = ""

    def title(self) -> str:
        return f"{self.role} of {self.vendor_name}" if self.vendor_name else self.role


def _ordered(assignments: Iterable[Assignment]) -> list[Assignment]:
    return sorted(assignments, key=lambda a: (a.at, a.id))


def current_holders(assignments: Iterable[Assignment]) -> list[Assignment]:
    """The latest assignment of each role that someone holds now, standard roles first."""
    latest: dict[tuple[str, str | None], Assignment] = {}
    for assignment in _ordered(assignments):
        latest[assignment.key] = assignment
    held = [a for a in latest.values() if a.person]
    return sorted(held, key=_role_rank)


def _role_rank(a: Assignment | Tenure) -> tuple[int, str, str]:
    role = a.role
    standard = STANDARD_ROLES.index(role) if role in STANDARD_ROLES else len(STANDARD_ROLES)
    return (standard, role.casefold(), a.vendor_name.casefold())


def holder(assignments: Iterable[Assignment], role: str) -> str:
    """Who holds `role` now (not vendor-scoped), or ""."""
    wanted = role.casefold()
    found = [a for a in current_holders(assignments) if a.role.casefold() == wanted and a.vendor_id is None]
    return found[0].person if found else ""


def roles_of(assignments: Iterable[Assignment], person: str) -> list[str]:
    """The roles `person` holds now."""
    wanted = person.casefold()
    return [a.title() for a in current_holders(assignments) if a.person.casefold() == wanted]


def tenures(assignments: Sequence[Assignment]) -> list[Tenure]:
    """Who held which role when: each assignment runs until the next one of the same role."""
    open_by_key: dict[tuple[str, str | None], Assignment] = {}
    spans: list[Tenure] = []
    for assignment in _ordered(assignments):
        before = open_by_key.get(assignment.key)
        if before is not None and before.person:
            spans.append(Tenure(before.role, before.person, before.at, assignment.at, before.vendor_name))
        open_by_key[assignment.key] = assignment
    spans += [Tenure(a.role, a.person, a.at, None, a.vendor_name) for a in open_by_key.values() if a.person]
    return sorted(spans, key=lambda t: (_role_rank(t), t.since))


def assignment_text(role_title: str, person: str, previous: str) -> str:
    """The timeline entry for a role change."""
    if not person:
        return f"Role {role_title} vacated (was {previous})" if previous else f"Role {role_title} vacated"
    if previous and previous != person:
        return f"{person} is now {role_title} (was {previous})"
    return f"{person} is now {role_title}"
