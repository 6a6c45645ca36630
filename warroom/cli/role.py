"""`warroom role assign|list`: who holds which role in an incident."""

from __future__ import annotations

from warroom.cli.output import jsonable, open_services, print_json, say


def register(sub) -> None:
    p = sub.add_parser("role", help="assign and list incident roles (commander, scribe, ...)")
    rsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    a = rsub.add_parser("assign", help="give a role to a person (an empty PERSON vacates it)")
    a.add_argument("ref", help="INC-7, 7 or an id")
    a.add_argument(
        "role", help="commander, deputy, scribe, communications lead, vendor liaison, vendor owner or your own"
    )
    a.add_argument("person")
    a.add_argument("--vendor", help="with 'vendor owner': the vendor this person chases")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=_assign)

    ls = rsub.add_parser("list", help="who holds which role now (and, with --history, who held it when)")
    ls.add_argument("ref")
    ls.add_argument("--history", action="store_true", help="every tenure, not only the current holders")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_list)


def holder_json(a) -> dict:
    return {
        "role": a.role,
        "person": a.person,
        "vendor": a.vendor_name or None,
        "since": jsonable(a.at),
        "title": a.title(),
    }


def _assign(args) -> int:
    from warroom.services.roles.roles import RoleService

    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        holders = RoleService(services.ctx).assign(inc.id, args.role, args.person, vendor=args.vendor)
    if args.json:
        print_json([holder_json(a) for a in holders])
    say(f"{inc.reference}: " + "; ".join(f"{a.title()}: {a.person}" for a in holders))
    return 0


def _list(args) -> int:
    from warroom.services.roles.roles import RoleService

    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        roles = RoleService(services.ctx)
        if args.history:
            spans = roles.history(inc.id)
            if args.json:
                print_json([{**jsonable(t), "title": t.title()} for t in spans])
                return 0
            for t in spans:
                until = f"{t.until:%Y-%m-%d %H:%M}Z" if t.until else "now"
                print(f"{t.title():28} {t.person:24} {t.since:%Y-%m-%d %H:%M}Z – {until}")
            return 0
        holders = roles.holders(inc.id)
    if args.json:
        print_json([holder_json(a) for a in holders])
        return 0
    for a in holders:
        print(f"{a.title():28} {a.person}")
    return 0
