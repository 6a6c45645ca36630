"""The postmortem's sections for the change record, who held which role, and the handovers.

Pre-formatted text like the other sections, so Markdown, HTML and PDF say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from warroom.domain.changes_record import DEFAULT_WINDOW, Change, ChangeKind, revert_chains
from warroom.domain.clock import as_utc
from warroom.domain.postmortem_vendors import ChartData, ChartLane, ChartMark
from warroom.domain.roles import Assignment, tenures
from warroom.domain.scrub import scrub_secrets


@dataclass(frozen=True)
class ChangeRow:
    utc: str
    local: str
    kind: str
    service: str
    version: str
    author: str
    text: str
    link: str
    mark: str  # "", "suspect", "ruled out", "cause"
    reverts: str  # the label of the change a revert undoes, or ""
    phase: str  # "before the start", "before detection", "during the incident"


@dataclass(frozen=True)
class ChangeSection:
    rows: tuple[ChangeRow, ...]
    chains: tuple[str, ...]  # "deploy checkout 1.4.0 → … → revert checkout 1.4.0-r"
    causes: tuple[str, ...]  # labels of the changes marked the cause
    empty_message: str


@dataclass(frozen=True)
class RoleRow:
    role: str
    person: str
    since: str
    until: str  # "" while still held


@dataclass(frozen=True)
class HandoverRow:
    when: str
    from_person: str
    to_person: str
    note: str


@dataclass(frozen=True)
class RolesSection:
    changes: ChangeSection
    roles: tuple[RoleRow, ...]
    roles_empty_message: str
    handovers: tuple[HandoverRow, ...]
    handovers_empty_message: str


def _when(at: datetime, tz: ZoneInfo) -> tuple[str, str]:
    utc = as_utc(at)
    return utc.strftime("%Y-%m-%d %H:%M"), utc.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")


def change_section(changes: Sequence[Change], milestones: dict[str, datetime], tz: ZoneInfo) -> ChangeSection:
    by_id = {c.id: c for c in changes}
    started, detected = milestones.get("started"), milestones.get("detected")
    rows = []
    for c in sorted(changes, key=lambda c: (c.occurred_at, c.id)):
        utc, local = _when(c.occurred_at, tz)
        reverted = by_id.get(c.reverts_id or "")
        rows.append(
            ChangeRow(
                utc=utc, local=local, kind=c.kind.value, service=c.service, version=c.version,
                author=c.author, text=scrub_secrets(c.text), link=scrub_secrets(c.link),
                mark=c.mark.value if c.mark else "", reverts=reverted.label() if reverted else "",
                phase=_phase(c.occurred_at, started, detected),
            )
        )  # fmt: skip
    chains = tuple(" → ".join(_chain_link(c) for c in chain) for chain in revert_chains(changes))
    causes = tuple(c.label() for c in changes if c.mark is not None and c.mark.value == "cause")
    empty = (
        ""
        if rows
        else "No change was recorded: deploys, reverts, config changes and flag flips go in the change record."
    )
    return ChangeSection(tuple(rows), chains, causes, empty)


def _chain_link(c: Change) -> str:
    label = c.label()
    if c.kind is ChangeKind.REVERT and c.text:
        label = f"revert {c.service} ({c.text})"
    return f"{label} [{c.mark.value}]" if c.mark else label


def _phase(at: datetime, started: datetime | None, detected: datetime | None) -> str:
    if started is not None and at < started:
        return "before the start"
    if detected is not None and at < detected:
        return "before detection"
    return "during the incident"


def roles_section(
    changes: Sequence[Change],
    assignments: Sequence[Assignment],
    handovers: Sequence[HandoverRow],
    milestones: dict[str, datetime],
    tz: ZoneInfo,
) -> RolesSection:
    roles = tuple(
        RoleRow(t.title(), t.person, _when(t.since, tz)[0] + " UTC", _when(t.until, tz)[0] + " UTC" if t.until else "")
        for t in tenures(assignments)
    )
    return RolesSection(
        changes=change_section(changes, milestones, tz),
        roles=roles,
        roles_empty_message="" if roles else "No roles were assigned in Warroom.",
        handovers=tuple(handovers),
        handovers_empty_message="" if handovers else "The incident was not handed over.",
    )


def handover_row(at: datetime, from_person: str, to_person: str, note: str, tz: ZoneInfo) -> HandoverRow:
    utc, local = _when(at, tz)
    return HandoverRow(f"{local} ({utc[-5:]} UTC)", from_person or "—", to_person, scrub_secrets(note))


CHANGES_LANE = "Changes"


def with_change_lane(chart: ChartData, changes: Sequence[Change], started: datetime | None) -> ChartData:
    """The chart with a "Changes" lane: the changes from 48 h before the start on, and every marked one.

    Each mark's outcome is "change" or "change: <mark>", which the chart draws in its own style."""
    from dataclasses import replace

    since = started - DEFAULT_WINDOW if started is not None else None
    shown = [c for c in changes if c.mark is not None or since is None or c.occurred_at >= since]
    if not shown:
        return chart
    marks = tuple(
        ChartMark(c.occurred_at, f"change: {c.mark.value}" if c.mark else "change", c.label())
        for c in sorted(shown, key=lambda c: c.occurred_at)
    )
    return replace(chart, lanes=(*chart.lanes, ChartLane(CHANGES_LANE, marks)))
