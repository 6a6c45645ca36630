"""`warroom incident open|list|show|status|import`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from warroom.cli.commands import SubCommands, add_command, add_group
from warroom.cli.output import jsonable, open_services, parse_instant, print_json, say

if TYPE_CHECKING:
    from warroom.domain.incident import Incident


_JSON_HELP = "print the incident as JSON"


def register(sub: SubCommands) -> None:
    actions = add_group(sub, "incident", "open, list, show and change incidents")

    o = add_command(actions, "open", _open, "open a new incident and print its reference", json=_JSON_HELP)
    o.add_argument("title")
    o.add_argument("--severity", default="SEV3", help="SEV1 (worst) to SEV4; default SEV3")
    o.add_argument("--started-at", help="ISO 8601 instant with offset; default now")
    o.add_argument("--commander", help="incident commander; default your user name")
    o.add_argument("--service", action="append", default=[], help="an impacted service (repeatable)")
    o.add_argument("--zone", help="the incident's time zone (IANA), default yours")

    add_command(actions, "list", _list, "list incidents, newest first")
    add_command(actions, "show", _show, "show one incident", ref=True)

    st = add_command(actions, "status", _status, "change an incident's status", ref=True)
    st.add_argument("status", help="investigating, identified, monitoring, resolved or closed")

    im = add_command(actions, "import", _import, "restore an incident exported as JSON")
    im.add_argument("file")
    im.add_argument("--as-new", action="store_true", help="give the imported incident fresh ids (a copy)")


def _summary(inc: Incident) -> dict[str, Any]:
    data = jsonable(inc)
    data["reference"] = inc.reference
    return data


def _open(args) -> int:
    with open_services(args) as services:
        inc = services.incidents.open(
            args.title,
            args.severity,
            started_at=parse_instant(args.started_at, "--started-at"),
            commander=args.commander,
            impacted_services=tuple(args.service),
            zone=args.zone,
        )
    if args.json:
        print_json(_summary(inc))
    else:
        print(inc.reference)
    say(f"Opened {inc.reference}: {inc.title} ({inc.severity.value}) in {services.store.location}")
    return 0


def _list(args) -> int:
    from warroom.services.incident_list import list_incidents  # Core only: no ORM to import

    incidents = list_incidents(args.db, create=getattr(args, "create", False))
    if args.json:
        print_json([_summary(i) for i in incidents])
        return 0
    if not incidents:
        say("No incident yet: 'warroom incident open TITLE' opens one, 'warroom demo' loads an example.")
    for i in incidents:
        print(f"{i.reference:8} {i.severity.value}  {i.status.value:13} {i.started_at:%Y-%m-%d %H:%M}Z  {i.title}")
    return 0


def _show(args) -> int:
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        metrics = services.timeline.metrics(inc.id)
        count = services.timeline.count(inc.id)
    data = _summary(inc)
    data["entries"] = count
    data["metrics"] = metrics.to_json()
    if args.json:
        print_json(data)
        return 0
    print(
        f"{inc.reference}  {inc.title}\n  {inc.severity.value}, {inc.status.value}, "
        f"commander {inc.commander or '—'}, started {inc.started_at:%Y-%m-%d %H:%M} UTC, {count} entries"
    )
    return 0


def _status(args) -> int:
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        inc = services.incidents.set_status(inc.id, args.status)
    if args.json:
        print_json(_summary(inc))
    say(f"{inc.reference} is now {inc.status.value}")
    return 0


def _import(args) -> int:
    from pathlib import Path

    with open_services(args) as services:
        result = services.postmortem.import_file(Path(args.file), as_new=args.as_new)
    inc = result.incident
    if args.json:
        print_json(_summary(inc))
    else:
        print(inc.reference)
    say(result.message)
    return 0
