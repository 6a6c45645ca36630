"""`warroom incident open|list|show|status|import`."""

from __future__ import annotations

from warroom.cli.output import open_services, parse_instant, print_json, say


def register(sub) -> None:
    p = sub.add_parser("incident", help="open, list, show and change incidents")
    isub = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    o = isub.add_parser("open", help="open a new incident and print its reference")
    o.add_argument("title")
    o.add_argument("--severity", default="SEV3", help="SEV1 (worst) to SEV4; default SEV3")
    o.add_argument("--started-at", help="ISO 8601 instant with offset; default now")
    o.add_argument("--commander", help="incident commander; default your user name")
    o.add_argument("--service", action="append", default=[], help="an impacted service (repeatable)")
    o.add_argument("--zone", help="the incident's time zone (IANA), default yours")
    o.add_argument("--json", action="store_true", help="print the incident as JSON")
    o.set_defaults(handler=_open)

    ls = isub.add_parser("list", help="list incidents, newest first")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_list)

    sh = isub.add_parser("show", help="show one incident")
    sh.add_argument("ref", help="INC-7, 7 or an id")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(handler=_show)

    st = isub.add_parser("status", help="change an incident's status")
    st.add_argument("ref")
    st.add_argument("status", help="investigating, identified, monitoring, resolved or closed")
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=_status)

    im = isub.add_parser("import", help="restore an incident exported as JSON")
    im.add_argument("file")
    im.add_argument("--json", action="store_true")
    im.add_argument("--as-new", action="store_true", help="give the imported incident fresh ids (a copy)")
    im.set_defaults(handler=_import)


def _summary(inc) -> dict:
    from warroom.cli.output import jsonable

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
    with open_services(args) as services:
        incidents = services.incidents.list()
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
